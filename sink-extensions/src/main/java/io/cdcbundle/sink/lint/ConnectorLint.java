package io.cdcbundle.sink.lint;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdcbundle.sink.rules.Finding;
import io.cdcbundle.sink.rules.SinkConfigRules;
import io.cdcbundle.sink.settings.DebeziumLine;


/**
 * Checks connector JSON files before they reach a worker: each sink with the same rules as
 * ValidatedJdbcSinkConnector, each Debezium source with source rules, and sources against sinks (every sink topic
 * written by a source in the set; no sink writing into its own source). Runs from our jar alone:
 * <pre>
 *   java -cp cdc-bundle-sink-extensions-0.1.0-SNAPSHOT.jar io.cdcbundle.sink.lint.ConnectorLint connectors/*.json
 * </pre>
 * Exit status 1 when any file has an error, 0 otherwise (warnings included).
 */
public final class ConnectorLint {

    static final String DEBEZIUM_VERSION = "3.5.0.Final";

    private ConnectorLint() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** One connector document that parsed. */
    record Connector(Path file, String name, Map<String, String> config) {
    }

    static int run(String[] args, PrintStream out) {
        String debeziumVersion = DEBEZIUM_VERSION;
        if (args.length >= 2 && args[0].equals("--debezium")) {
            debeziumVersion = args[1];
            args = java.util.Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length == 0 || args[0].startsWith("--")) {
            out.println("Usage: ConnectorLint [--debezium VERSION] CONNECTOR.json [CONNECTOR.json ...]");
            out.println("  --debezium: the Debezium release the connectors run on, e.g. 2.7.3.Final (default "
                    + DEBEZIUM_VERSION + ")");
            return 2;
        }
        boolean errors = false;
        List<Connector> connectors = new ArrayList<>();
        for (String arg : args) {
            Path file = Path.of(arg);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.println(file + ": ERROR cannot be read: " + e.getMessage());
                errors = true;
                continue;
            }
            try {
                Connector c = connector(file, JsonReader.read(text));
                if (c == null) {
                    out.println(file + ": ERROR not a connector document: expected {\"name\": ..., \"config\": {...}}");
                    errors = true;
                } else {
                    connectors.add(c);
                }
            } catch (JsonReader.JsonError e) {
                out.println(file + ":" + e.line + ":" + e.column + ": ERROR not valid JSON: " + e.getMessage());
                errors = true;
            }
        }
        for (Connector c : connectors) {
            for (Finding f : findings(c, connectors, debeziumVersion)) {
                out.println(c.file() + ": " + f);
                errors |= f.error();
            }
        }
        out.println(connectors.size() + " of " + args.length + " file(s) parsed; " + (errors ? "errors found" : "no errors"));
        return errors ? 1 : 0;
    }

    @SuppressWarnings("unchecked")
    private static Connector connector(Path file, Object document) {
        if (!(document instanceof Map<?, ?> doc) || !(doc.get("config") instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, String> config = new LinkedHashMap<>();
        ((Map<String, Object>) raw).forEach((k, v) -> config.put(k, v == null ? null : String.valueOf(v)));
        return new Connector(file, String.valueOf(doc.get("name")), config);
    }

    static List<Finding> findings(Connector c, List<Connector> all, String debeziumVersion) {
        String connectorClass = c.config().get("connector.class");
        if (SourceRules.isSource(connectorClass)) {
            return SourceRules.check(c.config(), DebeziumLine.of(debeziumVersion));
        }
        List<Finding> findings = new ArrayList<>(SinkConfigRules.check(c.config(), debeziumVersion,
                SinkConfigRules.debeziumSinkNames()));
        findings.addAll(pairs(c, all));
        return findings;
    }

    /** The sink against the sources in the same set of files. */
    private static List<Finding> pairs(Connector sink, List<Connector> all) {
        List<Connector> sources = all.stream().filter(c -> SourceRules.isSource(c.config().get("connector.class"))).toList();
        List<Finding> findings = new ArrayList<>();
        if (sources.isEmpty()) {
            return findings;
        }
        String topics = sink.config().get("topics");
        if (topics != null) {
            for (String topic : topics.split(",")) {
                String t = topic.trim();
                if (sources.stream().noneMatch(s -> writes(s.config(), t))) {
                    findings.add(new Finding(true, "topics", "no source connector in these files writes '" + t
                            + "'; theirs are named " + sources.stream().map(s -> s.config().get("topic.prefix")
                            + (SourceRules.isPostgres(s.config()) ? ".<schema>.<table>" : ".<database>.<table>")).toList()));
                }
            }
        }
        String sinkTarget = hostPort(sink.config().get("connection.url"));
        for (Connector source : sources) {
            String sourceTarget = source.config().get("database.hostname") + ":" + source.config().get("database.port");
            if (sinkTarget != null && sinkTarget.equalsIgnoreCase(sourceTarget)) {
                findings.add(new Finding(false, "connection.url", "writes to " + sinkTarget + ", the server that "
                        + source.name() + " reads: the sink would replicate into its own source"));
            }
        }
        return findings;
    }

    /** Whether a Debezium source with this configuration writes the topic. */
    static boolean writes(Map<String, String> source, String topic) {
        String prefix = source.get("topic.prefix");
        if (prefix == null || !topic.startsWith(prefix + ".")) {
            return false;
        }
        String rest = topic.substring(prefix.length() + 1);
        String tables = source.get("table.include.list");
        if (tables != null && !tables.isBlank()) {
            for (String table : tables.split(",")) {
                if (rest.matches(table.trim())) {
                    return true;
                }
            }
            return false;
        }
        String databases = source.get("database.include.list");
        if (databases != null && !databases.isBlank() && !SourceRules.isPostgres(source)) {
            for (String db : databases.split(",")) {
                if (rest.startsWith(db.trim() + ".")) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static String hostPort(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            return null;
        }
        try {
            URI uri = URI.create(jdbcUrl.substring(5));
            return uri.getHost() == null ? null : uri.getHost() + ":" + (uri.getPort() < 0 ? defaultPort(jdbcUrl) : uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int defaultPort(String url) {
        return url.startsWith("jdbc:postgresql:") ? 5432 : 3306;
    }
}
