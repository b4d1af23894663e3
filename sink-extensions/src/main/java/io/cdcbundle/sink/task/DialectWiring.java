package io.cdcbundle.sink.task;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdcbundle.sink.dialect.SafeDialectProvider;
import io.cdcbundle.sink.jdbc.MultiRowConnectionProvider;
import io.cdcbundle.sink.settings.DialectOptions;


/**
 * How Debezium's JDBC sink task comes to write through cdc-bundle's dialect without a line of Debezium changed. The
 * one place that knows it, in the order it happens:
 * <ol>
 *   <li>{@link SafeJdbcSinkTask} is ValidatedJdbcSinkConnector's task. It checks the running Debezium line
 *       ({@link io.cdcbundle.sink.settings.DebeziumLine}): before 3.5 it runs Debezium's task as it is.</li>
 *   <li>{@link #settings} turns our {@code bundle.dialect.*} options into settings Debezium passes through untouched:
 *       Hibernate properties {@code hibernate.cdcbundle.*} (read back from the session factory by our dialect provider
 *       and connection provider), c3p0 defaults {@code hibernate.c3p0.*}, and {@code connection.provider} =
 *       {@link MultiRowConnectionProvider}, Debezium's own c3p0 pool whose connections prepare multi-row statements
 *       and pass each commit through the write fence ({@link io.cdcbundle.sink.jdbc.WriteFence}).</li>
 *   <li>The task starts Debezium's {@code JdbcSinkConnectorTask} with that configuration and, as the thread's context
 *       class loader, a {@link DialectFirstClassLoader}: Debezium finds its dialect with a ServiceLoader over that
 *       loader (the first provider that supports the Hibernate dialect wins), and ours is listed first, under a
 *       resource name Debezium's own connector never reads.</li>
 *   <li>{@link SafeDialectProvider} builds Debezium's stock dialect for the target from a class loader of the task's
 *       own (Debezium's type singletons remember the last dialect that configured them, so each task needs its own
 *       copies), and wraps it in {@link io.cdcbundle.sink.dialect.SafeDatabaseDialect}: key predicates required,
 *       values bound faithfully, created column types corrected, table descriptions kept, placeholders guarded.</li>
 *   <li>Around Debezium's {@code put}, the task merges delete/tombstone pairs, drops headers the converter cannot
 *       describe, writes arrays as JSON where the target has none, overlaps writing with conversion, and on a lost
 *       connection starts a new Debezium task and has Connect deliver the batch again ({@link PendingRewind},
 *       {@link TargetOutage}).</li>
 * </ol>
 * The statement rewrites recognise the SQL shapes Debezium 3.5 writes; another shape is left as Debezium wrote it and
 * reported once per table ({@link io.cdcbundle.sink.jdbc.UnrecognisedStatements}).
 */
final class DialectWiring {

    /** Debezium's JdbcSinkConnector numbers its task configurations under this name. */
    private static final String TASK_ID = "task.id";
    private static final String C3P0 = "org.hibernate.c3p0.internal.C3P0ConnectionProvider";
    /** c3p0's options, which Hibernate passes on from hibernate.c3p0.*. */
    static final Map<String, String> C3P0_DEFAULTS = Map.of("hibernate.c3p0.testConnectionOnCheckout", "true",
            "hibernate.c3p0.acquireRetryAttempts", "2", "hibernate.c3p0.acquireRetryDelay", "500",
            "hibernate.c3p0.checkoutTimeout", "15000");

    private DialectWiring() {
    }

    /** The sink configuration to start Debezium's task with; {@code changes} receives one line per change. */
    static Map<String, String> settings(Map<String, String> config, Map<String, String> changes) {
        Map<String, String> effective = new LinkedHashMap<>(config);
        effective.put(DialectOptions.PLACEHOLDER_SETTING,
                config.getOrDefault(DialectOptions.PLACEHOLDER, DialectOptions.DEFAULT_PLACEHOLDER));
        effective.put(DialectOptions.TABLE_TTL_SETTING,
                config.getOrDefault(DialectOptions.TABLE_TTL, String.valueOf(DialectOptions.DEFAULT_TABLE_TTL_MS)).trim());
        // A pooled connection the server has dropped is found when it is taken, not when a batch fails on it; and an
        // unreachable target fails a checkout within seconds (c3p0 retries 30 times a second apart, then waits for
        // ever by default), so that the task can back off and count its retry time.
        C3P0_DEFAULTS.forEach(effective::putIfAbsent);
        String url = config.getOrDefault("connection.url", "").trim();
        boolean served = url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:postgresql:");
        int maxRows = DialectOptions.maxRows(config);
        boolean fence = DialectOptions.fence(config);
        String provider = config.get("connection.provider");
        if (served && (maxRows > 1 || fence) && (provider == null || provider.trim().equals(C3P0))) {
            effective.put("connection.provider", MultiRowConnectionProvider.class.getName());
            effective.put(DialectOptions.MAX_ROWS_SETTING, String.valueOf(maxRows));
            if (fence) {
                effective.put(DialectOptions.FENCE_SETTING, config.getOrDefault("name", "sink") + "/"
                        + config.getOrDefault(TASK_ID, "0"));
            }
            changes.put("connection.provider", MultiRowConnectionProvider.class.getName() + " (up to " + maxRows
                    + " rows per INSERT/upsert statement" + (fence ? ", write fence" : "") + ")");
        }
        return effective;
    }
}
