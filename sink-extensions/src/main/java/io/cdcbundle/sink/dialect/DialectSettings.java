package io.cdcbundle.sink.dialect;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;

/**
 * The options of cdc-bundle's sink dialect, and what they make of a Debezium JDBC sink configuration: the settings
 * under which the Debezium sink writes through {@link SafeDatabaseDialect} in multi-row statements. A connection
 * provider the user chose stays, and each change is reported. The reduction buffer is left as it is: it collapses
 * an insert and the update that follows it into the update, which loses a text the update only carries as Debezium's
 * unavailable-value placeholder.
 */
public final class DialectSettings {

    public static final String ENABLED = "bundle.dialect.enabled";
    public static final String MULTIROW_MAX_ROWS = "bundle.dialect.multirow.max.rows";
    public static final String PLACEHOLDER = "bundle.dialect.unavailable.value.placeholder";
    public static final String FENCE = "bundle.dialect.fence.enabled";
    public static final String OVERLAP = "bundle.dialect.overlap.enabled";
    public static final String TABLE_TTL = "bundle.dialect.table.metadata.ttl.ms";
    public static final String RETRY_TIMEOUT = "bundle.dialect.retry.timeout.ms";

    static final int DEFAULT_MAX_ROWS = 1000;
    static final long DEFAULT_TABLE_TTL_MS = 60_000;
    /** The options' ranges, also checked by SinkConfigRules, which runs without Kafka's ConfigDef. */
    public static final int MAX_ROWS_LIMIT = 10_000;
    public static final long MAX_TABLE_TTL_MS = 86_400_000L;
    static final long DEFAULT_RETRY_TIMEOUT_MS = 300_000;
    public static final long MAX_RETRY_TIMEOUT_MS = 86_400_000L;

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(ENABLED, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Write through cdc-bundle's dialect for MariaDB, MySQL and PostgreSQL targets: DELETE and UPDATE "
                            + "only with a key predicate, MariaDB's upsert syntax whatever the URL scheme, multi-row "
                            + "INSERT/upsert statements, unavailable-value placeholders kept out of text columns, a "
                            + "write fence against replaced task instances. false = Debezium's own dialect.")
            .define(MULTIROW_MAX_ROWS, ConfigDef.Type.INT, DEFAULT_MAX_ROWS,
                    ConfigDef.Range.between(1, MAX_ROWS_LIMIT), ConfigDef.Importance.LOW,
                    "Rows per multi-row INSERT/upsert statement (also capped at 65,535 parameters, and a statement "
                            + "ends before a row that repeats its conflict key on PostgreSQL); 1 = one statement per "
                            + "row, as Debezium's dialect.")
            .define(FENCE, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Fence off a stopped instance of a sink task that Connect gave up waiting for, so that the batch it "
                            + "still delivers cannot overwrite its successor's rows: each instance takes the next "
                            + "generation of its task in the table " + WriteFence.TABLE + " of the target database, and a "
                            + "commit of an older generation is rolled back. Needs CREATE on the target schema once.")
            .define(OVERLAP, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Write each batch on a thread of the task's own while Connect polls and converts the next one (at "
                            + "most one batch in flight; offsets are committed only for written records, and a failed "
                            + "batch fails the task on the next put, as Debezium's task does). false = write in put().")
            .define(TABLE_TTL, ConfigDef.Type.LONG, DEFAULT_TABLE_TTL_MS, ConfigDef.Range.between(0, MAX_TABLE_TTL_MS),
                    ConfigDef.Importance.LOW,
                    "How long a target table's description (columns, key) read from the database's catalogue is used "
                            + "before it is read again; a CREATE or ALTER by the sink reads it again at once. Debezium "
                            + "reads it for every batch. A column someone else drops from the target is seen this late. "
                            + "0 = read it for every batch, as Debezium.")
            .define(RETRY_TIMEOUT, ConfigDef.Type.LONG, DEFAULT_RETRY_TIMEOUT_MS,
                    ConfigDef.Range.between(0, MAX_RETRY_TIMEOUT_MS), ConfigDef.Importance.MEDIUM,
                    "How long the sink keeps trying to reach its target after a lost connection (a restart of the "
                            + "server, a killed connection, a network failure) before the task fails: the failed batch "
                            + "is written again on fresh connections, with waits from 0.5 s doubling up to 10 s, and "
                            + "nothing past it is committed meanwhile. Failures of the data are not retried. "
                            + "0 = fail at the first lost connection.")
            .define(PLACEHOLDER, ConfigDef.Type.STRING, "__debezium_unavailable_value", ConfigDef.Importance.LOW,
                    "The source's unavailable.value.placeholder: an upsert that carries it in a text column keeps the "
                            + "target's value instead of writing it. Empty = write it as it comes.");

    /** Debezium's JdbcSinkConnector numbers its task configurations under this name. */
    private static final String TASK_ID = "task.id";
    private static final String C3P0 = "org.hibernate.c3p0.internal.C3P0ConnectionProvider";
    /** c3p0's options, which Hibernate passes on from hibernate.c3p0.*. */
    static final Map<String, String> C3P0_DEFAULTS = Map.of("hibernate.c3p0.testConnectionOnCheckout", "true",
            "hibernate.c3p0.acquireRetryAttempts", "2", "hibernate.c3p0.acquireRetryDelay", "500",
            "hibernate.c3p0.checkoutTimeout", "15000");

    private DialectSettings() {
    }

    public static boolean enabled(Map<String, String> config) {
        return on(config, ENABLED);
    }

    static boolean overlap(Map<String, String> config) {
        return on(config, OVERLAP);
    }

    static long retryTimeoutMs(Map<String, String> config) {
        String value = config.get(RETRY_TIMEOUT);
        return value == null || value.isBlank() ? DEFAULT_RETRY_TIMEOUT_MS : Long.parseLong(value.trim());
    }

    /** Every switch of the dialect is on unless set to false. */
    private static boolean on(Map<String, String> config, String flag) {
        String value = config.get(flag);
        return value == null || !value.trim().equalsIgnoreCase("false");
    }

    /** The sink configuration to start Debezium's task with; {@code changes} receives one line per change. */
    static Map<String, String> apply(Map<String, String> config, Map<String, String> changes) {
        Map<String, String> effective = new LinkedHashMap<>(config);
        effective.put(SafeDialectProvider.PLACEHOLDER_SETTING,
                config.getOrDefault(PLACEHOLDER, "__debezium_unavailable_value"));
        effective.put(SafeDialectProvider.TABLE_TTL_SETTING,
                config.getOrDefault(TABLE_TTL, String.valueOf(DEFAULT_TABLE_TTL_MS)).trim());
        // A pooled connection the server has dropped is found when it is taken, not when a batch fails on it; and an
        // unreachable target fails a checkout within seconds (c3p0 retries 30 times a second apart, then waits for
        // ever by default), so that the task can back off and count its retry time.
        C3P0_DEFAULTS.forEach(effective::putIfAbsent);
        String url = config.getOrDefault("connection.url", "").trim();
        boolean served = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:postgresql:");
        int maxRows = Integer.parseInt(config.getOrDefault(MULTIROW_MAX_ROWS, String.valueOf(DEFAULT_MAX_ROWS)).trim());
        boolean fence = on(config, FENCE);
        String provider = config.get("connection.provider");
        if (served && (maxRows > 1 || fence) && (provider == null || provider.trim().equals(C3P0))) {
            effective.put("connection.provider", MultiRowConnectionProvider.class.getName());
            effective.put(MultiRowConnectionProvider.MAX_ROWS_SETTING, String.valueOf(maxRows));
            if (fence) {
                effective.put(MultiRowConnectionProvider.FENCE_SETTING, config.getOrDefault("name", "sink") + "/"
                        + config.getOrDefault(TASK_ID, "0"));
            }
            changes.put("connection.provider", MultiRowConnectionProvider.class.getName() + " (up to " + maxRows
                    + " rows per INSERT/upsert statement" + (fence ? ", write fence" : "") + ")");
        }
        return effective;
    }

}
