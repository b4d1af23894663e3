package io.cdcbundle.sink.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cdcbundle.sink.dialect.SafeDatabaseDialect;
import io.cdcbundle.sink.settings.BundleVersion;
import io.cdcbundle.sink.settings.DebeziumLine;
import io.cdcbundle.sink.settings.DialectOptions;

/**
 * Debezium's JDBC sink task, run so that it writes through {@link SafeDatabaseDialect} under
 * {@link DialectOptions} (unless {@value DialectOptions#ENABLED}=false). The task of ValidatedJdbcSinkConnector.
 * <p>
 * Each delete event and the tombstone after it reach Debezium as one delete ({@link DeleteTombstonePairs}). With
 * {@value DialectOptions#OVERLAP} each batch is written by {@link BatchInFlight} while Connect converts the
 * next. Debezium's task already reports a failed batch on the following put, so failures surface when they did;
 * offsets, partition changes and stop wait for the batch in flight, so Debezium only ever commits written records.
 * A source that takes its snapshot again after change events is reported ({@link RepeatedSnapshotWatch}).
 * <p>
 * A lost connection to the target anywhere in a batch (table checks, statements, the commit, the fence) does not fail
 * the task: a new instance of Debezium's task (whose own cannot be started twice) takes over on a fresh connection
 * pool, Connect delivers the records of the failed
 * batch again from their first offset ({@link PendingRewind}), and nothing past them is committed meanwhile. Attempts
 * back off from half a second to ten ({@link TargetOutage}) for {@value DialectOptions#RETRY_TIMEOUT}; then the task
 * fails, naming the target and what was tried. Failures of the data fail the task as before.
 */
public class SafeJdbcSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(SafeJdbcSinkTask.class);

    /** Debezium's task; replaced by a new instance after a lost connection. Null while none could be started. */
    private JdbcSinkConnectorTask debezium;
    private boolean dialect;
    private Map<String, String> effective;
    private String target;
    private BatchInFlight inFlight;
    private ArraysAsJson arrays;
    private RepeatedSnapshotWatch snapshots = new RepeatedSnapshotWatch();
    private TargetOutage outage;
    private final PendingRewind rewind = new PendingRewind();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** The records of the batch in flight, as Connect delivered them: what to deliver again if its write fails. */
    private Collection<SinkRecord> writing = List.of();
    private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public String version() {
        return BundleVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        DebeziumLine line = DebeziumLine.running();
        if (!DialectOptions.enabled(props) || !line.runsBundleDialect()) {
            if (DialectOptions.enabled(props)) {
                log.warn("Debezium JDBC sink {} runs its own dialect: cdc-bundle's needs 3.5 or later; this task has {}",
                        line, DebeziumLine.WITHOUT_BUNDLE_DIALECT);
            } else {
                log.info("{} is false: Debezium's own dialect and settings", DialectOptions.ENABLED);
            }
            debezium = new JdbcSinkConnectorTask();
            debezium.initialize(context);
            debezium.start(props);
            return;
        }
        dialect = true;
        Map<String, String> changes = new LinkedHashMap<>();
        effective = DialectWiring.settings(props, changes);
        changes.forEach((key, value) -> log.info("cdc-bundle dialect sets {} = {}", key, value));
        target = TargetOutage.targetName(props.get("connection.url"));
        outage = new TargetOutage(DialectOptions.retryTimeoutMs(props), System::currentTimeMillis);
        if (ArraysAsJson.neededFor(props.get("connection.url"))) {
            arrays = new ArraysAsJson();
        }
        if (DialectOptions.overlap(props)) {
            inFlight = new BatchInFlight("cdc-bundle-sink-writer-" + props.getOrDefault("name", "sink") + "-"
                    + props.getOrDefault("task.id", "0"));
        }
        registerMetrics();
        try {
            startDebezium();
        } catch (RuntimeException e) {
            if (!ConnectionFailures.isConnectionFailure(e)) {
                throw e;
            }
            log.warn("cdc-bundle sink cannot reach {} at start ({}); it tries again when records arrive, for {} ms",
                    target, rootMessage(e), DialectOptions.retryTimeoutMs(props));
        }
    }

    /**
     * The task's metrics (Connect's plugin metrics, JMX {@code kafka.connect:type=plugins,connector=...,task=...}):
     * how long the target has been out of reach (0 while the sink writes) and how often the sink reconnected.
     */
    private void registerMetrics() {
        try {
            org.apache.kafka.common.metrics.PluginMetrics metrics = context.pluginMetrics();
            metrics.addMetric(metrics.metricName("target-outage-seconds", "Seconds since the sink lost its connection "
                    + "to the target and has not written since; 0 while it writes", new java.util.LinkedHashMap<>()),
                    (org.apache.kafka.common.metrics.Gauge<Double>) (config, now) -> outage.elapsed().toMillis() / 1000.0);
            metrics.addMetric(metrics.metricName("target-reconnects-total", "Times the sink took up its target again "
                    + "on fresh connections after losing it", new java.util.LinkedHashMap<>()),
                    (org.apache.kafka.common.metrics.Gauge<Long>) (config, now) -> reconnects.get());
        } catch (RuntimeException | LinkageError e) {
            log.debug("No plugin metrics on this worker (Kafka Connect before 4.1)", e);
        }
    }

    /** A new instance of Debezium's task, started so that its dialect lookup finds ours first. */
    private void startDebezium() {
        JdbcSinkConnectorTask task = new JdbcSinkConnectorTask();
        task.initialize(context);
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new DialectFirstClassLoader(
                original != null ? original : SafeJdbcSinkTask.class.getClassLoader()));
        try {
            task.start(effective);
        } catch (RuntimeException e) {
            stopQuietly(task);
            throw e;
        } finally {
            thread.setContextClassLoader(original);
        }
        if (!assigned.isEmpty()) {
            task.open(new ArrayList<>(assigned));
        }
        debezium = task;
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        snapshots.observe(records).ifPresent(r -> log.warn(RepeatedSnapshotWatch.warning(r)));
        if (!dialect) {
            debezium.put(records);
            return;
        }
        awaitBatch();
        writeDone();
        recoverFromLostConnection(records);
        Map<TopicPartition, Long> seekPast = new HashMap<>();
        List<SinkRecord> admitted = rewind.admit(records, seekPast);
        // A rewind that starts with these records is over: the seek Connect still makes must not deliver them again.
        seekPast.forEach((tp, next) -> {
            if (next >= 0) {
                context.offset(tp, next);
            }
        });
        Collection<SinkRecord> merged = ReadableHeaders.apply(DeleteTombstonePairs.merge(admitted));
        Collection<SinkRecord> batch = arrays == null ? merged : arrays.apply(merged);
        JdbcSinkConnectorTask task = debezium;
        if (inFlight == null) {
            writing = admitted;
            task.put(batch);
            recoverFromLostConnection(List.of());
            writeDone();
            return;
        }
        if (batch.isEmpty() || task.getLastProcessingException() != null) {
            task.put(batch); // on this thread, so that Debezium throws the stashed failure to Connect
            return;
        }
        writing = admitted;
        inFlight.start(() -> task.put(batch));
    }

    /**
     * If the last write lost its connection, or no Debezium task runs since one did: starts a new one and has Connect
     * deliver the unwritten records again, or, while the target stays out of reach, tells Connect to retry later
     * (RetriableException: the same records come back), until the time allowed has passed.
     */
    private void recoverFromLostConnection(Collection<SinkRecord> delivered) {
        Throwable failure = debezium == null ? null : debezium.getLastProcessingException();
        if (debezium != null && (failure == null || !ConnectionFailures.isConnectionFailure(failure))) {
            return;
        }
        if (failure != null) {
            // A lost connection counts against the budget as a failed attempt does: a target that accepts
            // connections but drops every write is not retried for ever.
            if (outage.failed() < 0) {
                throw gaveUp(failure);
            }
            List<SinkRecord> unwritten = new ArrayList<>(writing);
            unwritten.addAll(delivered);
            Map<TopicPartition, Long> from = rewind.add(unwritten);
            context.offset(from);
            writing = List.of();
            snapshots = new RepeatedSnapshotWatch(); // the records delivered again are no repeated snapshot
            stopQuietly(debezium);
            debezium = null;
            log.warn("cdc-bundle sink lost its connection to {} ({}): the records from offsets {} are written again",
                    target, rootMessage(failure), from);
        }
        try {
            startDebezium();
            reconnects.incrementAndGet();
            log.info("cdc-bundle sink reaches {} again after {} failed attempt(s)", target, outage.attempts());
            return;
        } catch (RuntimeException e) {
            if (!ConnectionFailures.isConnectionFailure(e)) {
                throw e;
            }
            failure = e;
        }
        long backoff = outage.failed();
        if (backoff < 0) {
            throw gaveUp(failure);
        }
        log.warn("cdc-bundle sink waits for {} ({}): attempt {} failed, next at {}", target, rootMessage(failure),
                outage.attempts(), TargetOutage.at(backoff));
        context.timeout(backoff);
        throw new RetriableException("cdc-bundle sink waits for " + target + ": " + rootMessage(failure));
    }

    private ConnectException gaveUp(Throwable failure) {
        return new ConnectException("cdc-bundle sink gave up on " + target + " after " + outage.elapsed().toSeconds()
                + " s and " + outage.attempts() + " failed attempts (" + DialectOptions.RETRY_TIMEOUT + " = "
                + DialectOptions.retryTimeoutMs(effective) + " ms); nothing after the last committed offset is lost: "
                + "restart the task once the target is back. Last failure: " + rootMessage(failure), failure);
    }

    /** The last batch is written (not only handed over): an outage is over only then, not at a reconnect. */
    private void writeDone() {
        if (!writing.isEmpty() && debezium != null && debezium.getLastProcessingException() == null) {
            writing = List.of();
            outage.over();
        }
    }

    private static void stopQuietly(JdbcSinkConnectorTask task) {
        try {
            task.stop();
        } catch (RuntimeException e) {
            log.debug("Stopping Debezium's task after a lost connection", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        awaitBatch();
        if (debezium == null) {
            return Map.of(); // nothing written since the connection was lost: nothing new to commit
        }
        if (dialect) {
            writeDone();
        }
        return rewind.cap(debezium.preCommit(currentOffsets));
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        awaitBatch();
        assigned.addAll(partitions);
        if (debezium != null) {
            debezium.open(partitions);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        awaitBatch();
        assigned.removeAll(partitions);
        if (debezium != null) {
            debezium.close(partitions);
        }
    }

    @Override
    public void stop() {
        try {
            if (inFlight != null) {
                inFlight.close();
            }
        } finally {
            inFlight = null;
            if (debezium != null) {
                debezium.stop();
            }
            debezium = null;
        }
    }

    private void awaitBatch() {
        if (inFlight != null) {
            inFlight.await();
        }
    }
}
