package io.cdcbundle.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * docker/ cannot be built or run without a Docker engine; what can be checked here is checked: the connector JSON
 * against the compose file and our jars, the Dockerfile against the packaged tree, the compose file with
 * docker-compose's own validation, and every shell script with shellcheck (both installed by .ci/run).
 */
class DockerFilesIT {

    private static final Path ROOT = Path.of(System.getProperty("cdcbundle.repository.root")).normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_REF = Pattern.compile("\\$\\{secrets:/run/secrets:([a-z_]+)}");

    /**
     * Every connector JSON file: the default settings in connectors/, the tuned preset in connectors/fast/, the files
     * whose values differ on Debezium 2.7 in connectors/2.7/.
     */
    private static List<Path> connectorFiles() throws IOException {
        try (var files = Files.walk(DOCKER.resolve("connectors"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonNode config(String file) throws IOException {
        return JSON.readTree(DOCKER.resolve("connectors").resolve(file).toFile()).get("config");
    }

    @Test
    void everyPipelineHasASourceAndASinkThatReadsItsTopic() throws IOException {
        for (String pipeline : List.of("mariadb", "mysql", "postgres")) {
            JsonNode source = config(pipeline + "-source.json");
            JsonNode sink = config(pipeline + "-sink.json");
            String middle = pipeline.equals("postgres") ? "public" : source.get("database.include.list").asText();
            assertEquals(source.get("topic.prefix").asText() + "." + middle + ".source_table", sink.get("topics").asText(),
                    pipeline + ": the sink must read the topic its source writes");
            if (!pipeline.equals("postgres")) {
                assertTrue(source.get("database.server.id").asInt() > 3, "distinct from every server's own server_id");
            }
        }
    }

    @Test
    void everyPasswordIsASecretReferenceTheComposeFileProvides() throws IOException {
        String compose = Files.readString(DOCKER.resolve("docker-compose.yml"));
        int passwords = 0;
        for (Path file : connectorFiles()) {
            Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(file.toFile()).get("config").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().contains("password")) {
                    Matcher m = SECRET_REF.matcher(field.getValue().asText());
                    assertTrue(m.matches(), file.getFileName() + " " + field.getKey() + " is not a secret reference");
                    assertTrue(compose.contains("file: ./secrets/" + m.group(1)), m.group(1) + " is no compose secret");
                    passwords++;
                }
            }
        }
        assertEquals(16, passwords, "three sources and three sinks, default and fast, and the four files of 2.7/");
    }

    @Test
    void everyTransformNamedInConnectorJsonIsOneOfOurPlugins() throws Exception {
        int transforms = 0;
        for (Path file : connectorFiles()) {
            Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(file.toFile()).get("config").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().matches("transforms\\.[^.]+\\.type")) {
                    Class<?> type = Class.forName(field.getValue().asText());
                    assertTrue(org.apache.kafka.connect.transforms.Transformation.class.isAssignableFrom(type));
                    transforms++;
                }
            }
        }
        assertEquals(18, transforms, "FlattenEnvelope and RouteByTable in each of the three sinks, default, fast and 2.7");
    }

    @Test
    void dockerfileCopiesThePackagedPluginDirectories() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("ARG BASE_IMAGE=") && dockerfile.contains("ARG BASE_TAG="), "base image build args");
        Matcher copy = Pattern.compile("COPY --chown=kafka:kafka (\\S+) (/kafka/connect/\\S+)").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            assertTrue(Files.isDirectory(ROOT.resolve(copy.group(1))), copy.group(1) + " is not built");
            copies++;
        }
        try (var dirs = Files.list(ROOT.resolve("packaging/target/plugins"))) {
            assertEquals(dirs.filter(Files::isDirectory).count(), copies, "one COPY per packaged plugin directory");
        }
    }

    @Test
    void composeFileIsValid() throws Exception {
        List<String> command = commandAvailable("docker-compose", "version") ? List.of("docker-compose")
                : commandAvailable("docker", "compose", "version") ? List.of("docker", "compose") : null;
        assumeTrue(command != null, "neither docker-compose nor the docker compose plugin is installed");
        List<String> validate = new ArrayList<>(command);
        validate.addAll(List.of("-f", DOCKER.resolve("docker-compose.yml").toString(), "config"));
        String tested = run(validate, 0, Map.of());
        assertTrue(tested.contains("image: apache/kafka:4.1.1") && tested.contains("BASE_TAG: 3.5.0.Final"), tested);
        // As run-seed-scenario.sh --line 2.7 sets them:
        String line27 = run(validate, 0, Map.of("DEBEZIUM_TAG", "2.7.3.Final", "KAFKA_TAG", "3.9.1"));
        assertTrue(line27.contains("image: apache/kafka:3.9.1") && line27.contains("BASE_TAG: 2.7.3.Final"), line27);
    }

    @Test
    void shellScriptsPassShellcheck() throws Exception {
        assumeTrue(commandAvailable("shellcheck", "--version"), "shellcheck is not installed");
        List<String> check = new ArrayList<>(List.of("shellcheck"));
        for (String script : List.of("docker/run-seed-scenario.sh", "lab/run.sh", "benchmarks/run.sh", ".ci/run")) {
            check.add(ROOT.resolve(script).toString());
        }
        assertEquals("", run(check, 0));
    }

    private static boolean commandAvailable(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> command, int expectedExit) throws Exception {
        return run(command, expectedExit, Map.of());
    }

    private static String run(List<String> command, int expectedExit, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(expectedExit, p.exitValue(), command + ":\n" + output);
        return output.trim();
    }
}
