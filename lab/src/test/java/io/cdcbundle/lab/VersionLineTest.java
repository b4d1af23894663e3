package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What a connector configuration of the tested line becomes on another line, and docker/'s JSON per line. */
class VersionLineTest {

    private static final Path CONNECTORS = Path.of(Lab.buildInfo().get("repository.root")).resolve("docker/connectors");

    @Test
    void dockerJsonForDebezium27IsTheTestedLinesAdaptedAndOnlyWhereItDiffers() throws Exception {
        List<Path> base;
        try (Stream<Path> files = Files.list(CONNECTORS)) {
            base = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(6, base.size());
        int own = 0;
        for (Path file : base) {
            String json = Files.readString(file);
            Map<String, String> expected = VersionLine.config(VersionLine.DEBEZIUM_2_7.adapt(json));
            Path line = CONNECTORS.resolve("2.7").resolve(file.getFileName());
            if (Files.exists(line)) {
                own++;
                assertEquals(expected, VersionLine.config(Files.readString(line)), line.toString());
                assertTrue(!expected.equals(VersionLine.config(json)), line + " repeats " + file + ": delete it");
            } else {
                assertEquals(expected, VersionLine.config(json), file + " needs its own file in connectors/2.7/");
            }
        }
        assertEquals(4, own, "the MariaDB source and the three sinks differ on 2.7");
    }

    @Test
    void onDebezium27TheSinkReadsOldNamesAndReachesMariaDbThroughTheMySqlDriver() {
        Map<String, String> changes = VersionLine.DEBEZIUM_2_7.changes(Map.of(
                "connector.class", "io.cdcbundle.sink.ValidatedJdbcSinkConnector",
                "connection.url", "jdbc:mariadb://h:3306/db?nullDatabaseMeansCurrent=true",
                "collection.name.format", "${topic}"));
        assertEquals("jdbc:mysql://h:3306/db?nullDatabaseMeansCurrent=true&sslMode=DISABLED", changes.get("connection.url"));
        assertEquals("${topic}", changes.get("table.name.format"));
        assertTrue(changes.containsKey("collection.name.format") && changes.get("collection.name.format") == null);
        assertEquals("false", changes.get("bundle.dialect.enabled"));
        assertEquals(Map.of(), VersionLine.NEWEST_CONNECT.changes(Map.of("collection.name.format", "${topic}")));
    }
}
