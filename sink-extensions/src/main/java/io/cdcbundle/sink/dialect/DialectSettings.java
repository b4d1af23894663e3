package io.cdcbundle.sink.dialect;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;

/**
 * The options of cdc-bundle's sink dialect, and what they make of a Debezium JDBC sink configuration: the settings
 * under which the Debezium sink writes through {@link SafeDatabaseDialect} in multi-row statements. Only properties
 * the user left unset are changed, and each change is reported.
 */
public final class DialectSettings {

    public static final String ENABLED = "bundle.dialect.enabled";
    public static final String MULTIROW_MAX_ROWS = "bundle.dialect.multirow.max.rows";
    public static final String PLACEHOLDER = "bundle.dialect.unavailable.value.placeholder";

    static final int DEFAULT_MAX_ROWS = 1000;

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(ENABLED, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Write through cdc-bundle's dialect for MariaDB, MySQL and PostgreSQL targets: DELETE and UPDATE "
                            + "only with a key predicate, MariaDB's upsert syntax whatever the URL scheme, multi-row "
                            + "INSERT/upsert statements, the reduction buffer for upserts. false = Debezium's own "
                            + "dialect and settings.")
            .define(MULTIROW_MAX_ROWS, ConfigDef.Type.INT, DEFAULT_MAX_ROWS,
                    ConfigDef.Range.between(1, 10_000), ConfigDef.Importance.LOW,
                    "Rows per multi-row INSERT/upsert statement on MariaDB and MySQL targets (also capped at 65,535 "
                            + "parameters); 1 = one statement per row, as Debezium's dialect. PostgreSQL targets use "
                            + "the driver's reWriteBatchedInserts instead.")
            .define(PLACEHOLDER, ConfigDef.Type.STRING, "__debezium_unavailable_value", ConfigDef.Importance.LOW,
                    "The source's unavailable.value.placeholder: an upsert that carries it in a text column keeps the "
                            + "target's value instead of writing it. Empty = write it as it comes.");

    private static final String C3P0 = "org.hibernate.c3p0.internal.C3P0ConnectionProvider";

    private DialectSettings() {
    }

    public static boolean enabled(Map<String, String> config) {
        String value = config.get(ENABLED);
        return value == null || !value.trim().equalsIgnoreCase("false");
    }

    /** The sink configuration to start Debezium's task with; {@code changes} receives one line per change. */
    static Map<String, String> apply(Map<String, String> config, Map<String, String> changes) {
        Map<String, String> effective = new LinkedHashMap<>(config);
        String url = config.getOrDefault("connection.url", "").trim();
        boolean mysqlFamily = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
        String placeholder = config.getOrDefault(PLACEHOLDER, "__debezium_unavailable_value");
        effective.put(SafeDialectProvider.PLACEHOLDER_SETTING, placeholder);

        if (config.getOrDefault("insert.mode", "insert").trim().equalsIgnoreCase("upsert")) {
            // A batch keeps one record per key: PostgreSQL refuses a multi-row upsert that repeats a key.
            setIfUnset(effective, "use.reduction.buffer", "true", changes);
        }
        int maxRows = Integer.parseInt(config.getOrDefault(MULTIROW_MAX_ROWS,
                String.valueOf(DEFAULT_MAX_ROWS)).trim());
        String provider = config.get("connection.provider");
        if (mysqlFamily && maxRows > 1 && (provider == null || provider.trim().equals(C3P0))) {
            effective.put("connection.provider", MultiRowConnectionProvider.class.getName());
            effective.put(MultiRowConnectionProvider.MAX_ROWS_SETTING, String.valueOf(maxRows));
            changes.put("connection.provider", MultiRowConnectionProvider.class.getName() + " (" + maxRows
                    + " rows per statement)");
        }
        if (url.startsWith("jdbc:postgresql:") && !url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts")) {
            // pgjdbc rewrites a batch of single-row INSERTs into multi-row statements (up to 128 rows each).
            String rewritten = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
            effective.put("connection.url", rewritten);
            changes.put("connection.url", "+ reWriteBatchedInserts=true");
        }
        return effective;
    }

    private static void setIfUnset(Map<String, String> config, String key, String value, Map<String, String> changes) {
        String current = config.get(key);
        if (current == null || current.trim().isEmpty()) {
            config.put(key, value);
            changes.put(key, value);
        }
    }
}
