package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RepeatedSnapshotWatchTest {

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("db.t.Envelope")
            .field("op", Schema.STRING_SCHEMA).field("source", SOURCE).build();

    private static SinkRecord event(String op, String snapshot, int partition, long offset) {
        Struct value = new Struct(ENVELOPE).put("op", op).put("source", new Struct(SOURCE).put("snapshot", snapshot));
        return new SinkRecord("db.t", partition, null, null, ENVELOPE, value, offset);
    }

    private static Optional<Long> offset(Optional<SinkRecord> record) {
        return record.map(SinkRecord::kafkaOffset);
    }

    @Test
    void theFirstSnapshotFollowedByChangesIsNoNews() {
        RepeatedSnapshotWatch watch = new RepeatedSnapshotWatch();
        assertEquals(Optional.empty(), watch.observe(List.of(event("r", "first", 0, 0), event("r", "last", 0, 1),
                event("c", "false", 0, 2), event("u", "false", 0, 3), event("d", "false", 0, 4))));
    }

    @Test
    void aSnapshotAfterChangesIsReportedOnceAtItsFirstRecord() {
        RepeatedSnapshotWatch watch = new RepeatedSnapshotWatch();
        assertEquals(Optional.empty(), watch.observe(List.of(event("c", "false", 0, 0), event("d", "false", 0, 1))));
        assertEquals(Optional.of(2L), offset(watch.observe(List.of(event("r", "first", 0, 2), event("r", "true", 0, 3)))));
        assertEquals(Optional.empty(), watch.observe(List.of(event("r", "last", 0, 4), event("c", "false", 0, 5))));
        assertEquals(Optional.of(6L), offset(watch.observe(List.of(event("r", "first", 0, 6)))), "and again next time");
    }

    @Test
    void partitionsAreWatchedApart() {
        RepeatedSnapshotWatch watch = new RepeatedSnapshotWatch();
        assertEquals(Optional.empty(), watch.observe(List.of(event("c", "false", 0, 0), event("r", "first", 1, 0))));
    }

    @Test
    void incrementalSnapshotsAndRecordsWithoutEnvelopeAreLeftAlone() {
        RepeatedSnapshotWatch watch = new RepeatedSnapshotWatch();
        Schema flat = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        assertEquals(Optional.empty(), watch.observe(List.of(event("c", "false", 0, 0),
                event("r", "incremental", 0, 1), new SinkRecord("db.t", 0, null, null, flat,
                        new Struct(flat).put("id", 1), 2), new SinkRecord("db.t", 0, null, null, null, null, 3))));
    }

    @Test
    void theWarningNamesWhereAndWhatToDo() {
        String warning = RepeatedSnapshotWatch.warning(event("r", "first", 3, 42));
        assertTrue(warning.startsWith("Topic db.t partition 3 offset 42: "), warning);
        assertTrue(warning.contains("reset the source's offsets"), warning);
    }
}
