package io.cdcbundle.sink.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Record headers as Debezium's JDBC sink can read them. It turns every record's headers into a Struct, one field per
 * header, before anything else, so a header whose value its schema does not describe fails the task ("No schema
 * defined for value of map field"), and so does a key that occurs twice. Debezium's sources write such a header
 * whenever a primary key changes: {@code __debezium.newkey}/{@code oldkey}, a Struct that the worker's default
 * SimpleHeaderConverter reads back as a Map whose schema has no value schema. A row whose key was updated thus stopped
 * every Debezium JDBC sink. Such headers are left out (the sink reads headers only for primary.key.mode=record_header),
 * and of a repeated key the last, as Kafka's {@code Headers.lastWithName} reads it.
 */
final class ReadableHeaders {

    private ReadableHeaders() {
    }

    static Collection<SinkRecord> apply(Collection<SinkRecord> records) {
        return ChangedRecords.of(records, ReadableHeaders::apply);
    }

    static SinkRecord apply(SinkRecord record) {
        Headers headers = record.headers();
        if (headers.isEmpty() || readable(headers)) {
            return record;
        }
        List<Header> all = new ArrayList<>();
        headers.forEach(all::add);
        Set<String> seen = new HashSet<>();
        List<Header> kept = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Header h = all.get(i);
            if (describedBySchema(h) && seen.add(h.key())) {
                kept.add(0, h);
            }
        }
        ConnectHeaders out = new ConnectHeaders();
        kept.forEach(out::add);
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.timestamp(), out);
    }

    /** What Debezium's Struct.put of the header will check. */
    private static boolean describedBySchema(Header h) {
        if (h.schema() == null) {
            return false;
        }
        try {
            ConnectSchema.validateValue(h.schema(), h.value());
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    private static boolean readable(Headers headers) {
        Set<String> keys = new HashSet<>();
        for (Header h : headers) {
            if (!describedBySchema(h) || !keys.add(h.key())) {
                return false;
            }
        }
        return true;
    }
}
