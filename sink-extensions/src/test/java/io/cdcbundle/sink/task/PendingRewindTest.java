package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class PendingRewindTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static SinkRecord at(int partition, long offset) {
        return new SinkRecord("t", partition, null, null, Schema.STRING_SCHEMA, "v" + offset, offset);
    }

    @Test
    void recordsPastTheRewindWaitForTheSeekAndTheRedeliveryEndsIt() {
        PendingRewind rewind = new PendingRewind();
        assertEquals(Map.of(P0, 10L), rewind.add(List.of(at(0, 12), at(0, 10), at(0, 11))));

        Map<TopicPartition, Long> seekPast = new HashMap<>();
        // Connect retries the next batch before its seek: nothing of partition 0 is written, partition 1 is.
        List<SinkRecord> admitted = rewind.admit(List.of(at(0, 13), at(1, 5)), seekPast);
        assertEquals(List.of(at(1, 5)), admitted);
        assertTrue(seekPast.isEmpty());
        // No offset past the rewind is committed meanwhile.
        assertEquals(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(6)),
                rewind.cap(Map.of(P0, new OffsetAndMetadata(14), P1, new OffsetAndMetadata(6))));

        // The seek delivers from 10 again: written, and the rewind is over past the last of them.
        admitted = rewind.admit(List.of(at(0, 10), at(0, 11), at(0, 12), at(0, 13)), seekPast);
        assertEquals(4, admitted.size());
        assertEquals(Map.of(P0, 14L), seekPast);
        assertTrue(rewind.isEmpty());
        assertEquals(Map.of(P0, new OffsetAndMetadata(14)), rewind.cap(Map.of(P0, new OffsetAndMetadata(14))));
    }

    @Test
    void withNothingPendingEverythingPasses() {
        PendingRewind rewind = new PendingRewind();
        List<SinkRecord> batch = List.of(at(0, 1), at(1, 2));
        Map<TopicPartition, Long> seekPast = new HashMap<>();
        assertEquals(batch, rewind.admit(batch, seekPast));
        assertTrue(seekPast.isEmpty());
    }
}
