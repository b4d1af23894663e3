package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DialectSettingsTest {

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
            Map<String, String> effective = DialectSettings.apply(sink(url), changes);
            assertEquals(MultiRowConnectionProvider.class.getName(), effective.get("connection.provider"), url);
            assertEquals("1000", effective.get(MultiRowConnectionProvider.MAX_ROWS_SETTING), url);
            assertEquals(url, effective.get("connection.url"));
            assertEquals("__debezium_unavailable_value", effective.get(SafeDialectProvider.PLACEHOLDER_SETTING));
            assertEquals("60000", effective.get(SafeDialectProvider.TABLE_TTL_SETTING));
            assertFalse(effective.containsKey("use.reduction.buffer"), "an insert and its update must both be written");
            assertEquals(List.of("connection.provider"), List.copyOf(changes.keySet()));
        }
    }

    @Test
    void whatTheUserChoseStays() {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> ownPool = DialectSettings.apply(sink("jdbc:mariadb://h/db", "connection.provider",
                "com.example.Pool", DialectSettings.PLACEHOLDER, ""), changes);
        assertEquals("com.example.Pool", ownPool.get("connection.provider"));
        assertEquals("", ownPool.get(SafeDialectProvider.PLACEHOLDER_SETTING));
        assertEquals(Map.of(), changes);
        Map<String, String> rowByRow = DialectSettings.apply(sink("jdbc:postgresql://h/db", DialectSettings.MULTIROW_MAX_ROWS,
                "1", DialectSettings.FENCE, "false"), new HashMap<>());
        assertFalse(rowByRow.containsKey("connection.provider"), "1 row per statement, no fence: Debezium's pool as it is");
        Map<String, String> other = DialectSettings.apply(sink("jdbc:sqlserver://h;databaseName=db"), new HashMap<>());
        assertFalse(other.containsKey("connection.provider"), "a server the dialect does not serve");
    }

    @Test
    void eachTaskFencesItsOwnOlderInstances() {
        Map<String, String> effective = DialectSettings.apply(sink("jdbc:postgresql://h/db", "name", "orders-sink",
                "task.id", "1", DialectSettings.MULTIROW_MAX_ROWS, "1"), new HashMap<>());
        assertEquals(MultiRowConnectionProvider.class.getName(), effective.get("connection.provider"));
        assertEquals("orders-sink/1", effective.get(MultiRowConnectionProvider.FENCE_SETTING));
        assertEquals("sink/0", DialectSettings.apply(sink("jdbc:mariadb://h/db"), new HashMap<>())
                .get(MultiRowConnectionProvider.FENCE_SETTING), "without a name or task id, as in a bare task config");
    }

    @Test
    void onlyFalseTurnsItOff() {
        assertTrue(DialectSettings.enabled(Map.of()));
        assertTrue(DialectSettings.enabled(Map.of(DialectSettings.ENABLED, "true")));
        assertFalse(DialectSettings.enabled(Map.of(DialectSettings.ENABLED, " FALSE ")));
        assertTrue(DialectSettings.overlap(Map.of()));
        assertFalse(DialectSettings.overlap(Map.of(DialectSettings.OVERLAP, "false")));
    }

    @Test
    void tableMetadataTtlReachesTheDialect() {
        assertEquals("0", DialectSettings.apply(sink("jdbc:postgresql://h/db", DialectSettings.TABLE_TTL, " 0 "),
                new HashMap<>()).get(SafeDialectProvider.TABLE_TTL_SETTING));
    }
}
