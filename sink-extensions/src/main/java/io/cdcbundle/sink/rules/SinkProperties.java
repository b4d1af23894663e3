package io.cdcbundle.sink.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdcbundle.sink.settings.DialectOptions;


/** Names that a JDBC sink connector's configuration may hold besides the Debezium sink's own ConfigDef. */
public final class SinkProperties {

    private SinkProperties() {
    }

    /** Read by Debezium's JdbcSinkConnectorConfig but missing from its config() in 3.5. */
    static final Set<String> DEBEZIUM_UNDECLARED = Set.of("connection.provider", "use.reduction.buffer");

    /** ValidatedJdbcSinkConnector's own options. */
    public static final Set<String> OWN = Set.of("validation.strict", "validation.live.check", "validation.live.check.timeout.ms",
            DialectOptions.ENABLED, DialectOptions.MULTIROW_MAX_ROWS, DialectOptions.PLACEHOLDER,
            DialectOptions.FENCE, DialectOptions.OVERLAP, DialectOptions.TABLE_TTL,
            DialectOptions.RETRY_TIMEOUT);

    /**
     * JdbcSinkConnector.config().names() of the tested Debezium line, 3.5.0.Final, for the linter, which runs
     * without Debezium on its classpath; SinkPropertiesTest pins it to the real ConfigDef.
     */
    public static final Set<String> DEBEZIUM_3_5 = Set.of("connection.url", "connection.username", "connection.password",
            "connection.pool.min_size", "connection.pool.max_size", "connection.pool.acquire_increment",
            "connection.pool.timeout", "insert.mode", "delete.enabled", "truncate.enabled", "collection.name.format",
            "table.name.format", "primary.key.mode", "primary.key.fields", "schema.evolution", "quote.identifiers",
            "collection.naming.strategy", "table.naming.strategy", "column.naming.strategy", "collection.table.format",
            "use.time.zone", "database.time_zone", "dialect.postgres.postgis.schema",
            "dialect.postgres.unnest.insert.enabled", "dialect.sqlserver.identity.insert", "batch.size",
            "field.include.list", "field.exclude.list", "flush.max.retries", "flush.retry.delay.ms",
            "connection.restart.on.errors", "cloud.events.schema.name.pattern");

    /** Passed through to Hibernate by the Debezium sink. */
    static final String HIBERNATE_PREFIX = "hibernate.";

    /** Kafka Connect's own connector-level properties. */
    static final Set<String> CONNECT = Set.of("name", "connector.class", "tasks.max", "topics", "topics.regex",
            "key.converter", "value.converter", "header.converter", "transforms", "predicates", "config.action.reload",
            "errors.retry.timeout", "errors.retry.delay.max.ms", "errors.tolerance", "errors.log.enable",
            "errors.log.include.messages", "errors.deadletterqueue.topic.name",
            "errors.deadletterqueue.topic.replication.factor", "errors.deadletterqueue.context.headers.enable",
            "connector.plugin.version", "key.converter.plugin.version", "value.converter.plugin.version",
            "header.converter.plugin.version");

    static final List<String> CONNECT_PREFIXES = List.of("key.converter.", "value.converter.", "header.converter.",
            "transforms.", "predicates.", "consumer.override.", "producer.override.", "admin.override.");

    /** Confluent JDBC sink names users bring along, and what Debezium's sink wants instead. */
    static final Map<String, String> CONFLUENT_NAMES = Map.ofEntries(
            Map.entry("auto.create", "Debezium's sink creates missing tables with schema.evolution=basic"),
            Map.entry("auto.evolve", "Debezium's sink adds columns with schema.evolution=basic"),
            Map.entry("pk.mode", "write primary.key.mode"),
            Map.entry("pk.fields", "write primary.key.fields"),
            Map.entry("connection.user", "write connection.username"),
            Map.entry("dialect.name", "Debezium's sink picks its dialect from the JDBC connection; remove it "
                    + "(hibernate.dialect overrides the choice if you must)"),
            Map.entry("max.retries", "write flush.max.retries"),
            Map.entry("retry.backoff.ms", "write flush.retry.delay.ms"),
            Map.entry("db.timezone", "write use.time.zone"),
            Map.entry("fields.whitelist", "write field.include.list"),
            Map.entry("table.types", "remove it: Debezium's sink writes tables only"));

    static final Map<String, List<String>> ENUMS = Map.of(
            "insert.mode", List.of("insert", "upsert", "update"),
            "primary.key.mode", List.of("none", "kafka", "record_key", "record_header", "record_value"),
            "schema.evolution", List.of("none", "basic"));

    /** 2.7 name -> 3.x name (DBZ-8346 and the time zone option). */
    static final Map<String, String> RENAMED = Map.of(
            "table.name.format", "collection.name.format",
            "table.naming.strategy", "collection.naming.strategy",
            "database.time_zone", "use.time.zone");

    static boolean isConnectProperty(String name) {
        return CONNECT.contains(name) || CONNECT_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
