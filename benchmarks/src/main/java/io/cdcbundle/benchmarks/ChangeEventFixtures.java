package io.cdcbundle.benchmarks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Identical pre-built Debezium-shaped change events (MariaDB source block) for every transform measured:
 * 80% creates, 15% updates, 5% deletes, with a given number of columns, as Structs or as schemaless Maps.
 */
public final class ChangeEventFixtures {

    public enum Shape { STRUCT, MAP }

    private ChangeEventFixtures() {
    }

    static SinkRecord[] events(Shape shape, int columns, int count) {
        Schema row = rowSchema(columns);
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
                .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
                .field("name", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
                .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA)
                .field("server_id", Schema.INT64_SCHEMA).field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
                .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().name("srv.db.t.Envelope").version(2)
                .field("before", row).field("after", row).field("source", source)
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
        Schema key = SchemaBuilder.struct().name("srv.db.t.Key").field("id", Schema.INT32_SCHEMA).build();

        Random random = new Random(42);
        SinkRecord[] events = new SinkRecord[count];
        for (int i = 0; i < count; i++) {
            int draw = random.nextInt(100);
            String op = draw < 80 ? "c" : draw < 95 ? "u" : "d";
            Struct before = op.equals("c") ? null : row(row, i, "old");
            Struct after = op.equals("d") ? null : row(row, i, "new");
            Struct src = new Struct(source).put("version", "3.5.0.Final").put("connector", "mariadb").put("name", "srv")
                    .put("ts_ms", 1_700_000_000_000L + i).put("db", "db").put("table", "t").put("server_id", 1L)
                    .put("gtid", "1-1-" + i).put("file", "mariadb-bin.000001").put("pos", 4L + i);
            Struct value = new Struct(envelope).put("before", before).put("after", after).put("source", src)
                    .put("op", op).put("ts_ms", 1_700_000_000_100L + i);
            Struct keyValue = new Struct(key).put("id", i);
            events[i] = shape == Shape.STRUCT
                    ? new SinkRecord("srv.db.t", 0, key, keyValue, envelope, value, i)
                    : new SinkRecord("srv.db.t", 0, null, Map.of("id", i), null, toMap(value), i);
        }
        return events;
    }

    private static Schema rowSchema(int columns) {
        SchemaBuilder row = SchemaBuilder.struct().name("srv.db.t.Value").optional().field("id", Schema.INT32_SCHEMA);
        for (int c = 1; c < columns; c++) {
            row.field("c" + c, c % 2 == 0 ? Schema.OPTIONAL_INT64_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA);
        }
        return row.build();
    }

    private static Struct row(Schema schema, int id, String text) {
        Struct row = new Struct(schema).put("id", id);
        for (int c = 1; c < schema.fields().size(); c++) {
            row.put("c" + c, c % 2 == 0 ? (Object) (long) (id * 31 + c) : text + "-" + id + "-" + c);
        }
        return row;
    }

    /** The map JsonConverter with schemas.enable=false produces from the same event. */
    private static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new HashMap<>();
        for (var field : struct.schema().fields()) {
            Object v = struct.get(field);
            map.put(field.name(), v instanceof Struct s ? toLinkedMap(s) : v);
        }
        return map;
    }

    private static Map<String, Object> toLinkedMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (var field : struct.schema().fields()) {
            map.put(field.name(), struct.get(field));
        }
        return map;
    }
}
