package io.cdcbundle.sink.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The statement logic alone, against a JDBC stand-in that records what reaches it; the lab's pipeline tests run the
 * same class against real MariaDB and PostgreSQL servers.
 */
class MultiRowBatchStatementTest {

    private static final String UPSERT = "INSERT INTO t (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name=EXCLUDED.name";

    /** What the stand-in statements saw: "prepare <sql>", "set <index>=<value>", "run <what>". */
    private final List<String> seen = new ArrayList<>();

    private PreparedStatement recording(String sql) {
        seen.add("prepare " + sql);
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("set")) {
                        seen.add("set " + args[0] + "=" + args[1]);
                    } else if (name.startsWith("execute")) {
                        seen.add("run " + name);
                    }
                    return name.equals("executeUpdate") ? 1 : null;
                });
    }

    private PreparedStatement statement(int maxRows) {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("prepareStatement") ? recording((String) args[0]) : null);
        PreparedStatement single = recording(UPSERT);
        seen.clear();
        return MultiRowBatchStatement.wrap(connection, single, MultiRowInsert.parse(UPSERT).orElseThrow(), maxRows);
    }

    private static void row(PreparedStatement statement, int id, String name) throws SQLException {
        statement.setInt(1, id);
        statement.setString(2, name);
        statement.addBatch();
    }

    @Test
    void aBatchRunsAsMultiRowStatementsNumberedOnAndSplitAtARepeatedKey() throws SQLException {
        PreparedStatement statement = statement(1000);
        row(statement, 1, "a");
        row(statement, 2, "b");
        row(statement, 1, "c");
        int[] counts = statement.executeBatch();
        assertArrayEquals(new int[] {Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO}, counts);
        assertEquals(List.of(
                "prepare INSERT INTO t (id, name) VALUES (?, ?),(?, ?) ON CONFLICT (id) DO UPDATE SET name=EXCLUDED.name",
                "set 1=1", "set 2=a", "set 3=2", "set 4=b", "run executeUpdate",
                "prepare " + UPSERT, "set 1=1", "set 2=c", "run executeUpdate"), seen,
                "nothing reaches the single-row statement while rows are batched");
    }

    @Test
    void rowsPerStatementAreBounded() throws SQLException {
        PreparedStatement statement = statement(2);
        for (int id = 1; id <= 5; id++) {
            row(statement, id, "n" + id);
        }
        statement.executeBatch();
        assertEquals(3, seen.stream().filter(s -> s.startsWith("run")).count(), "2 + 2 + 1 rows");
    }

    @Test
    void outsideABatchTheSingleRowStatementRunsWithItsParameters() throws SQLException {
        PreparedStatement statement = statement(1000);
        statement.setInt(1, 7);
        statement.setString(2, "g");
        statement.executeUpdate();
        assertEquals(List.of("set 1=7", "set 2=g", "run executeUpdate"), seen);
    }
}
