package io.cdcbundle.transforms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Debezium-shaped change events as the MariaDB connector writes them, as Structs and as schemaless Maps. */
final class ChangeEvents {

    static final String TOPIC = "srv.db.t";
    static final int PARTITION = 0;
    static final long OFFSET = 42;

    static final Schema KEY = SchemaBuilder.struct().name("srv.db.t.Key").field("id", Schema.INT32_SCHEMA).build();
    /** {@code name} has a default, as columns with a DEFAULT clause do in Debezium schemas. */
    static final Schema ROW = SchemaBuilder.struct().name("srv.db.t.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", SchemaBuilder.string().optional().defaultValue("dflt").build())
            .build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("srv.db.t.Envelope").version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private ChangeEvents() {
    }

    static Struct row(int id, String name) {
        return new Struct(ROW).put("id", id).put("name", name);
    }

    static Struct source() {
        return new Struct(SOURCE).put("version", "3.5.0.Final").put("connector", "mariadb").put("name", "srv")
                .put("ts_ms", 1700000000000L).put("db", "db").put("table", "t").put("file", "mariadb-bin.000001")
                .put("pos", 588L).put("gtid", "1-1-7");
    }

    static Struct envelope(String op, Struct before, Struct after) {
        return new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source()).put("op", op)
                .put("ts_ms", 1700000000123L);
    }

    static Map<String, Object> rowMap(int id, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        return row;
    }

    static Map<String, Object> sourceMap() {
        Map<String, Object> source = new HashMap<>();
        source.put("version", "3.5.0.Final");
        source.put("connector", "mariadb");
        source.put("ts_ms", 1700000000000L);
        source.put("db", "db");
        source.put("table", "t");
        source.put("file", "mariadb-bin.000001");
        source.put("pos", 588L);
        source.put("gtid", "1-1-7");
        return source;
    }

    static Map<String, Object> envelopeMap(String op, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("before", before);
        envelope.put("after", after);
        envelope.put("source", sourceMap());
        envelope.put("op", op);
        envelope.put("ts_ms", 1700000000123L);
        return envelope;
    }

    static SinkRecord record(Schema valueSchema, Object value) {
        return new SinkRecord(TOPIC, PARTITION, KEY, new Struct(KEY).put("id", 1), valueSchema, value, OFFSET);
    }

    /** The three forms a sink connector's transform can receive the same change event in. */
    enum Shape {
        /** A converter with schemas: Struct values. */
        STRUCT,
        /** JsonConverter schemas.enable=false on JSON written without schemas: a Map envelope. */
        MAP,
        /** JsonConverter schemas.enable=false on JSON written with schemas: a Map of 'schema' and 'payload'. */
        JSON_ENVELOPE;

        SinkRecord event(String op, Integer beforeId, Integer afterId) {
            if (this == STRUCT) {
                return record(ENVELOPE, envelope(op, beforeId == null ? null : row(beforeId, "b" + beforeId),
                        afterId == null ? null : row(afterId, "a" + afterId)));
            }
            Map<String, Object> envelope = envelopeMap(op, beforeId == null ? null : rowMap(beforeId, "b" + beforeId),
                    afterId == null ? null : rowMap(afterId, "a" + afterId));
            if (this == JSON_ENVELOPE) {
                Map<String, Object> json = new HashMap<>();
                json.put("schema", Map.of("type", "struct", "name", "srv.db.t.Envelope"));
                json.put("payload", envelope);
                return record(null, json);
            }
            return record(null, envelope);
        }

        static Object column(SinkRecord record, String name) {
            Object value = record.value();
            if (value instanceof Struct struct) {
                return struct.schema().field(name) == null ? "<absent>" : struct.getWithoutDefault(name);
            }
            Map<?, ?> map = (Map<?, ?>) value;
            return map.containsKey(name) ? map.get(name) : "<absent>";
        }
    }
}
