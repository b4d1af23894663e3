package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
    void mariadbUpsertsGoThroughMultiRowStatementsAndTheReductionBuffer() {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> effective = DialectSettings.apply(sink("jdbc:mariadb://h:3306/db"), changes);
        assertEquals(MultiRowConnectionProvider.class.getName(), effective.get("connection.provider"));
        assertEquals("1000", effective.get(MultiRowConnectionProvider.MAX_ROWS_SETTING));
        assertEquals("true", effective.get("use.reduction.buffer"));
        assertEquals("jdbc:mariadb://h:3306/db", effective.get("connection.url"));
        assertEquals("__debezium_unavailable_value", effective.get(SafeDialectProvider.PLACEHOLDER_SETTING));
        assertTrue(changes.containsKey("connection.provider") && changes.containsKey("use.reduction.buffer"), changes.toString());
    }

    @Test
    void postgresGetsTheDriversBatchRewriting() {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> effective = DialectSettings.apply(sink("jdbc:postgresql://h:5432/db?sslmode=disable"), changes);
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=disable&reWriteBatchedInserts=true", effective.get("connection.url"));
        assertFalse(effective.containsKey("connection.provider"));
        assertEquals("true", effective.get("use.reduction.buffer"));
        assertEquals("jdbc:postgresql://h:5432/db?reWriteBatchedInserts=true",
                DialectSettings.apply(sink("jdbc:postgresql://h:5432/db"), new HashMap<>()).get("connection.url"));
    }

    @Test
    void whatTheUserSetStays() {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> effective = DialectSettings.apply(sink("jdbc:postgresql://h/db?reWriteBatchedInserts=false",
                "use.reduction.buffer", "false", DialectSettings.PLACEHOLDER, ""), changes);
        assertEquals("jdbc:postgresql://h/db?reWriteBatchedInserts=false", effective.get("connection.url"));
        assertEquals("false", effective.get("use.reduction.buffer"));
        assertEquals("", effective.get(SafeDialectProvider.PLACEHOLDER_SETTING));
        assertEquals(Map.of(), changes);

        Map<String, String> ownPool = DialectSettings.apply(sink("jdbc:mariadb://h/db", "connection.provider",
                "com.example.Pool", DialectSettings.MULTIROW_MAX_ROWS, "1"), new HashMap<>());
        assertEquals("com.example.Pool", ownPool.get("connection.provider"));
        Map<String, String> rowByRow = DialectSettings.apply(sink("jdbc:mysql://h/db", DialectSettings.MULTIROW_MAX_ROWS,
                "1"), new HashMap<>());
        assertFalse(rowByRow.containsKey("connection.provider"), "1 row per statement: Debezium's pool as it is");
    }

    @Test
    void insertModeKeepsEveryRecord() {
        Map<String, String> effective = DialectSettings.apply(sink("jdbc:mariadb://h/db", "insert.mode", "insert"),
                new HashMap<>());
        assertFalse(effective.containsKey("use.reduction.buffer"));
    }

    @Test
    void onlyFalseTurnsItOff() {
        assertTrue(DialectSettings.enabled(Map.of()));
        assertTrue(DialectSettings.enabled(Map.of(DialectSettings.ENABLED, "true")));
        assertFalse(DialectSettings.enabled(Map.of(DialectSettings.ENABLED, " FALSE ")));
    }
}
