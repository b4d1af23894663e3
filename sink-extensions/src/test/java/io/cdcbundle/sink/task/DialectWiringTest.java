package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cdcbundle.sink.jdbc.MultiRowConnectionProvider;
import io.cdcbundle.sink.settings.DialectOptions;

class DialectWiringTest {

    private static Map<String, String> sink(String url, String... more) {
        Map<String, String> c = new HashMap<>(Map.of("connection.url", url, "insert.mode", "upsert"));
        for (int i = 0; i < more.length; i += 2) {
            c.put(more[i], more[i + 1]);
        }
        return c;
    }

    @Test
    void mariadbMysqlAndPostgresGoThroughMultiRowStatements() {
        for (String url : new String[] {"jdbc:mariadb://h:3306/db", "jdbc:mysql://h:3306/db", "jdbc:postgresql://h/db"}) {
            Map<String, String> changes = new LinkedHashMap<>();
            Map<String, String> effective = DialectWiring.settings(sink(url), changes);
            assertEquals(MultiRowConnectionProvider.class.getName(), effective.get("connection.provider"), url);
            assertEquals("1000", effective.get(DialectOptions.MAX_ROWS_SETTING), url);
            assertEquals(url, effective.get("connection.url"));
            assertEquals("__debezium_unavailable_value", effective.get(DialectOptions.PLACEHOLDER_SETTING));
            assertEquals("60000", effective.get(DialectOptions.TABLE_TTL_SETTING));
            assertFalse(effective.containsKey("use.reduction.buffer"), "an insert and its update must both be written");
            assertEquals(List.of("connection.provider"), List.copyOf(changes.keySet()));
        }
    }

    @Test
    void whatTheUserChoseStays() {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> ownPool = DialectWiring.settings(sink("jdbc:mariadb://h/db", "connection.provider",
                "com.example.Pool", DialectOptions.PLACEHOLDER, ""), changes);
        assertEquals("com.example.Pool", ownPool.get("connection.provider"));
        assertEquals("", ownPool.get(DialectOptions.PLACEHOLDER_SETTING));
        assertEquals(Map.of(), changes);
        Map<String, String> rowByRow = DialectWiring.settings(sink("jdbc:postgresql://h/db", DialectOptions.MULTIROW_MAX_ROWS,
                "1", DialectOptions.FENCE, "false"), new HashMap<>());
        assertFalse(rowByRow.containsKey("connection.provider"), "1 row per statement, no fence: Debezium's pool as it is");
        Map<String, String> other = DialectWiring.settings(sink("jdbc:sqlserver://h;databaseName=db"), new HashMap<>());
        assertFalse(other.containsKey("connection.provider"), "a server the dialect does not serve");
    }

    @Test
    void eachTaskFencesItsOwnOlderInstances() {
        Map<String, String> effective = DialectWiring.settings(sink("jdbc:postgresql://h/db", "name", "orders-sink",
                "task.id", "1", DialectOptions.MULTIROW_MAX_ROWS, "1"), new HashMap<>());
        assertEquals(MultiRowConnectionProvider.class.getName(), effective.get("connection.provider"));
        assertEquals("orders-sink/1", effective.get(DialectOptions.FENCE_SETTING));
        assertEquals("sink/0", DialectWiring.settings(sink("jdbc:mariadb://h/db"), new HashMap<>())
                .get(DialectOptions.FENCE_SETTING), "without a name or task id, as in a bare task config");
    }

    @Test
    void onlyFalseTurnsItOff() {
        assertTrue(DialectOptions.enabled(Map.of()));
        assertTrue(DialectOptions.enabled(Map.of(DialectOptions.ENABLED, "true")));
        assertFalse(DialectOptions.enabled(Map.of(DialectOptions.ENABLED, " FALSE ")));
        assertTrue(DialectOptions.overlap(Map.of()));
        assertFalse(DialectOptions.overlap(Map.of(DialectOptions.OVERLAP, "false")));
    }

    @Test
    void tableMetadataTtlReachesTheDialect() {
        assertEquals("0", DialectWiring.settings(sink("jdbc:postgresql://h/db", DialectOptions.TABLE_TTL, " 0 "),
                new HashMap<>()).get(DialectOptions.TABLE_TTL_SETTING));
    }
}
