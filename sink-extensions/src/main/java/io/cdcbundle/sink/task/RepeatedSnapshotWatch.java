package io.cdcbundle.sink.task;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Notices a Debezium source that takes its snapshot again: snapshot records ({@code op=r}) after change events in
 * the same topic partition. A source does that when it stopped before Connect committed an offset past its previous
 * snapshot, and a snapshot carries rows, never deletes: rows deleted at the source in between stay in the target
 * (docs/operations.md; reproduced by the lab's SnapshotWindowTest). The sink cannot tell which rows those are, so
 * it says so once per partition and snapshot. Incremental snapshots ({@code snapshot=incremental}) interleave with
 * changes by design and are left alone; records without Debezium's envelope (flattened upstream) cannot be judged.
 */
final class RepeatedSnapshotWatch {

    private final Map<TopicPartition, Boolean> changedSinceSnapshot = new HashMap<>();

    /** The first record of a snapshot taken again in these records, if any (each partition's first one). */
    Optional<SinkRecord> observe(Collection<SinkRecord> records) {
        SinkRecord first = null;
        TopicPartition partition = null;
        for (SinkRecord record : records) {
            String op = envelopeField(record.value(), "op");
            if (op == null) {
                continue;
            }
            // A batch holds runs of one partition: one key per run, not one per record.
            if (partition == null || partition.partition() != record.kafkaPartition()
                    || !partition.topic().equals(record.topic())) {
                partition = new TopicPartition(record.topic(), record.kafkaPartition());
            }
            if (op.equals("r")) {
                if (!"incremental".equals(snapshotMarker(record.value()))
                        && Boolean.TRUE.equals(changedSinceSnapshot.put(partition, false)) && first == null) {
                    first = record;
                }
            } else if (op.equals("c") || op.equals("u") || op.equals("d")) {
                changedSinceSnapshot.put(partition, true);
            }
        }
        return Optional.ofNullable(first);
    }

    /** What the task logs about it. */
    static String warning(SinkRecord record) {
        return "Topic " + record.topic() + " partition " + record.kafkaPartition() + " offset " + record.kafkaOffset()
                + ": a snapshot record (op=r) follows change events, so the source has taken its snapshot again "
                + "(unless you asked for one), likely because it stopped before Connect committed an offset past its "
                + "previous snapshot. A snapshot carries no deletes: rows deleted at the source in between may remain "
                + "in the target. Compare the tables; cdc-bundle's docs/operations.md gives the repair: stop the "
                + "source, empty the target table, reset the source's offsets, resume it.";
    }

    private static String envelopeField(Object value, String name) {
        if (!(value instanceof Struct struct)) {
            return null;
        }
        Field field = struct.schema().field(name);
        Object content = field == null ? null : struct.get(field);
        return content instanceof String text ? text : null;
    }

    private static String snapshotMarker(Object value) {
        Field source = ((Struct) value).schema().field("source");
        Object sourceInfo = source == null ? null : ((Struct) value).get(source);
        return envelopeField(sourceInfo, "snapshot");
    }
}
