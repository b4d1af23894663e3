package io.cdcbundle.lab;

import java.util.HashMap;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseServer;

/**
 * One CDC pipeline as in the seed: a Debezium source connector on {@code source}, a Kafka topic, and a Debezium
 * JDBC sink connector writing {@code target_table} on {@code target}. Each pipeline has its own database of the
 * same name on both servers, its own topic prefix and replication identity, so pipelines sharing servers never
 * see each other's rows.
 *
 * @param name           e.g. {@code mariadb-to-postgres}: connector names are {@code <name>-source}/{@code -sink}
 * @param sourceClientId the replication client id (MySQL/MariaDB {@code database.server.id}); distinct from every
 *                       server's own id, which the seed got wrong
 */
public record Pipeline(String name, DatabaseServer source, DatabaseServer target, int sourceClientId) {

    public static final String SOURCE_TABLE = "source_table";
    public static final String TARGET_TABLE = "target_table";

    /** Database name and topic prefix: the name with underscores, valid in every product's identifiers. */
    public String prefix() {
        return name.replace('-', '_');
    }

    public String database() {
        return prefix();
    }

    public String topic() {
        return source.kind().sourceTopic(prefix(), database(), SOURCE_TABLE);
    }

    public String sourceConnector() {
        return name + "-source";
    }

    public String sinkConnector() {
        return name + "-sink";
    }

    public String sourceConnectorJson(String bootstrapServers) {
        return ConnectorTemplate.load(source.kind().id() + "-source.json").render(templateValues(bootstrapServers));
    }

    public String sinkConnectorJson(String bootstrapServers) {
        return ConnectorTemplate.load(target.kind().id() + "-sink.json").render(templateValues(bootstrapServers));
    }

    Map<String, String> templateValues(String bootstrapServers) {
        Map<String, String> v = new HashMap<>();
        v.put("pipeline", name);
        v.put("prefix", prefix());
        v.put("database", database());
        v.put("topic", topic());
        v.put("kafka.bootstrap.servers", bootstrapServers);
        v.put("source.client.id", String.valueOf(sourceClientId));
        put(v, "source", source);
        put(v, "target", target);
        return v;
    }

    private static void put(Map<String, String> v, String role, DatabaseServer server) {
        v.put(role + ".host", server.host());
        v.put(role + ".port", String.valueOf(server.port()));
        v.put(role + ".user", server.user());
        v.put(role + ".password", server.password());
    }
}
