package io.cdcbundle.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bulk initial load ({@code io.cdcbundle.load.BulkInitialLoad}) run as a user runs it: a JVM of its own whose
 * classpath is the checker's plugin directory, given the pipeline's connector JSON files as the lab's Debezium line
 * takes them (passwords as the lab's {@code ${secrets:DIR:FILE}} references, which the command reads itself) and the
 * worker's REST address.
 */
public final class BulkLoadCommand {

    /** The command's exit code and every line it printed. */
    public record Outcome(int exitCode, List<String> lines) {
        /** The command's line about {@code table}'s outcome, or null. */
        public String about(String table) {
            return lines.stream().filter(l -> l.startsWith(table + ": ")).findFirst().orElse(null);
        }

        /** Rows copied of {@code table} (-1 when it was not copied). */
        public long copied(String table) {
            String line = about(table);
            return line == null || !line.contains(" rows copied") ? -1
                    : Long.parseLong(line.substring(table.length() + 2, line.indexOf(" rows copied")));
        }
    }

    private BulkLoadCommand() {
    }

    public static Outcome run(Lab lab, Pipeline p, String tables, String... options) throws IOException, InterruptedException {
        return start(lab, p, tables, options).await();
    }

    /** The command started, for a caller that watches the target meanwhile. */
    public static Running start(Lab lab, Pipeline p, String tables, String... options) throws IOException {
        Path dir = Files.createTempDirectory("cdc-bundle-bulk-load");
        Path source = Files.writeString(dir.resolve("source.json"), lab.line().adapt(p.sourceConnectorJson(lab.bootstrapServers())));
        Path sink = Files.writeString(dir.resolve("sink.json"), lab.line().adapt(p.sinkConnectorJson(lab.bootstrapServers())));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Lab.pluginPath().resolve("cdc-bundle-consistency-checker") + "/*", "io.cdcbundle.load.BulkInitialLoad",
                "--connect", lab.rest().base().toString(), "--source-connector", source.toString(),
                "--sink-connector", sink.toString(), "--tables", tables));
        command.addAll(List.of(options));
        Path output = dir.resolve("output.txt");
        return new Running(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start(), output);
    }

    /** A running command and where its output goes. */
    public record Running(Process process, Path output) {
        public Outcome await() throws IOException, InterruptedException {
            if (!process.waitFor(Duration.ofMinutes(30).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the bulk load did not end within 30 minutes: " + Files.readString(output));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            lines.forEach(l -> System.out.println("  bulk load | " + l));
            return new Outcome(process.exitValue(), lines);
        }
    }
}
