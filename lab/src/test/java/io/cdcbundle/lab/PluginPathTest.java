package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker of the lab sees what a user of the debezium/connect image with our plugins would see. */
@ExtendWith(LabExtension.class)
class PluginPathTest {

    @Test
    void workerListsTheDebeziumConnectors(Lab lab) {
        List<String> connectors = lab.rest().pluginClasses(true);
        for (String expected : List.of("io.debezium.connector.mariadb.MariaDbConnector",
                "io.debezium.connector.mysql.MySqlConnector", "io.debezium.connector.postgresql.PostgresConnector",
                "io.debezium.connector.jdbc.JdbcSinkConnector")) {
            assertTrue(connectors.contains(expected), expected + " missing from " + connectors);
        }
    }

    /**
     * Under plugin.discovery=service_load a plugin without a service manifest is invisible: every transform and
     * connector our packaged jars declare must be listed by the running worker.
     */
    @Test
    void workerListsEveryPluginOurPackagedJarsDeclare(Lab lab) throws IOException {
        List<String> declared = declaredPlugins(Lab.pluginPath());
        assertFalse(declared.isEmpty(), "our packaged jars declare no transform or connector");
        Map<String, String> listed = lab.rest().pluginVersions(false);
        for (String plugin : declared) {
            assertTrue(listed.containsKey(plugin), plugin + " is declared but the worker does not list it: " + listed.keySet());
            // Every plugin of ours reports cdc-bundle's version, the sink connector too (it once reported Debezium's).
            String version = Lab.buildInfo().get("project.version");
            assertEquals(version, listed.get(plugin), plugin);
        }
    }

    /** Transforms, predicates and connectors named in the service manifests of our jars on the plugin path. */
    static List<String> declaredPlugins(Path pluginPath) throws IOException {
        List<String> declared = new ArrayList<>();
        List<String> listedKinds = List.of("org.apache.kafka.connect.transforms.Transformation",
                "org.apache.kafka.connect.transforms.predicates.Predicate",
                "org.apache.kafka.connect.sink.SinkConnector", "org.apache.kafka.connect.source.SourceConnector",
                "org.apache.kafka.connect.storage.Converter");
        try (Stream<Path> files = Files.walk(pluginPath)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().matches("cdc-bundle-.*\\.jar")).toList()) {
                try (JarFile jarFile = new JarFile(jar.toFile())) {
                    for (String kind : listedKinds) {
                        var entry = jarFile.getEntry("META-INF/services/" + kind);
                        if (entry != null) {
                            String text = new String(jarFile.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                            text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                    .forEach(declared::add);
                        }
                    }
                }
            }
        }
        return declared;
    }
}
