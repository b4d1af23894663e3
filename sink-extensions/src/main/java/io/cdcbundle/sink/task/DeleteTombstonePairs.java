package io.cdcbundle.sink.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import io.debezium.data.Envelope;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Merges each Debezium delete event with the tombstone that follows it into one delete, written at the tombstone's
 * offset. Debezium's sink deletes the row twice, and because a tombstone has no value schema its record buffer
 * flushes (a statement and a commit) at every switch between the two: a batch of 2,000 source deletes becomes 4,000
 * transactions. The merged record is the delete event itself (its key, value, schemas and headers, so the sink can
 * still create the table from it) carried by the tombstone's record, so Connect and Debezium account for both offsets.
 */
final class DeleteTombstonePairs {

    private DeleteTombstonePairs() {
    }

    /** {@code records} with each delete-then-tombstone pair of the same key merged; the same collection if none. */
    static Collection<SinkRecord> merge(Collection<SinkRecord> records) {
        List<SinkRecord> merged = null;
        SinkRecord previous = null;
        int index = 0;
        for (Iterator<SinkRecord> it = records.iterator(); it.hasNext(); index++) {
            SinkRecord record = it.next();
            if (previous != null && isDelete(previous) && tombstoneOf(record, previous)) {
                if (merged == null) {
                    merged = new ArrayList<>(records.size());
                    Iterator<SinkRecord> head = records.iterator();
                    for (int i = 0; i < index - 1; i++) {
                        merged.add(head.next());
                    }
                } else {
                    merged.remove(merged.size() - 1);
                }
                merged.add(record.newRecord(record.topic(), record.kafkaPartition(), previous.keySchema(),
                        previous.key(), previous.valueSchema(), previous.value(), previous.timestamp(),
                        previous.headers()));
                previous = null;
                continue;
            }
            if (merged != null) {
                merged.add(record);
            }
            previous = record;
        }
        return merged != null ? merged : records;
    }

    /** Debezium's own test (an envelope schema, or an unnamed one with an op field) for a record with op "d". */
    private static boolean isDelete(SinkRecord record) {
        Schema schema = record.valueSchema();
        if (!(record.value() instanceof Struct value) || schema == null) {
            return false;
        }
        Field op = schema.field(Envelope.FieldName.OPERATION);
        return (schema.name() == null || Envelope.isEnvelopeSchema(schema.name()))
                && op != null && op.schema().type() == Schema.Type.STRING
                && Envelope.Operation.DELETE.code().equals(value.getString(Envelope.FieldName.OPERATION));
    }

    private static boolean tombstoneOf(SinkRecord record, SinkRecord delete) {
        return record.value() == null && record.valueSchema() == null
                && Objects.equals(record.topic(), delete.topic())
                && Objects.equals(record.kafkaPartition(), delete.kafkaPartition())
                && Objects.equals(record.keySchema(), delete.keySchema())
                && Objects.equals(record.key(), delete.key());
    }
}
