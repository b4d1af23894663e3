package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeleteTombstonePairsTest {

    private static final Schema KEY = SchemaBuilder.struct().name("db.t.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("db.t.Value").optional()
            .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("db.t.Envelope")
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema FLAT = SchemaBuilder.struct().name("db.t.Value")
            .field("id", Schema.INT32_SCHEMA).field("__op", Schema.STRING_SCHEMA).build();

    private static final Schema NUMBERED_OP = SchemaBuilder.struct().field("op", Schema.INT32_SCHEMA).build();

    private static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    private static SinkRecord event(String op, int id, long offset) {
        Struct row = new Struct(ROW).put("id", id).put("name", "n" + id);
        Struct value = new Struct(ENVELOPE).put("op", op)
                .put(op.equals("d") ? "before" : "after", row);
        return new SinkRecord("db.t", 0, KEY, key(id), ENVELOPE, value, offset);
    }

    private static SinkRecord tombstone(int id, long offset) {
        return new SinkRecord("db.t", 0, KEY, key(id), null, null, offset);
    }

    private static List<Long> offsets(Collection<SinkRecord> records) {
        return records.stream().map(SinkRecord::kafkaOffset).toList();
    }

    @Test
    void aDeleteAndItsTombstoneBecomeTheDeleteAtTheTombstonesOffset() {
        SinkRecord delete = event("d", 7, 11);
        List<SinkRecord> batch = List.of(event("c", 6, 10), delete, tombstone(7, 12), event("c", 8, 13));
        List<SinkRecord> merged = new ArrayList<>(DeleteTombstonePairs.merge(batch));
        assertEquals(List.of(10L, 12L, 13L), offsets(merged));
        SinkRecord record = merged.get(1);
        assertSame(delete.value(), record.value(), "the delete event's content, so the sink can still create the table");
        assertEquals(ENVELOPE, record.valueSchema());
        assertEquals(key(7), record.key());
    }

    @Test
    void runsOfDeletesLoseEveryTombstone() {
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(event("d", i, 2L * i));
            batch.add(tombstone(i, 2L * i + 1));
        }
        Collection<SinkRecord> merged = DeleteTombstonePairs.merge(batch);
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), offsets(merged));
        merged.forEach(r -> assertEquals(ENVELOPE, r.valueSchema(), "one schema: one buffer, one statement"));
    }

    @Test
    void whatIsNotADeleteFollowedByItsOwnTombstoneStays() {
        List<SinkRecord> unchanged = List.of(
                event("d", 1, 0), tombstone(2, 1),                                   // another key
                event("u", 3, 2), tombstone(3, 3),                                   // not a delete
                new SinkRecord("db.t", 0, KEY, key(4), FLAT, new Struct(FLAT).put("id", 4).put("__op", "d"), 4),
                tombstone(4, 5),                                                     // flattened: no envelope
                event("d", 5, 6), new SinkRecord("db.t", 1, KEY, key(5), null, null, 7), // another partition
                tombstone(6, 8), event("d", 6, 9),                                   // tombstone first, delete last
                new SinkRecord("db.t", 0, KEY, key(7), NUMBERED_OP, new Struct(NUMBERED_OP).put("op", 3), 10),
                tombstone(7, 11));                                                   // an op that is no Debezium op
        assertSame(unchanged, DeleteTombstonePairs.merge(unchanged));
    }

    @Test
    void aBatchEndingOnADeleteKeepsIt() {
        List<SinkRecord> batch = List.of(event("d", 1, 0), tombstone(1, 1), event("d", 2, 2));
        Collection<SinkRecord> merged = DeleteTombstonePairs.merge(batch);
        assertEquals(List.of(1L, 2L), offsets(merged));
        assertSame(batch.get(2), List.copyOf(merged).get(1), "its tombstone comes in the next batch");
    }
}
