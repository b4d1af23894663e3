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
public record Pipeline(String name, DatabaseServer source, DatabaseServer target, int sourceClientId,
                       Map<String, String> sourceOverrides, Map<String, String> sinkOverrides, LabSecrets secrets) {

    /** A pipeline whose connector JSON carries the passwords themselves, as the seed's does. */
    public Pipeline(String name, DatabaseServer source, DatabaseServer target, int sourceClientId) {
        this(name, source, target, sourceClientId, Map.of(), Map.of(), null);
    }

    /** The same pipeline with these source connector properties set over the template's. */
    public Pipeline withSourceConfig(Map<String, String> overrides) {
        return new Pipeline(name, source, target, sourceClientId, merge(sourceOverrides, overrides), sinkOverrides, secrets);
    }

    /** The same pipeline with these sink properties set over the template's (null removes one), e.g. transforms. */
    public Pipeline withSinkConfig(Map<String, String> overrides) {
        return new Pipeline(name, source, target, sourceClientId, sourceOverrides, merge(sinkOverrides, overrides), secrets);
    }

    /** A null value removes the template's property (e.g. {@code topics}, to use {@code topics.regex}). */
    private static Map<String, String> merge(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(overrides);
        return java.util.Collections.unmodifiableMap(merged);
    }

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

    /** A source table as Debezium names it: database.table (MariaDB/MySQL) or schema.table (PostgreSQL). */
    public String sourceCollection(String table) {
        return (source.kind() == io.cdcbundle.lab.db.DatabaseKind.POSTGRES ? "public" : database()) + "." + table;
    }

    /** The bulk load's --tables entry for this pipeline: its source table into its target table. */
    public String bulkLoadTables() {
        return sourceCollection(SOURCE_TABLE) + "=" + TARGET_TABLE;
    }

    public String sourceConnector() {
        return name + "-source";
    }

    public String sinkConnector() {
        return name + "-sink";
    }

    /** Rows in the target table, or -1 while the sink has not created it. */
    public int targetRowCount() throws java.sql.SQLException {
        try (java.sql.Connection c = target.connect(database()); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select count(*) from " + TARGET_TABLE)) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            if (SeedScenario.isMissingTable(target.kind(), e)) {
                return -1;
            }
            throw e;
        }
    }

    public String sourceConnectorJson(String bootstrapServers) {
        return render(source.kind().id() + "-source.json", bootstrapServers, sourceOverrides);
    }

    public String sinkConnectorJson(String bootstrapServers) {
        return render(target.kind().id() + "-sink.json", bootstrapServers, sinkOverrides);
    }

    private String render(String template, String bootstrapServers, Map<String, String> overrides) {
        String json = ConnectorTemplate.load(template).render(templateValues(bootstrapServers));
        return overrides.isEmpty() ? json : ConnectorTemplate.withConfig(json, overrides);
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

    private void put(Map<String, String> v, String role, DatabaseServer server) {
        v.put(role + ".host", server.host());
        v.put(role + ".port", String.valueOf(server.port()));
        v.put(role + ".user", server.user());
        v.put(role + ".password", secrets == null ? server.password() : secrets.passwordReference(server));
    }
}
