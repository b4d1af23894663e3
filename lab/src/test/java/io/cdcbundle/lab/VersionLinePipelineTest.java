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
        if (PASSED.size() == VersionLine.values().length * Lab.LOCAL_KINDS.size() * Lab.LOCAL_KINDS.size() + 1) {
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
