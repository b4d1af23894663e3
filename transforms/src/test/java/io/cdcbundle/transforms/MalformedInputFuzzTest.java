package io.cdcbundle.transforms;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random and malformed events (wrong types, missing fields, null structs, huge strings, unknown ops, schemas that
 * do not match their values) through every transform in several configurations: each either transforms the
 * record or throws a DataException, which errors.tolerance and the dead-letter queue handle. Anything else (a
 * NullPointerException, a ClassCastException) would kill the task. Seeds are fixed: a failure reproduces.
 */
class MalformedInputFuzzTest {

    private static final int EVENTS = 4000;
    private static final String[] KEYS = {"op", "before", "after", "source", "payload", "schema", "ts_ms", "table", "db",
            "id", "name", "__source_table", "transaction"};
    private static final String[] OPS = {"c", "r", "u", "d", "t", "m", "x", "", "cc", "D"};
    private static final String HUGE = "x".repeat(200_000);

    private static List<Transformation<SinkRecord>> transforms() {
        List<Transformation<SinkRecord>> all = new ArrayList<>();
        for (Map<String, String> config : List.of(
                Map.<String, String>of(),
                Map.of(FlattenEnvelope.DELETE_HANDLING_CONFIG, "rewrite", FlattenEnvelope.ADD_FIELDS_CONFIG,
                        "op,ts_ms,source.table,source.lsn,transaction.id"),
                Map.of(FlattenEnvelope.FLATTEN_NESTED_CONFIG, "true", FlattenEnvelope.ADD_HEADERS_CONFIG, "op,source.db",
                        FlattenEnvelope.COLUMNS_RENAME_CONFIG, "id:row_id", FlattenEnvelope.NON_ROW_HANDLING_CONFIG, "drop"),
                Map.of(FlattenEnvelope.COLUMNS_INCLUDE_CONFIG, "id", FlattenEnvelope.TOMBSTONE_HANDLING_CONFIG, "drop"))) {
            FlattenEnvelope<SinkRecord> flatten = new FlattenEnvelope<>();
            flatten.configure(config);
            all.add(flatten);
        }
        for (Map<String, String> config : List.of(
                Map.<String, String>of(),
                Map.of(RouteByTable.TABLE_FORMAT_CONFIG, "${db}.${schema}_${table}", RouteByTable.TABLE_CASE_CONFIG, "snake",
                        RouteByTable.TABLE_MAX_LENGTH_CONFIG, "16", RouteByTable.KEY_SOURCE_FIELD_CONFIG, "__src"),
                Map.of(RouteByTable.ROUTE_TO_CONFIG, "header", RouteByTable.TABLE_REGEX_CONFIG, "(.*)_[0-9]+",
                        RouteByTable.TABLE_REPLACEMENT_CONFIG, "$1", RouteByTable.TABLE_MAPPING_CONFIG, "a:b"))) {
            RouteByTable<SinkRecord> route = new RouteByTable<>();
            route.configure(config);
            all.add(route);
        }
        return all;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyEventIsTransformedOrRefusedWithADataException(long seed) {
        Random random = new Random(seed);
        List<Transformation<SinkRecord>> transforms = transforms();
        int transformed = 0;
        int refused = 0;
        for (int i = 0; i < EVENTS; i++) {
            SinkRecord record = record(random, i);
            for (Transformation<SinkRecord> t : transforms) {
                try {
                    t.apply(record);
                    transformed++;
                } catch (DataException expected) {
                    refused++; // the DLQ's business
                } catch (RuntimeException | Error e) {
                    fail(t.getClass().getSimpleName() + " threw " + e + " for event " + i + " of seed " + seed
                            + ": topic=" + record.topic() + ", key=" + abbreviate(record.key())
                            + ", valueSchema=" + record.valueSchema() + ", value=" + abbreviate(record.value()), e);
                }
            }
        }
        // Both outcomes in bulk, or the generator is not exploring what it claims to.
        assertTrue(transformed > EVENTS && refused > EVENTS, transformed + " transformed, " + refused + " refused");
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static SinkRecord record(Random random, int i) {
        String[] topics = {"srv.db.t", "t", "", ".", "a..b", "srv.db.orders_7", "x.y.z.w", "srv.db." + "t".repeat(100)};
        String topic = topics[random.nextInt(topics.length)];
        Object key = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> randomMap(random, 1);
            case 2 -> "k" + i;
            case 3 -> new Struct(ChangeEvents.KEY).put("id", i);
            default -> new Struct(SchemaBuilder.struct().field("__src", Schema.STRING_SCHEMA).build()).put("__src", "s");
        };
        Schema keySchema = key instanceof Struct s ? s.schema() : null;
        Object value;
        Schema valueSchema;
        switch (random.nextInt(6)) {
            case 0 -> {
                value = null;
                valueSchema = random.nextBoolean() ? null : ChangeEvents.ENVELOPE;
            }
            case 1 -> {
                value = randomMap(random, 3);
                valueSchema = null;
            }
            case 2 -> {
                Struct s = randomStruct(random, 2);
                value = s;
                valueSchema = random.nextInt(5) == 0 ? ChangeEvents.ENVELOPE : s.schema();
            }
            case 3 -> {
                Struct envelope = ChangeEvents.envelope(OPS[random.nextInt(OPS.length)],
                        random.nextBoolean() ? null : ChangeEvents.row(i, random.nextBoolean() ? null : HUGE),
                        random.nextBoolean() ? null : ChangeEvents.row(i, "n"));
                value = envelope;
                valueSchema = random.nextInt(8) == 0 ? null : ChangeEvents.ENVELOPE;
            }
            case 4 -> {
                value = scalar(random);
                valueSchema = random.nextBoolean() ? null : Schema.OPTIONAL_STRING_SCHEMA;
            }
            default -> {
                Map<String, Object> envelope = ChangeEvents.envelopeMap(OPS[random.nextInt(OPS.length)],
                        random.nextBoolean() ? null : ChangeEvents.rowMap(i, HUGE), random.nextBoolean() ? null
                                : random.nextBoolean() ? ChangeEvents.rowMap(i, "n") : oddRow(random));
                if (random.nextBoolean()) {
                    envelope.put(KEYS[random.nextInt(KEYS.length)], scalar(random));
                }
                value = random.nextBoolean() ? envelope : new HashMap<>(Map.of("schema", "s", "payload", envelope));
                valueSchema = null;
            }
        }
        return new SinkRecord(topic, random.nextInt(3), keySchema, key, valueSchema, value, i);
    }

    /** A row whose id is of any type, or absent. */
    private static Map<String, Object> oddRow(Random random) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", scalar(random));
        return row;
    }

    private static Object scalar(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> OPS[random.nextInt(OPS.length)];
            case 4 -> HUGE;
            case 5 -> new byte[] {1, 2};
            case 6 -> List.of(1, "a");
            default -> random.nextBoolean();
        };
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new HashMap<>();
        int n = random.nextInt(6);
        for (int k = 0; k < n; k++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            map.put(key, depth > 0 && random.nextBoolean() ? randomMap(random, depth - 1) : scalar(random));
        }
        return map;
    }

    /** A struct of random fields named like an envelope's, each of a random type, values valid for their schema. */
    private static Struct randomStruct(Random random, int depth) {
        SchemaBuilder builder = SchemaBuilder.struct().optional();
        List<String> names = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int k = 0; k < n; k++) {
            String name = KEYS[random.nextInt(KEYS.length)];
            if (names.contains(name)) {
                continue;
            }
            names.add(name);
            Schema type = switch (random.nextInt(depth > 0 ? 5 : 4)) {
                case 0 -> Schema.OPTIONAL_STRING_SCHEMA;
                case 1 -> Schema.OPTIONAL_INT32_SCHEMA;
                case 2 -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
                case 3 -> SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build();
                default -> randomStruct(random, depth - 1).schema();
            };
            builder.field(name, type);
        }
        Schema schema = builder.build();
        Struct struct = new Struct(schema);
        for (var field : schema.fields()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            Object v = switch (field.schema().type()) {
                case STRING -> field.name().equals("op") ? OPS[random.nextInt(OPS.length)] : random.nextBoolean() ? HUGE : "s";
                case INT32 -> random.nextInt();
                case BOOLEAN -> random.nextBoolean();
                case ARRAY -> List.of("a");
                default -> null;
            };
            if (field.schema().type() == Schema.Type.STRUCT && depth > 0) {
                v = fill(field.schema(), random);
            }
            struct.put(field, v);
        }
        return struct;
    }

    private static Struct fill(Schema schema, Random random) {
        Struct struct = new Struct(schema);
        for (var field : schema.fields()) {
            switch (field.schema().type()) {
                case STRING -> struct.put(field, OPS[random.nextInt(OPS.length)]);
                case INT32 -> struct.put(field, random.nextInt());
                default -> { }
            }
        }
        return struct;
    }
}
