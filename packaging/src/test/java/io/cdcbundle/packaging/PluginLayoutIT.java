package io.cdcbundle.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** What `mvn package` built: plugin directories, the Confluent Hub zip, the config reference. */
class PluginLayoutIT {

    private static final Path TARGET = Path.of(System.getProperty("cdcbundle.packaging.target"));
    private static final String VERSION = System.getProperty("cdcbundle.project.version");
    private static final String HUB_DIR = "cdcbundle-cdc-bundle-" + VERSION;
    /** On every worker's classpath already; a second copy inside a plugin breaks classloader isolation. */
    private static final List<String> FORBIDDEN = List.of("kafka-clients", "connect-api", "connect-runtime",
            "connect-json", "connect-transforms", "slf4j-api", "log4j", "reload4j");

    private static List<Path> pluginJars() throws IOException {
        try (Stream<Path> files = Files.walk(TARGET.resolve("plugins"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void pluginDirectoriesHoldOurJarsAndNoKafkaOrLoggingJars() throws IOException {
        List<String> names = pluginJars().stream().map(p -> TARGET.resolve("plugins").relativize(p).toString()).toList();
        assertTrue(names.contains("cdc-bundle/cdc-bundle-transforms-" + VERSION + ".jar"), names.toString());
        assertTrue(names.contains("cdc-bundle/cdc-bundle-config-provider-" + VERSION + ".jar"), names.toString());
        assertTrue(names.contains("cdc-bundle/cdc-bundle-converter-" + VERSION + ".jar"), names.toString());
        assertTrue(names.contains("debezium-connector-jdbc/cdc-bundle-sink-extensions-" + VERSION + ".jar"), names.toString());
        String checker = "cdc-bundle-consistency-checker/";
        assertTrue(names.contains(checker + "cdc-bundle-consistency-checker-" + VERSION + ".jar"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith(checker + "mariadb-java-client-")), "its MariaDB driver");
        assertTrue(names.stream().anyMatch(n -> n.startsWith(checker + "postgresql-")), "its PostgreSQL driver");
        for (String name : names) {
            assertTrue(FORBIDDEN.stream().noneMatch(name::contains), "bundles " + name);
        }
        try (ZipFile hub = hubZip()) {
            hub.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".jar"))
                    .forEach(n -> assertTrue(FORBIDDEN.stream().noneMatch(n::contains), "the hub zip bundles " + n));
        }
    }

    /**
     * Under plugin.discovery=service_load a plugin missing from its jar's service manifest is invisible, and a
     * listed class that cannot be instantiated fails the worker: both ways, for every plugin class in our jars.
     */
    @Test
    void everyPluginClassIsListedInItsServiceManifestAndEveryListedClassLoads() throws Exception {
        int plugins = 0;
        for (Path jar : pluginJars().stream().filter(j -> j.getFileName().toString().startsWith("cdc-bundle-")).toList()) {
            try (JarFile jarFile = new JarFile(jar.toFile())) {
                for (String kind : ConfigReference.KINDS.keySet()) {
                    Class<?> type = Class.forName(kind);
                    Set<String> listed = new HashSet<>(manifest(jarFile, kind));
                    for (String className : classNames(jarFile)) {
                        Class<?> c = Class.forName(className, false, getClass().getClassLoader());
                        if (type.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                                && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
                            assertTrue(listed.contains(className), className + " is a " + kind + " missing from "
                                    + jar.getFileName() + "!/META-INF/services/" + kind);
                            plugins++;
                        }
                    }
                    for (String className : listed) {
                        assertNotNull(jarFile.getEntry(className.replace('.', '/') + ".class"), className + " not in " + jar);
                        Class<?> c = Class.forName(className);
                        assertTrue(type.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                                && !Modifier.isAbstract(c.getModifiers()), className + " cannot be a " + kind);
                        c.getConstructor().newInstance();
                    }
                }
            }
        }
        assertTrue(plugins >= 3, "found only " + plugins + " plugin classes");
    }

    private static List<String> manifest(JarFile jar, String kind) throws IOException {
        JarEntry entry = jar.getJarEntry("META-INF/services/" + kind);
        if (entry == null) {
            return List.of();
        }
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> classNames(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(JarEntry::getName)
                .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("module-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
    }

    private static ZipFile hubZip() throws IOException {
        return new ZipFile(TARGET.resolve(HUB_DIR + ".zip").toFile());
    }

    @Test
    void confluentHubZipHasTheComponentLayoutAndAValidManifest() throws Exception {
        try (ZipFile hub = hubZip()) {
            List<String> entries = hub.stream().map(ZipEntry::getName).toList();
            for (String entry : entries) {
                assertTrue(entry.startsWith(HUB_DIR + "/"), "one top-level directory, not " + entry);
            }
            for (String required : List.of("manifest.json", "lib/cdc-bundle-transforms-" + VERSION + ".jar",
                    "lib/cdc-bundle-config-provider-" + VERSION + ".jar", "lib/cdc-bundle-converter-" + VERSION + ".jar", "doc/README.md", "doc/config-reference.md",
                    "etc/connect-distributed-secrets.properties")) {
                assertTrue(entries.contains(HUB_DIR + "/" + required), required + " missing: " + entries);
            }
            JsonNode manifest = new ObjectMapper().readTree(hub.getInputStream(hub.getEntry(HUB_DIR + "/manifest.json")));
            assertEquals("cdc-bundle", manifest.get("name").asText());
            assertEquals(VERSION, manifest.get("version").asText());
            assertTrue(manifest.get("owner").get("username").asText().matches("[a-zA-Z0-9][a-zA-Z0-9_-]*"));
            assertFalse(manifest.get("description").asText().isBlank());
            assertTrue(manifest.get("release_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
            List<String> types = new ArrayList<>();
            manifest.get("component_types").forEach(t -> types.add(t.asText()));
            assertTrue(Set.of("source", "sink", "transform", "converter").containsAll(types), types.toString());
            // The declared types are the ones the zip holds: transforms and the converter, no connectors (ours need
            // Debezium's dir).
            assertEquals(List.of("transform", "converter"), types);
        }
    }

    @Test
    void configReferenceDocumentsEveryPropertyOfEveryPlugin() throws Exception {
        String doc = Files.readString(TARGET.resolve("generated-docs/config-reference.md"));
        Map<String, List<String>> plugins = ConfigReference.declaredPlugins(getClass().getClassLoader());
        int properties = 0;
        for (List<String> classes : plugins.values()) {
            for (String className : classes) {
                assertTrue(doc.contains("`" + className + "`"), className);
                ConfigDef def = ConfigReference.configDef(Class.forName(className));
                for (String name : def.names()) {
                    assertTrue(doc.contains("| `" + name + "` |"), className + " " + name);
                    properties++;
                }
            }
        }
        assertTrue(properties > 20, "only " + properties + " properties documented");
        assertTrue(!doc.contains("$$Lambda"), "a validator printed as a lambda's class name");
        Path committed = TARGET.getParent().getParent().resolve("docs/configuration.md");
        assertEquals(doc, Files.exists(committed) ? Files.readString(committed) : "(missing)",
                "docs/configuration.md differs from the build's reference: cp " + TARGET.resolve("generated-docs/config-reference.md")
                        + " " + committed);
    }

    /**
     * The linter runs from the sink-extensions jar alone, with neither Kafka nor Debezium on the classpath (it shares
     * its rules with ValidatedJdbcSinkConnector, whose package does need them), on every line it knows.
     */
    @Test
    void theLinterRunsFromItsJarAlone() throws Exception {
        Path jar = TARGET.resolve("plugins/debezium-connector-jdbc/cdc-bundle-sink-extensions-" + VERSION + ".jar");
        Path connectors = TARGET.getParent().getParent().resolve("docker/connectors");
        for (List<String> args : List.of(
                List.of(connectors.resolve("mariadb-source.json").toString(), connectors.resolve("mariadb-sink.json").toString()),
                List.of("--debezium", "2.7.0.Final", connectors.resolve("2.7/mariadb-source.json").toString(),
                        connectors.resolve("2.7/mariadb-sink.json").toString()))) {
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", jar.toString(), "io.cdcbundle.sink.lint.ConnectorLint"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the linter did not finish");
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("2 of 2 file(s) parsed; no errors"), output);
        }
    }
}
