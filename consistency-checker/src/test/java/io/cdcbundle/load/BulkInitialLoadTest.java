package io.cdcbundle.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdcbundle.checker.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connectors and options a bulk load refuses before it touches a worker or a database. */
class BulkInitialLoadTest {

    @TempDir
    Path dir;

    private static ConnectorJson source(String... extra) {
        Map<String, String> c = new LinkedHashMap<>(Map.of("connector.class", "io.debezium.connector.mariadb.MariaDbConnector",
                "database.hostname", "db", "database.port", "3306", "database.user", "dbz",
                "database.password", "s3cret-pw", "database.include.list", "inventory"));
        for (int i = 0; i < extra.length; i += 2) {
            c.put(extra[i], extra[i + 1]);
        }
        return new ConnectorJson("src", c);
    }

    private static ConnectorJson sink(String... extra) {
        Map<String, String> c = new LinkedHashMap<>(Map.of("connector.class", "io.cdcbundle.sink.ValidatedJdbcSinkConnector",
                "connection.url", "jdbc:postgresql://pg:5432/inventory", "connection.username", "pg",
                "insert.mode", "upsert", "primary.key.mode", "record_key"));
        for (int i = 0; i < extra.length; i += 2) {
            c.put(extra[i], extra[i + 1]);
        }
        return new ConnectorJson("snk", c);
    }

    private static String refusal(ConnectorJson source, ConnectorJson sink) {
        return assertThrows(IllegalArgumentException.class,
                () -> BulkInitialLoad.checkConnectors(source, sink, Engine.MARIADB)).getMessage();
    }

    @Test
    void theReferencePipelineIsTaken() {
        assertDoesNotThrow(() -> BulkInitialLoad.checkConnectors(source(), sink(), Engine.MARIADB));
        assertDoesNotThrow(() -> BulkInitialLoad.checkConnectors(source("snapshot.mode", "when_needed",
                "transforms", "route", "transforms.route.type", "io.cdcbundle.transforms.RouteByTable"), sink(), Engine.MARIADB));
    }

    @Test
    void whatWouldMakeTheCopyDifferFromThePipelineIsRefusedByName() {
        assertTrue(refusal(source(), sink("insert.mode", "insert")).contains("insert.mode=upsert"));
        assertTrue(refusal(source(), sink("primary.key.mode", "none")).contains("primary.key.mode=record_key"));
        assertTrue(refusal(source("snapshot.mode", "no_data"), sink()).contains("snapshot.mode=no_data"));
        assertTrue(refusal(source("column.mask.with.5.chars", "inventory.customers.email"), sink())
                .contains("column.mask.with.5.chars"));
        String transform = refusal(source(), sink("transforms", "drop", "transforms.drop.type",
                "org.apache.kafka.connect.transforms.Filter"));
        assertTrue(transform.contains("--sink-connector") && transform.contains("drop"), transform);
        assertTrue(refusal(source("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector"), sink())
                .contains("connector.class"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BulkInitialLoad.checkConnectors(source(), sink(),
                Engine.POSTGRES)).getMessage().contains("--source-url"));
    }

    @Test
    void theSourceGetsItsConfigurationBackOnlyPastItsSnapshot() {
        java.util.function.Function<String, java.util.List<Map<?, ?>>> offsets = json ->
                ((java.util.List<?>) ((Map<?, ?>) JsonReader.parse(json)).get("offsets")).stream()
                        .<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
        assertFalse(BulkInitialLoad.pastSnapshot(offsets.apply("{\"offsets\": []}")));
        assertFalse(BulkInitialLoad.pastSnapshot(offsets.apply("{\"offsets\": [{\"partition\": {\"server\": \"s\"}, "
                + "\"offset\": {\"file\": \"b.000001\", \"pos\": 4, \"snapshot\": \"INITIAL\"}}]}")));
        assertTrue(BulkInitialLoad.pastSnapshot(offsets.apply("{\"offsets\": [{\"partition\": {\"server\": \"s\"}, "
                + "\"offset\": {\"file\": \"b.000001\", \"pos\": 900}}]}")));
        assertTrue(BulkInitialLoad.pastSnapshot(offsets.apply("{\"offsets\": [{\"partition\": {\"server\": \"s\"}, "
                + "\"offset\": {\"lsn\": 123, \"snapshot\": \"INITIAL\", \"last_snapshot_record\": true}}]}")));
    }

    @Test
    void aRunAgainRecognisesTheOneRowSelectsOfAnEarlierRun() {
        Map<String, String> own = Map.of("snapshot.select.statement.overrides", "inventory.audit",
                "snapshot.select.statement.overrides.inventory.audit", "SELECT * FROM audit WHERE id > 10");
        assertFalse(BulkInitialLoad.hasLoadOverrides(own, own));
        Map<String, String> loaded = new LinkedHashMap<>(own);
        loaded.put("snapshot.select.statement.overrides", "inventory.audit,inventory.orders");
        loaded.put("snapshot.select.statement.overrides.inventory.orders", "SELECT * FROM `inventory`.`orders` LIMIT 1");
        assertTrue(BulkInitialLoad.hasLoadOverrides(loaded, own));
    }

    @Test
    void theDatabasesComeFromTheConnectorsAndASecretDirectory() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("pg.password"), "pg-pw\n");
        Path src = Files.writeString(dir.resolve("src.json"), "{\"name\": \"src\", \"config\": {\"connector.class\": "
                + "\"io.debezium.connector.mariadb.MariaDbConnector\", \"database.hostname\": \"db\", \"database.port\": 3306,"
                + " \"database.user\": \"dbz\", \"database.password\": \"s3cret-pw\", \"database.include.list\": \"inventory\"}}");
        Path snk = Files.writeString(dir.resolve("snk.json"), "{\"name\": \"snk\", \"connection.url\": "
                + "\"jdbc:postgresql://pg:5432/inventory\", \"connection.username\": \"pg\", \"connection.password\": "
                + "\"${secrets:" + secrets + ":pg.password}\", \"insert.mode\": \"upsert\", \"primary.key.mode\": \"record_key\"}");
        BulkLoadOptions o = BulkLoadOptions.parse("--connect", "http://c:8083", "--source-connector", src.toString(),
                "--sink-connector", snk.toString(), "--tables", "inventory.orders=orders", "--writers", "3");
        assertEquals("jdbc:mariadb://db:3306/inventory", o.sourceDatabase().url());
        assertEquals("s3cret-pw", o.sourceDatabase().password());
        assertEquals("pg-pw", o.targetDatabase().password());
        assertEquals("snk", o.sink().name());
        assertEquals(3, o.writers());
        assertFalse(o.toString().contains("s3cret-pw") || o.toString().contains("pg-pw"), o.toString());
    }

    @Test
    void aBadOptionIsNamed() throws Exception {
        Path src = Files.writeString(dir.resolve("src.json"), "{\"name\": \"src\", \"config\": {\"connector.class\": "
                + "\"io.debezium.connector.postgresql.PostgresConnector\", \"database.hostname\": \"db\", \"database.user\": "
                + "\"u\", \"database.dbname\": \"d\", \"database.password\": \"${vault:secret/db:pw}\"}}");
        Path snk = Files.writeString(dir.resolve("snk.json"), "{\"name\": \"snk\", \"config\": {\"connection.url\": "
                + "\"jdbc:postgresql://pg/d\", \"connection.username\": \"pg\"}}");
        Path password = Files.writeString(dir.resolve("pw"), "pw");
        String[] vault = {"--connect", "http://c:8083", "--source-connector", src.toString(), "--sink-connector", snk.toString()};
        String[] base = concat(vault, "--source-password-file", password.toString());
        assertTrue(message(base).contains("--tables is required"));
        assertTrue(message(concat(base, "--tables", "a=b", "--writers", "0")).contains("--writers"));
        assertTrue(message(concat(base, "--tables", "a b")).startsWith("--tables"));
        assertTrue(message(concat(base, "--tables", "a=b", "--tabels", "x")).contains("--tabels"));
        assertTrue(message(concat(vault, "--tables", "a=b")).contains("--source-password-file"), "a vault reference");
        assertTrue(message("--connect", "x", "--source-connector", dir.resolve("none.json").toString(), "--sink-connector",
                snk.toString(), "--tables", "a").startsWith("--source-connector"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> BulkLoadOptions.parse(args)).getMessage();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
