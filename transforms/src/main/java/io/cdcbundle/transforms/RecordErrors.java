package io.cdcbundle.transforms;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * DataExceptions that say which record was bad and why, so that errors.tolerance and the dead-letter queue
 * report something a user can act on.
 */
final class RecordErrors {

    private RecordErrors() {
    }

    static DataException malformed(String transform, ConnectRecord<?> record, String what) {
        return new DataException(transform + ": " + what + " (" + position(record) + ")");
    }

    static String position(ConnectRecord<?> record) {
        String offset = record instanceof SinkRecord sink ? String.valueOf(sink.kafkaOffset()) : "n/a (source record)";
        return "topic=" + record.topic() + ", partition=" + record.kafkaPartition() + ", offset=" + offset;
    }
}
