package io.cdcbundle.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Debezium and Kafka Connect releases the lab runs the pipelines on. Only {@link #TESTED} runs in the lab's
 * own JVM; the others run a broker and a worker JVM of their release ({@code lab/lines/}), with the Debezium plugin
 * archives of their line and our plugins in the plugin path.
 */
public enum VersionLine {

    /**
     * The users' reference image, debezium/connect:2.7.3.Final (Kafka Connect 3.7.0), next to the seed's
     * apache/kafka:3.9.1 broker. 2.7.0.Final is the newest 2.7 release served to our build machines.
     */
    DEBEZIUM_2_7("2.7", "debezium27.version", "3.7.0", "3.9.1", "connect-3.7.0", "kafka-3.9.1", "plugin.path.debezium27"),
    /** The line the bundle is built against and fully tested on, in the lab's own JVM. */
    TESTED("3.5", "debezium.version", null, null, null, null, "plugin.path"),
    /** The newest Kafka Connect served, with the tested Debezium line's plugins. */
    NEWEST_CONNECT("newest", "debezium.version", "4.4.0", "4.4.0", "kafka-4.4.0", "kafka-4.4.0", "plugin.path");

    /**
     * Sink options that Debezium 3.0.2 renamed (DBZ-8346): the 3.x name and the 2.7 one. The validated sink keeps the
     * same pairs in SinkProperties.RENAMED; the lab cannot load that class (our plugins must load from the plugin path
     * only). For the names docker's JSON uses, the linter's run over docker/connectors/2.7/ (ConnectorLintTest)
     * refuses a 3.x name this map failed to rename.
     */
    private static final Map<String, String> SINK_NAMES_BEFORE_3_0_2 = Map.of(
            "collection.name.format", "table.name.format",
            "collection.naming.strategy", "table.naming.strategy");

    private final String id;
    private final String debeziumVersionKey;
    private final String connectVersion;
    private final String brokerVersion;
    private final String workerModule;
    private final String brokerModule;
    private final String pluginPathKey;

    VersionLine(String id, String debeziumVersionKey, String connectVersion, String brokerVersion, String workerModule,
                String brokerModule, String pluginPathKey) {
        this.id = id;
        this.debeziumVersionKey = debeziumVersionKey;
        this.connectVersion = connectVersion;
        this.brokerVersion = brokerVersion;
        this.workerModule = workerModule;
        this.brokerModule = brokerModule;
        this.pluginPathKey = pluginPathKey;
    }

    /** As users name it on the command line: {@code 2.7}, {@code 3.5}, {@code newest}. */
    public String id() {
        return id;
    }

    public static VersionLine of(String id) {
        for (VersionLine line : values()) {
            if (line.id.equals(id)) {
                return line;
            }
        }
        throw new IllegalArgumentException("No version line '" + id + "'; the lab runs 2.7, 3.5 (the default) and newest");
    }

    public boolean inProcess() {
        return connectVersion == null;
    }

    public String debeziumVersion() {
        return Lab.buildInfo().get(debeziumVersionKey);
    }

    public String connectVersion() {
        return inProcess() ? Lab.buildInfo().get("kafka.version") : connectVersion;
    }

    public String brokerVersion() {
        return inProcess() ? Lab.buildInfo().get("kafka.version") : brokerVersion;
    }

    /** Debezium's plugin directories of this line, with ours, laid out like {@code /kafka/connect}. */
    public Path pluginPath() {
        return Lab.pluginPath(pluginPathKey);
    }

    String brokerClasspath() {
        return classpath(brokerModule);
    }

    String workerClasspath() {
        return classpath(workerModule);
    }

    private static String classpath(String module) {
        Path file = Path.of(Lab.buildInfo().get("line.classpath." + module));
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing: build lab/lines/" + module + " with "
                    + "'mvn package -pl lab -am -DskipTests' (lab/run.sh does)", e);
        }
    }

    /**
     * The changes a connector configuration written for the tested line needs on this line (null removes a
     * property), e.g. for {@link ConnectorTemplate#withConfig}. The 2.7 line reads the sink's older option names,
     * takes MariaDB's {@code disabled} SSL mode, and reaches a MariaDB target through the MySQL driver, because the
     * MariaDB driver that its JDBC plugin bundles (3.2.0) has no {@code nullDatabaseMeansCurrent}: without it the
     * sink takes a table of the same name in another database for its own. Its sink writes
     * through Debezium's dialect: cdc-bundle's needs 3.5, and says so unless told.
     */
    public Map<String, String> changes(Map<String, String> config) {
        Map<String, String> changes = new HashMap<>();
        if (this != DEBEZIUM_2_7) {
            return changes;
        }
        SINK_NAMES_BEFORE_3_0_2.forEach((current, old) -> {
            if (config.containsKey(current)) {
                changes.put(current, null);
                changes.put(old, config.get(current));
            }
        });
        String connector = config.getOrDefault("connector.class", "");
        if (connector.equals("io.debezium.connector.mariadb.MariaDbConnector")
                && "disable".equals(config.get("database.ssl.mode"))) {
            changes.put("database.ssl.mode", "disabled");
        }
        String url = config.getOrDefault("connection.url", "");
        if (url.startsWith("jdbc:mariadb:")) {
            String mysql = "jdbc:mysql:" + url.substring("jdbc:mariadb:".length())
                    .replaceAll("[?&]nullDatabaseMeansCurrent=true", "");
            changes.put("connection.url", mysql + (mysql.contains("?") ? "&" : "?")
                    + "nullDatabaseMeansCurrent=true&sslMode=DISABLED");
        } else if (url.startsWith("jdbc:mysql:") && !url.contains("nullDatabaseMeansCurrent=true")) {
            changes.put("connection.url", url + (url.contains("?") ? "&" : "?") + "nullDatabaseMeansCurrent=true");
        }
        if (connector.equals("io.cdcbundle.sink.ValidatedJdbcSinkConnector") && !config.containsKey("bundle.dialect.enabled")) {
            changes.put("bundle.dialect.enabled", "false");
        }
        return changes;
    }

    /** A connector JSON document ({"name", "config"}) written for the tested line, as it must be on this one. */
    public String adapt(String connectorJson) {
        Map<String, String> changes = changes(config(connectorJson));
        return changes.isEmpty() ? connectorJson : ConnectorTemplate.withConfig(connectorJson, changes);
    }

    static Map<String, String> config(String connectorJson) {
        try {
            JsonNode config = new ObjectMapper().readTree(connectorJson).path("config");
            Map<String, String> values = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), e.getValue().asText());
            }
            return values;
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a connector JSON document", e);
        }
    }

    @Override
    public String toString() {
        return inProcess() ? "Debezium " + debeziumVersion() + " on Kafka " + connectVersion() + " (in the lab's JVM)"
                : "Debezium " + debeziumVersion() + " on Kafka Connect " + connectVersion() + ", broker Kafka "
                + brokerVersion();
    }
}
