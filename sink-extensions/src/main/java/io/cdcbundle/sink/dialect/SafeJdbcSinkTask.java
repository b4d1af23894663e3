package io.cdcbundle.sink.dialect;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's JDBC sink task, started so that it writes through {@link SafeDatabaseDialect} under
 * {@link DialectSettings} (unless {@value DialectSettings#ENABLED}=false). The task of ValidatedJdbcSinkConnector.
 * <p>
 * Each delete event and the tombstone after it reach Debezium as one delete ({@link DeleteTombstonePairs}). With
 * {@value DialectSettings#OVERLAP} each batch is written by {@link BatchInFlight} while Connect converts the
 * next. Debezium's task already reports a failed batch on the following put, so failures surface when they did;
 * offsets, partition changes and stop wait for the batch in flight, so Debezium only ever commits written records.
 * A source that takes its snapshot again after change events is reported ({@link RepeatedSnapshotWatch}).
 */
public class SafeJdbcSinkTask extends JdbcSinkConnectorTask {

    private static final Logger log = LoggerFactory.getLogger(SafeJdbcSinkTask.class);

    private boolean dialect;
    private BatchInFlight inFlight;
    private ArraysAsJson arrays;
    private final RepeatedSnapshotWatch snapshots = new RepeatedSnapshotWatch();

    @Override
    public void start(Map<String, String> props) {
        if (!DialectSettings.enabled(props)) {
            log.info("{} is false: Debezium's own dialect and settings", DialectSettings.ENABLED);
            super.start(props);
            return;
        }
        dialect = true;
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> effective = DialectSettings.apply(props, changes);
        changes.forEach((key, value) -> log.info("cdc-bundle dialect sets {} = {}", key, value));
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new DialectFirstClassLoader(
                original != null ? original : SafeJdbcSinkTask.class.getClassLoader()));
        try {
            super.start(effective);
        } finally {
            thread.setContextClassLoader(original);
        }
        if (ArraysAsJson.neededFor(props.get("connection.url"))) {
            arrays = new ArraysAsJson();
        }
        if (DialectSettings.overlap(props)) {
            inFlight = new BatchInFlight("cdc-bundle-sink-writer-" + props.getOrDefault("name", "sink") + "-"
                    + props.getOrDefault("task.id", "0"));
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        snapshots.observe(records).ifPresent(r -> log.warn(RepeatedSnapshotWatch.warning(r)));
        if (!dialect) {
            super.put(records);
            return;
        }
        Collection<SinkRecord> merged = ReadableHeaders.apply(DeleteTombstonePairs.merge(records));
        Collection<SinkRecord> batch = arrays == null ? merged : arrays.apply(merged);
        if (inFlight == null) {
            super.put(batch);
            return;
        }
        if (batch.isEmpty() && inFlight.busy()) {
            return;
        }
        inFlight.await();
        if (batch.isEmpty() || getLastProcessingException() != null) {
            super.put(batch); // on this thread, so that Debezium throws the stashed failure to Connect
            return;
        }
        inFlight.start(() -> super.put(batch));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        awaitBatch();
        return super.preCommit(currentOffsets);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        awaitBatch();
        super.open(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        awaitBatch();
        super.close(partitions);
    }

    @Override
    public void stop() {
        try {
            if (inFlight != null) {
                inFlight.close();
            }
        } finally {
            inFlight = null;
            super.stop();
        }
    }

    private void awaitBatch() {
        if (inFlight != null) {
            inFlight.await();
        }
    }
}
