package io.cdcbundle.sink.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link PreparedStatement} for a single-row INSERT whose JDBC batch runs as multi-row INSERT statements of at
 * most {@code maxRows} rows (and at most 65,535 parameters, MariaDB's and MySQL's limit), instead of one statement
 * per row, a statement ending before a row that repeats an ON CONFLICT key of it. Everything else (setters,
 * executeUpdate, metadata) goes to the real single-row statement, so the statement behaves as before outside of
 * batches. The rows of one executeBatch run in the caller's transaction, in
 * their order: the result is the same as the row-by-row batch's.
 */
final class MultiRowBatchStatement implements InvocationHandler {

    private static final int MAX_PARAMETERS = 65_535;

    /**
     * One setter call: its method, its parameter index in the single-row statement, and its arguments (the proxy's
     * own array, made for this call), whose first is set to the index in the multi-row statement when it runs.
     */
    private record Binding(Method setter, int index, Object[] args) {
    }

    private final Connection connection;
    private final PreparedStatement single;
    private final MultiRowInsert insert;
    private final int rowsPerStatement;
    private final int[] conflictKey;
    private Binding[] current;
    private final List<Binding[]> rows = new ArrayList<>();

    private MultiRowBatchStatement(Connection connection, PreparedStatement single, MultiRowInsert insert, int maxRows) {
        this.connection = connection;
        this.single = single;
        this.insert = insert;
        this.rowsPerStatement = Math.max(1, Math.min(maxRows, MAX_PARAMETERS / insert.parametersPerRow()));
        this.conflictKey = insert.conflictKeyParameters();
        this.current = new Binding[insert.parametersPerRow()];
    }

    static PreparedStatement wrap(Connection connection, PreparedStatement single, MultiRowInsert insert, int maxRows) {
        return (PreparedStatement) Proxy.newProxyInstance(MultiRowBatchStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                new MultiRowBatchStatement(connection, single, insert, maxRows));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (isParameterSetter(method, args)) {
            int index = (Integer) args[0];
            if (index >= 1 && index <= current.length) {
                // Only recorded: the single-row statement gets it if it runs on its own (see bindSingle).
                current[index - 1] = new Binding(method, index, args);
                return null;
            }
        } else if (args == null || args.length == 0) {
            switch (name) {
                case "addBatch":
                    addRow();
                    return null;
                case "clearBatch":
                    rows.clear();
                    return null;
                case "clearParameters":
                    current = new Binding[current.length];
                    break;
                case "executeBatch":
                    return executeRows();
                case "executeLargeBatch":
                    return Arrays.stream(executeRows()).asLongStream().toArray();
                case "execute", "executeUpdate", "executeQuery", "executeLargeUpdate":
                    bindSingle();
                    break;
                case "toString":
                    return "multi-row batch of " + single;
                default:
                    break;
            }
        }
        return forward(method, args);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(single, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isParameterSetter(Method method, Object[] args) {
        return method.getDeclaringClass() == PreparedStatement.class && method.getName().startsWith("set")
                && args != null && args.length >= 2 && args[0] instanceof Integer;
    }

    /** The recorded parameters, set on the single-row statement for a run outside of a batch. */
    private void bindSingle() throws SQLException {
        for (Binding binding : current) {
            if (binding != null) {
                binding.args()[0] = binding.index();
                invokeSetter(binding.setter(), single, binding.args());
            }
        }
    }

    private void addRow() throws SQLException {
        for (int i = 0; i < current.length; i++) {
            if (current[i] == null) {
                throw new SQLException("Parameter " + (i + 1) + " of " + current.length + " was not set before addBatch()");
            }
        }
        rows.add(current.clone());
    }

    private int[] executeRows() throws SQLException {
        int[] counts = new int[rows.size()];
        try {
            for (int from = 0, to; from < rows.size(); from = to) {
                to = endOfStatement(from);
                try (PreparedStatement statement = connection.prepareStatement(insert.sql(to - from))) {
                    int offset = 0;
                    for (int row = from; row < to; row++) {
                        for (Binding binding : rows.get(row)) {
                            binding.args()[0] = binding.index() + offset;
                            invokeSetter(binding.setter(), statement, binding.args());
                        }
                        offset += insert.parametersPerRow();
                    }
                    statement.executeUpdate();
                }
                // Affected-row counts of a multi-row upsert are not per row (MariaDB counts an update twice).
                Arrays.fill(counts, from, to, Statement.SUCCESS_NO_INFO);
            }
            return counts;
        } finally {
            rows.clear();
        }
    }

    /** The end (exclusive) of the statement that starts at row {@code from}: before a repeated conflict key. */
    private int endOfStatement(int from) {
        int limit = Math.min(rows.size(), from + rowsPerStatement);
        if (conflictKey.length == 0) {
            return limit;
        }
        Set<List<Object>> seen = new HashSet<>();
        for (int row = from; row < limit; row++) {
            List<Object> values = new ArrayList<>(conflictKey.length);
            for (int position : conflictKey) {
                Object[] args = rows.get(row)[position].args();
                values.add(args[1] instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : args[1]);
            }
            if (!seen.add(values)) {
                return row;
            }
        }
        return limit;
    }

    private static void invokeSetter(Method setter, PreparedStatement statement, Object[] args) throws SQLException {
        try {
            setter.invoke(statement, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("Binding parameter " + args[0] + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new SQLException("Binding parameter " + args[0] + " failed", e);
        }
    }
}
