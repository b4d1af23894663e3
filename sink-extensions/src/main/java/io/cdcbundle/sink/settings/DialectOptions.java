package io.cdcbundle.sink.settings;

import java.util.Map;

/**
 * The names, defaults and limits of the {@code bundle.dialect.*} options, and the settings through which they reach
 * the dialect inside Debezium's task. Plain Java on purpose: the rules and the linter read them without Kafka's jars
 * (see {@link DialectConfig} for the options as Connect documents and validates them).
 */
public final class DialectOptions {

    public static final String ENABLED = "bundle.dialect.enabled";
    public static final String MULTIROW_MAX_ROWS = "bundle.dialect.multirow.max.rows";
    public static final String PLACEHOLDER = "bundle.dialect.unavailable.value.placeholder";
    public static final String FENCE = "bundle.dialect.fence.enabled";
    public static final String OVERLAP = "bundle.dialect.overlap.enabled";
    public static final String TABLE_TTL = "bundle.dialect.table.metadata.ttl.ms";
    public static final String RETRY_TIMEOUT = "bundle.dialect.retry.timeout.ms";

    public static final int DEFAULT_MAX_ROWS = 1000;
    public static final int MAX_ROWS_LIMIT = 10_000;
    public static final long DEFAULT_TABLE_TTL_MS = 60_000;
    public static final long MAX_TABLE_TTL_MS = 86_400_000L;
    public static final long DEFAULT_RETRY_TIMEOUT_MS = 300_000;
    public static final long MAX_RETRY_TIMEOUT_MS = 86_400_000L;
    public static final String DEFAULT_PLACEHOLDER = "__debezium_unavailable_value";

    /** The table of the target database in which each sink task instance takes its generation. */
    public static final String FENCE_TABLE = "cdc_bundle_fence";

    /*
     * Hibernate properties: Debezium passes every hibernate.* setting of the sink configuration to its session factory
     * untouched, from which our dialect provider and connection provider read them back.
     */
    public static final String PLACEHOLDER_SETTING = "hibernate.cdcbundle.unavailable.value.placeholder";
    public static final String TABLE_TTL_SETTING = "hibernate.cdcbundle.table.metadata.ttl.ms";
    public static final String MAX_ROWS_SETTING = "hibernate.cdcbundle.multirow.max.rows";
    public static final String FENCE_SETTING = "hibernate.cdcbundle.fence.name";

    private DialectOptions() {
    }

    public static boolean enabled(Map<String, String> config) {
        return on(config, ENABLED);
    }

    public static boolean overlap(Map<String, String> config) {
        return on(config, OVERLAP);
    }

    public static boolean fence(Map<String, String> config) {
        return on(config, FENCE);
    }

    public static long retryTimeoutMs(Map<String, String> config) {
        String value = config.get(RETRY_TIMEOUT);
        return value == null || value.isBlank() ? DEFAULT_RETRY_TIMEOUT_MS : Long.parseLong(value.trim());
    }

    public static int maxRows(Map<String, String> config) {
        String value = config.get(MULTIROW_MAX_ROWS);
        return value == null || value.isBlank() ? DEFAULT_MAX_ROWS : Integer.parseInt(value.trim());
    }

    /** Every switch of the dialect is on unless set to false. */
    private static boolean on(Map<String, String> config, String flag) {
        String value = config.get(flag);
        return value == null || !value.trim().equalsIgnoreCase("false");
    }
}
