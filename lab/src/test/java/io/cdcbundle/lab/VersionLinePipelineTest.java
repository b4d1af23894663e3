package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.LocalProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's scenario on each Debezium/Kafka line the bundle claims ({@link VersionLine}), in all four directions,
 * with every plugin of ours in the path: SchemaCachingJsonConverter on both connectors, RouteByTable and
 * FlattenEnvelope in ValidatedJdbcSinkConnector, passwords through SecretsConfigProvider. docs/compatibility.md
 * states what these tests ran.
 */
@ExtendWith(LabExtension.class)
class VersionLinePipelineTest {

    private static final Map<VersionLine, Lab> LABS = new EnumMap<>(VersionLine.class);
    private static final String CONVERTER = "io.cdcbundle.converter.SchemaCachingJsonConverter";
    /** What passed in this run, for docs/compatibility.md. */
    private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startLines(Lab tested) throws Exception {
        LABS.put(VersionLine.TESTED, tested);
        for (VersionLine line : VersionLine.values()) {
            if (!line.inProcess()) {
                LABS.put(line, tested.onLine(line, LocalProcesses.freePort()));
            }
        }
    }

    @AfterAll
    static void stopLines() throws Exception {
        // the seed scenario in four directions and the bulk load in the two cross directions per line, the fall-back
        if (PASSED.size() == VersionLine.values().length * (Lab.LOCAL_KINDS.size() * Lab.LOCAL_KINDS.size() + 2) + 1) {
            Map<VersionLine, Boolean> dialectRan = new EnumMap<>(VersionLine.class);
            for (VersionLine line : VersionLine.values()) {
                java.nio.file.Path log = line.inProcess() ? java.nio.file.Path.of(System.getProperty("cdcbundle.lab.logFile"))
                        : LABS.get(line).workerLog();
                dialectRan.put(line, Files.readString(log).contains("cdc-bundle dialect for "));
            }
            CompatibilityDoc.check(dialectRan);
        }
        for (Lab lab : LABS.values()) {
            if (!lab.line().inProcess()) {
                lab.close();
            }
        }
        LABS.clear();
    }

    static java.util.stream.Stream<Arguments> linesAndDirections() {
        java.util.stream.Stream.Builder<Arguments> all = java.util.stream.Stream.builder();
        for (VersionLine line : VersionLine.values()) {
            for (DatabaseKind source : Lab.LOCAL_KINDS) {
                for (DatabaseKind target : Lab.LOCAL_KINDS) {
                    all.add(Arguments.of(line, source, target));
                }
            }
        }
        return all.build();
    }

    static java.util.stream.Stream<Arguments> linesAndCrossDirections() {
        return linesAndDirections().filter(a -> a.get()[1] != a.get()[2]);
    }

    /** Every plugin of ours on the path of one pipeline; the sink's table comes from RouteByTable's topic. */
    static Pipeline everyPlugin(Lab lab, String name, DatabaseKind source, DatabaseKind target) {
        Map<String, String> converters = Map.of("key.converter", CONVERTER, "value.converter", CONVERTER);
        Map<String, String> sink = new HashMap<>(converters);
        sink.put("collection.name.format", "${topic}");
        sink.put("transforms", "route,flatten");
        sink.put("transforms.route.type", "io.cdcbundle.transforms.RouteByTable");
        sink.put("transforms.route.table.mapping", Pipeline.SOURCE_TABLE + ":" + Pipeline.TARGET_TABLE);
        sink.put("transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope");
        return lab.pipeline(name, lab.source(source), lab.target(target))
                .withSourceConfig(converters)
                .withSinkConfig(sink);
    }

    private static String name(VersionLine line, DatabaseKind source, DatabaseKind target) {
        return "line-" + line.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + source.id() + "-to-"
                + target.id();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("linesAndDirections")
    void seedScenarioWithEveryPluginOfOurs(VersionLine line, DatabaseKind source, DatabaseKind target) throws Exception {
        Lab lab = LABS.get(line);
        Pipeline pipeline = everyPlugin(lab, name(line, source, target), source, target);
        SeedScenarioPipelineTest.assertSeedScenarioReplicates(lab, pipeline);
        if (source != target) {
            // the consistency checker on this line's worker, across engines, over the tables this line's sink made
            ConsistencyCheckerPipelineTest.assertTheCheckerFindsTheTablesEqual(lab, pipeline, SeedScenario.EXPECTED.size());
        }
        PASSED.add(name(line, source, target));
    }

    /**
     * The bulk initial load against this line's worker and Debezium (MySqlConnector for MariaDB on 2.7), with every
     * plugin of ours in the pipeline; then a change and a delete through the resumed sink.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("linesAndCrossDirections")
    void bulkInitialLoadWithEveryPluginOfOurs(VersionLine line, DatabaseKind source, DatabaseKind target) throws Exception {
        Lab lab = LABS.get(line);
        Pipeline p = everyPlugin(lab, "bulk-" + name(line, source, target), source, target);
        int rows = 2000;
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), LoadTable.SEED.create(Pipeline.SOURCE_TABLE),
                LoadTable.SEED.fill(source, Pipeline.SOURCE_TABLE, rows));
        if (source == DatabaseKind.POSTGRES) {
            p.source().execute(p.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
        String table = p.sourceCollection(Pipeline.SOURCE_TABLE);
        try {
            BulkLoadCommand.Outcome outcome = BulkLoadCommand.run(lab, p, p.bulkLoadTables());
            assertEquals(0, outcome.exitCode(), String.join("\n", outcome.lines()));
            assertEquals(rows, outcome.copied(table), outcome.lines().toString());
            p.source().execute(p.database(), "update " + Pipeline.SOURCE_TABLE + " set name = 'changed' where id = 7",
                    "delete from " + Pipeline.SOURCE_TABLE + " where id = 8");
            TableComparator.Comparison c = null;
            for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(300)) {
                c = TableComparator.compare(p.source(), p.database(), Pipeline.SOURCE_TABLE, p.target(), p.database(),
                        Pipeline.TARGET_TABLE, LoadTable.SEED.names());
                if (c.equal()) {
                    break;
                }
            }
            assertTrue(c.equal() && c.sourceRows() == rows - 1, line + ": " + c);
            PASSED.add("bulk-" + name(line, source, target));
        } finally {
            lab.undeploy(p);
        }
    }

    @ParameterizedTest
    @EnumSource(VersionLine.class)
    void ourPluginsAreListedWithOurVersion(VersionLine line) {
        JsonNode plugins = LABS.get(line).rest().send("GET", "/connector-plugins?connectorsOnly=false", null).json();
        Map<String, String> ours = new TreeMap<>();
        for (JsonNode plugin : plugins) {
            // The lab's own test connector is on the tested line's classpath: not a plugin of the bundle.
            if (plugin.path("class").asText().startsWith("io.cdcbundle.") && !plugin.path("class").asText().startsWith("io.cdcbundle.lab.")) {
                ours.put(plugin.path("class").asText(), plugin.path("version").asText());
            }
        }
        String version = Lab.buildInfo().get("project.version");
        Map<String, String> expected = new TreeMap<>();
        for (String plugin : new String[] {"io.cdcbundle.sink.ValidatedJdbcSinkConnector", CONVERTER,
                "io.cdcbundle.transforms.FlattenEnvelope", "io.cdcbundle.transforms.RouteByTable",
                "io.cdcbundle.checker.ConsistencyCheckConnector"}) {
            expected.put(plugin, version);
        }
        // The converter is listed once as a converter and once as a header converter: same class, same version.
        assertEquals(expected, ours, line + ": " + plugins);
    }

    @ParameterizedTest
    @EnumSource(VersionLine.class)
    void aKeylessDeleteIsRefusedAtValidationOnEveryLine(VersionLine line) {
        Lab lab = LABS.get(line);
        Pipeline pipeline = lab.pipeline(DatabaseKind.MARIADB, DatabaseKind.POSTGRES)
                .withSinkConfig(Map.of("primary.key.mode", "none", "insert.mode", "insert"));
        String json = line.adapt(pipeline.sinkConnectorJson(lab.bootstrapServers()));
        ConnectRestClient.Response created = lab.rest().send("POST", "/connectors", json);
        assertEquals(400, created.status(), created.body());
        assertTrue(created.body().contains("primary.key.mode: is 'none' while delete.enabled=true"), created.body());
    }

    /** On 2.7 our dialect cannot run: with the flag left on, the sink still works and says what it lacks. */
    @Test
    void onDebezium27TheSinkFallsBackToDebeziumsDialectAndSaysSo() throws Exception {
        Lab lab = LABS.get(VersionLine.DEBEZIUM_2_7);
        Pipeline pipeline = everyPlugin(lab, "line-27-fallback", DatabaseKind.POSTGRES, DatabaseKind.MARIADB)
                .withSinkConfig(Map.of("bundle.dialect.enabled", "true"));
        SeedScenarioPipelineTest.assertSeedScenarioReplicates(lab, pipeline);
        String log = Files.readString(lab.workerLog());
        assertTrue(log.contains("bundle.dialect.enabled cdc-bundle's dialect needs Debezium 3.5 or later; on Debezium "
                + "2.7.0 this sink writes through Debezium's own dialect"), "validation warns in " + lab.workerLog());
        assertTrue(log.contains("Debezium JDBC sink 2.7.0 runs its own dialect"), "the task warns in " + lab.workerLog());
        PASSED.add("fallback");
    }
}
