package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ReadableHeadersTest {

    private static SinkRecord record(ConnectHeaders headers) {
        return new SinkRecord("t", 0, null, null, Schema.STRING_SCHEMA, "v", 9, 1L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
    }

    @Test
    void headersWithoutSchemaAndRepeatedKeysAreLeftOut() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.add("__debezium.newkey", Map.of("id", 2), null);
        // What SimpleHeaderConverter makes of a struct header with values of several types: a map with no value schema.
        headers.add("__debezium.oldkey", Map.of("id", 1, "k", "x"), new org.apache.kafka.connect.data.ConnectSchema(
                Schema.Type.MAP, true, null, null, null, null, null, null, Schema.STRING_SCHEMA, null));
        headers.addString("a", "first");
        headers.addString("a", "last");
        headers.addInt("n", 1);
        SinkRecord out = ReadableHeaders.apply(record(headers));
        List<String> kept = new ArrayList<>();
        for (Header h : out.headers()) {
            kept.add(h.key() + "=" + h.value());
        }
        assertEquals(List.of("a=last", "n=1"), kept);
        assertEquals(9, out.kafkaOffset());
        assertEquals("v", out.value());
    }

    @Test
    void recordsWhoseHeadersDebeziumCanReadPassAsTheyAre() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("a", "x");
        SinkRecord plain = record(headers);
        assertSame(plain, ReadableHeaders.apply(plain));
        List<SinkRecord> batch = List.of(plain, record(new ConnectHeaders()));
        assertSame(batch, ReadableHeaders.apply(batch));
    }
}
