package io.cdcbundle.sink.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import org.hibernate.c3p0.internal.C3P0ConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cdcbundle.sink.settings.DialectOptions;

/**
 * The Debezium JDBC sink's own connection pool (c3p0), whose connections prepare the sink's single-row INSERT and
 * upsert statements as {@link MultiRowBatchStatement}s (a JDBC batch of n rows then runs as n / max.rows multi-row
 * statements), and whose commits pass the task's {@link WriteFence} first. Set as the sink's
 * {@code connection.provider} by the sink task ({@code io.cdcbundle.sink.task.DialectWiring}) for MariaDB, MySQL and
 * PostgreSQL targets, whose drivers send a batch as one statement per row (pgjdbc's reWriteBatchedInserts would rewrite it, but splits a batch at no
 * key, which PostgreSQL's upsert then refuses).
 */
public class MultiRowConnectionProvider extends C3P0ConnectionProvider {

    private static final Logger log = LoggerFactory.getLogger(MultiRowConnectionProvider.class);

    private int maxRows = DialectOptions.DEFAULT_MAX_ROWS;
    private WriteFence fence;

    @Override
    public void configure(Map<String, Object> settings) {
        Object value = settings.get(DialectOptions.MAX_ROWS_SETTING);
        if (value != null) {
            maxRows = Integer.parseInt(value.toString().trim());
        }
        super.configure(settings);
        Object fenceName = settings.get(DialectOptions.FENCE_SETTING);
        if (fenceName != null) {
            fence = acquireFence(new WriteFence(fenceName.toString()));
        }
    }

    /** The fence, or null when its table cannot be written; further tries cover instances that created it at once. */
    private WriteFence acquireFence(WriteFence candidate) {
        SQLException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection connection = super.getConnection()) {
                candidate.acquire(connection);
                log.info("Sink task {} writes as generation {} in table {}: older instances of it can no longer commit",
                        candidate.name(), candidate.generation(), DialectOptions.FENCE_TABLE);
                return candidate;
            } catch (SQLException e) {
                last = e;
            }
        }
        log.warn("Sink task {} runs without a write fence: table {} could not be written ({}). Grant CREATE on the "
                + "target schema, or set {}=false.", candidate.name(), DialectOptions.FENCE_TABLE, last.getMessage(),
                DialectOptions.FENCE);
        return null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        if (maxRows <= 1 && fence == null) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (fence != null && args == null && method.getName().equals("commit")) {
                        try {
                            fence.check(connection);
                        } catch (SQLException fenced) {
                            connection.rollback();
                            throw fenced;
                        }
                    }
                    if (maxRows > 1 && args != null && args.length == 1 && method.getName().equals("prepareStatement")) {
                        String sql = (String) args[0];
                        Optional<MultiRowInsert> insert = MultiRowInsert.parse(sql);
                        if (insert.isEmpty() && sql.regionMatches(true, 0, "INSERT INTO ", 0, 12)) {
                            UnrecognisedStatements.report("the multi-row INSERT", sql);
                        }
                        PreparedStatement single = connection.prepareStatement(sql);
                        return insert.isEmpty() ? single
                                : MultiRowBatchStatement.wrap(connection, single, insert.get(), maxRows);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
