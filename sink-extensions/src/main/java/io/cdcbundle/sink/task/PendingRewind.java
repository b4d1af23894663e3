package io.cdcbundle.sink.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records of a failed write that Connect must deliver again: per partition, the offset to read from. Connect seeks
 * there on its next poll; until then the records it still hands over from past that offset are not written (they
 * come again after the seek), and no offset past it is committed.
 */
final class PendingRewind {

    private final Map<TopicPartition, Long> from = new HashMap<>();

    boolean isEmpty() {
        return from.isEmpty();
    }

    /** The earliest offset per partition among {@code records}, added to what is pending; returns what to seek to. */
    Map<TopicPartition, Long> add(Collection<SinkRecord> records) {
        for (SinkRecord r : records) {
            from.merge(new TopicPartition(r.topic(), r.kafkaPartition()), r.kafkaOffset(), Math::min);
        }
        return Map.copyOf(from);
    }

    /**
     * The records to write now: those of partitions without a pending rewind, and of a partition whose delivery
     * starts again at (or before) its rewind offset, which ends its rewind. Returns, for partitions whose rewind ended
     * here, the offset just past these records: the seek Connect still has to make then lands where it already is.
     */
    List<SinkRecord> admit(Collection<SinkRecord> records, Map<TopicPartition, Long> seekPast) {
        if (from.isEmpty()) {
            return records instanceof List<SinkRecord> list ? list : new ArrayList<>(records);
        }
        Map<TopicPartition, Long> firstSeen = new HashMap<>();
        for (SinkRecord r : records) {
            firstSeen.putIfAbsent(new TopicPartition(r.topic(), r.kafkaPartition()), r.kafkaOffset());
        }
        firstSeen.forEach((tp, first) -> {
            Long rewind = from.get(tp);
            if (rewind != null && first <= rewind) {
                from.remove(tp);
                seekPast.put(tp, -1L);
            }
        });
        List<SinkRecord> admitted = new ArrayList<>(records.size());
        for (SinkRecord r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.kafkaPartition());
            if (!from.containsKey(tp)) {
                admitted.add(r);
                seekPast.computeIfPresent(tp, (k, v) -> Math.max(v, r.kafkaOffset() + 1));
            }
        }
        return admitted;
    }

    /** Offsets to commit: never past a pending rewind. */
    Map<TopicPartition, OffsetAndMetadata> cap(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (from.isEmpty() || offsets == null) {
            return offsets;
        }
        Map<TopicPartition, OffsetAndMetadata> capped = new HashMap<>(offsets);
        from.forEach((tp, offset) -> capped.computeIfPresent(tp,
                (k, committed) -> committed.offset() > offset ? new OffsetAndMetadata(offset, committed.metadata()) : committed));
        return capped;
    }

    void clear() {
        from.clear();
    }
}
