package io.cdcbundle.sink.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cdcbundle.sink.ValidatedJdbcSinkConnector;
import io.cdcbundle.sink.settings.DebeziumLine;

class ConnectorLintTest {

    private static Path seed(String file) throws URISyntaxException {
        return Path.of(ConnectorLintTest.class.getResource("/seed/" + file).toURI());
    }

    private static final io.cdcbundle.sink.settings.DebeziumLine TESTED =
            io.cdcbundle.sink.settings.DebeziumLine.of(ConnectorLint.DEBEZIUM_VERSION);

    private static String lint(int expectedExit, Path... files) {
        return lint(expectedExit, Stream.of(files).map(Path::toString).toArray(String[]::new));
    }

    private static String lint(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ConnectorLint.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    /** The seed's connector JSON as its write-up gives it: every real defect listed. */
    @Test
    void listsTheRealDefectsOfTheSeedsConnectorJson() throws Exception {
        String report = lint(1, seed("mariadb-source-connector.json"), seed("mariadb-sink-connector.json"),
                seed("mysql-source-connector.json"), seed("mysql-sink-connector.json"),
                seed("postgresdb-source-connector.json"), seed("postgresdb-sink-connector.json"));
        for (String defect : List.of(
                "mariadb-source-connector.json:5:45: ERROR not valid JSON: line 5, column 45: expected a property name "
                        + "in double quotes but found '#': JSON has no comments",
                "mariadb-sink-connector.json: ERROR auto.create: is a Confluent JDBC sink option",
                "mariadb-sink-connector.json: WARNING table.name.format: is the old name of collection.name.format",
                "mariadb-sink-connector.json: WARNING connection.url: add '?nullDatabaseMeansCurrent=true'",
                "mysql-source-connector.json: WARNING database.server.id: is 1",
                "mysql-source-connector.json: WARNING bigint.unsigned.handling.mode: is not 'precise'",
                "mysql-source-connector.json: WARNING heartbeat.interval.ms: is not set (or not above 0): while the captured",
                "mysql-sink-connector.json: ERROR auto.create",
                "postgresdb-source-connector.json: ERROR database.server.name: was removed in Debezium 2.0",
                "postgresdb-source-connector.json: WARNING schema.history.internal.kafka.topic: is ignored",
                "postgresdb-source-connector.json: WARNING topic.prefix: 'postgres_server.connect_test_db' contains a dot",
                "postgresdb-source-connector.json: WARNING heartbeat.interval.ms: is not set (or not above 0)",
                "postgresdb-sink-connector.json: ERROR dialect.name: is a Confluent JDBC sink option",
                "postgresdb-sink-connector.json: ERROR auto.create")) {
            assertTrue(report.contains(defect), "missing: " + defect + "\n" + report);
        }
        // The MariaDB sink's source does not parse, so no source in the set writes its topic.
        assertTrue(report.contains("mariadb-sink-connector.json: ERROR topics: no source connector in these files "
                + "writes 'mariadb_server.connect_test_db.source_table'"), report);
        assertTrue(!report.contains("postgresdb-sink-connector.json: ERROR topics"), "the PostgreSQL pair matches\n" + report);
    }

    @Test
    void theCorrectedConnectorsOfDockerPass() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent().resolve("docker/connectors");
        for (Path dir : List.of(root, root.resolve("fast"))) {
            try (Stream<Path> files = Files.list(dir)) {
                String report = lint(0, files.filter(f -> f.toString().endsWith(".json")).sorted().toArray(Path[]::new));
                assertTrue(report.contains("6 of 6 file(s) parsed; no errors"), report);
                assertTrue(!report.contains("heartbeat"), "docker's sources keep their positions moving\n" + report);
                assertTrue(!report.contains("replace.null.with.default"), "docker's converters keep NULLs\n" + report);
            }
        }
    }

    /** connectors/2.7/ holds the files whose values differ on Debezium 2.7; the others are shared. */
    @Test
    void theConnectorsOfDockerForDebezium27PassOnTheirLine() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent().resolve("docker/connectors");
        List<String> args = new ArrayList<>(List.of("--debezium", "2.7.0.Final"));
        try (Stream<Path> files = Files.list(root)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> {
                Path own = root.resolve("2.7").resolve(f.getFileName());
                args.add((Files.exists(own) ? own : f).toString());
            });
        }
        String report = lint(0, args.toArray(String[]::new));
        assertTrue(report.contains("6 of 6 file(s) parsed; no errors"), report);
        assertTrue(!report.contains("WARNING"), "nothing to recommend on its own line\n" + report);

        String shared = lint(1, "--debezium", "2.7.0.Final", root.resolve("mariadb-source.json").toString(),
                root.resolve("mariadb-sink.json").toString());
        assertTrue(shared.contains("ERROR database.ssl.mode: is 'disable', which the MariaDB connector of Debezium 2.7.0 "
                + "refuses; write 'disabled' there"), shared);
        assertTrue(shared.contains("ERROR collection.name.format: is not read by the Debezium JDBC sink 2.7.0"), shared);
    }

    @Test
    void aPostgresSourceWithHeartbeatsButNoActionQueryIsWarned(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("pg.json"), """
                {"name": "pg", "config": {"connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                 "database.hostname": "db", "topic.prefix": "pg", "heartbeat.interval.ms": "10000"}}""");
        String report = lint(0, source);
        assertTrue(report.contains("pg.json: WARNING heartbeat.action.query: is not set: heartbeats alone did not move "
                + "the replication slot"), report);
        assertTrue(report.contains("ON CONFLICT (id) DO UPDATE"), "the warning shows a query to write\n" + report);
    }

    @Test
    void aSinkThatWritesIntoItsOwnSourceIsReported(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("s.json"), """
                {"name": "src", "config": {"connector.class": "io.debezium.connector.mariadb.MariaDbConnector",
                 "database.hostname": "db", "database.port": "3306", "database.server.id": "5401",
                 "topic.prefix": "srv", "database.include.list": "shop"}}""");
        Path sink = Files.writeString(dir.resolve("k.json"), """
                {"name": "snk", "config": {"connector.class": "io.cdcbundle.sink.ValidatedJdbcSinkConnector",
                 "connection.url": "jdbc:mariadb://db:3306/shop?nullDatabaseMeansCurrent=true", "topics": "srv.shop.t",
                 "insert.mode": "upsert", "primary.key.mode": "record_key"}}""");
        String report = lint(0, source, sink);
        assertTrue(report.contains("WARNING connection.url: writes to db:3306, the server that src reads"), report);
        assertTrue(ConnectorLint.writes(Map.of("topic.prefix", "srv", "database.include.list", "shop"), "srv.shop.t"));
        assertTrue(!ConnectorLint.writes(Map.of("topic.prefix", "srv", "database.include.list", "shop"), "srv.other.t"));
    }

    @Test
    void binlogRulesStayWithMysqlAndMariadbSources() {
        Map<String, String> sqlServer = Map.of("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector",
                "database.server.id", "1", "topic.prefix", "srv");
        assertEquals(List.of(), SourceRules.check(sqlServer, TESTED), "SQL Server has neither a server id nor unsigned BIGINT nor a binlog position");
        assertEquals(3, SourceRules.check(Map.of("connector.class", "io.debezium.connector.mysql.MySqlConnector",
                "database.server.id", "1", "topic.prefix", "srv"), TESTED).size());
    }

    @Test
    void jsonErrorsSayWhereAndWhat() {
        JsonReader.JsonError e = assertThrows(JsonReader.JsonError.class, () -> JsonReader.read("{\n  \"a\": 1,\n  \"a\": 2\n}"));
        assertEquals(3, e.line);
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        e = assertThrows(JsonReader.JsonError.class, () -> JsonReader.read("{\"a\": \"x\" // note\n}"));
        assertTrue(e.getMessage().contains("JSON has no comments"), e.getMessage());
        e = assertThrows(JsonReader.JsonError.class, () -> JsonReader.read("{\"a\": \"C:\\dir\"}"));
        assertTrue(e.getMessage().contains("no JSON escape"), e.getMessage());
        assertEquals(Map.of("a", List.of(1L, true, "x")), assertDoesNotThrow("{\"a\": [1, true, \"x\"]}"));
    }

    private static Object assertDoesNotThrow(String json) {
        try {
            return JsonReader.read(json);
        } catch (JsonReader.JsonError e) {
            throw new AssertionError(e);
        }
    }
}
