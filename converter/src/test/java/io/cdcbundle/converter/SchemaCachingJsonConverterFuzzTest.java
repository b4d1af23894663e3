package io.cdcbundle.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated input against the anchor: random schemas (every Connect type, logical types, optional fields, defaults,
 * nested structs, arrays, maps with string and other keys) and random values, written by both converters (the same
 * bytes) and read by both, then the records damaged byte by byte and read again: ours must give JsonConverter's
 * data, or JsonConverter's DataException, never another value or another exception. Seeded: a failure repeats.
 */
class SchemaCachingJsonConverterFuzzTest {

    private static final String TOPIC = "srv.db.t";
    private static final int SCHEMAS = 400;
    private static final int RECORDS_PER_SCHEMA = 8;

    @ParameterizedTest(name = "decimal.format={0}, replace.null.with.default={1}")
    @CsvSource({"BASE64, true", "NUMERIC, false"})
    void randomRecordsAndTheirDamageGiveJsonConvertersOutcome(String decimalFormat, String replaceNull) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("decimal.format", decimalFormat);
        settings.put("replace.null.with.default", replaceNull);
        Random random = new Random(20261201L + decimalFormat.hashCode());
        SchemaCachingJsonConverter ours = new SchemaCachingJsonConverter();
        ours.configure(settings, false);
        JsonConverter kafkas = new JsonConverter();
        kafkas.configure(settings, false);
        for (int s = 0; s < SCHEMAS; s++) {
            Schema schema = struct(random, 0, "fuzz" + s);
            for (int r = 0; r < RECORDS_PER_SCHEMA; r++) {
                Object value = value(random, schema);
                byte[] written = kafkas.fromConnectData(TOPIC, schema, value);
                assertArrayEquals(written, ours.fromConnectData(TOPIC, schema, value), "write of " + value);
                assertEquals(outcome(kafkas, written), outcome(ours, written), text(written));
                assertEquals(outcome(kafkas, written), outcome(ours, written), text(written));
                for (int d = 0; d < 3; d++) {
                    byte[] broken = damage(random, written);
                    assertEquals(outcome(kafkas, broken), outcome(ours, broken), text(broken));
                }
            }
        }
        assertTrue(ours.shortReads() > SCHEMAS * RECORDS_PER_SCHEMA, "the short way was taken: " + ours.shortReads());
        assertTrue(ours.ownPayloadWrites() > SCHEMAS * (RECORDS_PER_SCHEMA - 1) / 2,
                "payloads written without JsonConverter: " + ours.ownPayloadWrites());
    }

    /** Its data, or the message of its DataException; any other exception fails the test. */
    private static Object outcome(org.apache.kafka.connect.storage.Converter converter, byte[] record) {
        try {
            org.apache.kafka.connect.data.SchemaAndValue read = converter.toConnectData(TOPIC, record);
            return java.util.Arrays.asList(read.schema(), comparable(read.value()));
        } catch (DataException e) {
            return "DataException: " + e.getMessage();
        }
    }

    /** Byte arrays compare by identity inside lists, maps and nested structs: by content here. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes:" + java.util.Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            return comparable(java.util.Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit()));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SchemaCachingJsonConverterFuzzTest::comparable).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new HashMap<>();
            map.forEach((k, v) -> copy.put(comparable(k), comparable(v)));
            return copy;
        }
        if (value instanceof Struct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (org.apache.kafka.connect.data.Field f : struct.schema().fields()) {
                fields.put(f.name(), comparable(struct.get(f)));
            }
            return fields;
        }
        return value;
    }

    /** The record for a failure message: control characters and non-ASCII shown as escapes, so a damage is seen. */
    private static String text(byte[] record) {
        StringBuilder out = new StringBuilder();
        new String(record, StandardCharsets.UTF_8).codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    /** One damage within the payload or the schema: a byte changed, removed, doubled, or a value's text altered. */
    private static byte[] damage(Random random, byte[] record) {
        String text = new String(record, StandardCharsets.UTF_8);
        int at = random.nextInt(text.length());
        String[] replacements = {"0", "9", "-", ".", "e", "\"", "\\", ",", "}", "]", "null", "true", " ", "\u0001",
                "\u00e9", "1e400", "-0", "A", "="};
        String changed = switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at) + replacements[random.nextInt(replacements.length)] + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
            default -> text.substring(0, at) + replacements[random.nextInt(replacements.length)] + text.substring(at);
        };
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    private static Schema struct(Random random, int depth, String name) {
        SchemaBuilder builder = SchemaBuilder.struct().name(name);
        if (random.nextBoolean()) {
            builder.optional();
        }
        int fields = 1 + random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < fields; i++) {
            builder.field("f" + i, field(random, depth + 1, name + "_" + i));
        }
        return builder.build();
    }

    private static Schema field(Random random, int depth, String name) {
        int kind = random.nextInt(depth < 3 ? 18 : 14);
        SchemaBuilder b = switch (kind) {
            case 0 -> SchemaBuilder.int8();
            case 1 -> SchemaBuilder.int16();
            case 2 -> SchemaBuilder.int32();
            case 3 -> SchemaBuilder.int64();
            case 4 -> SchemaBuilder.float32();
            case 5 -> SchemaBuilder.float64();
            case 6 -> SchemaBuilder.bool();
            case 7, 8 -> SchemaBuilder.string();
            case 9 -> SchemaBuilder.bytes();
            case 10 -> Decimal.builder(random.nextInt(6));
            case 11 -> Date.builder();
            case 12 -> Time.builder();
            case 13 -> Timestamp.builder();
            case 14 -> SchemaBuilder.array(field(random, depth + 1, name + "_e"));
            case 15 -> SchemaBuilder.map(Schema.STRING_SCHEMA, field(random, depth + 1, name + "_v"));
            case 16 -> SchemaBuilder.map(Schema.INT32_SCHEMA, field(random, depth + 1, name + "_v"));
            default -> null;
        };
        if (b == null) {
            return struct(random, depth, name);
        }
        if (random.nextInt(3) == 0) {
            b.optional();
        }
        if (random.nextInt(5) == 0) {
            // In either order: JsonConverter writes parameters in the order they were added.
            String p = "p" + random.nextInt(3);
            String q = String.valueOf(random.nextInt(3));
            if (random.nextBoolean()) {
                b.parameter(p, "v").parameter("q", q);
            } else {
                b.parameter("q", q).parameter(p, "v");
            }
        }
        if (random.nextInt(6) == 0 && kind <= 9) {
            b.defaultValue(value(random, b.build()));
        }
        return b.build();
    }

    private static Object value(Random random, Schema schema) {
        if (schema.isOptional() && random.nextInt(5) == 0) {
            return null;
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME -> {
                    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
                    return new BigDecimal(new java.math.BigInteger(random.nextInt(90) + 1, random), scale)
                            .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate());
                }
                case Date.LOGICAL_NAME -> {
                    return new java.util.Date((long) (random.nextInt(40000) - 20000) * 86_400_000L);
                }
                case Time.LOGICAL_NAME -> {
                    return new java.util.Date(random.nextInt(86_400_000));
                }
                case Timestamp.LOGICAL_NAME -> {
                    return new java.util.Date(random.nextLong() % 4_000_000_000_000L);
                }
                default -> {
                    // a struct: below
                }
            }
        }
        return switch (schema.type()) {
            case INT8 -> (byte) random.nextInt();
            case INT16 -> (short) random.nextInt();
            case INT32 -> random.nextInt();
            case INT64 -> random.nextLong();
            case FLOAT32 -> random.nextInt(10) == 0 ? new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.0f,
                    Float.MIN_VALUE}[random.nextInt(4)] : random.nextInt(4) == 0 ? (float) random.nextInt(100)
                    : random.nextFloat() * 1e6f - 5e5f;
            case FLOAT64 -> random.nextInt(10) == 0 ? new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0,
                    Double.MAX_VALUE}[random.nextInt(4)] : random.nextInt(4) == 0 ? (double) random.nextInt(100)
                    : random.nextGaussian() * 1e12;
            case BOOLEAN -> random.nextBoolean();
            case STRING -> string(random);
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                // a ByteBuffer over part of an array: JsonConverter writes the whole array
                yield random.nextInt(8) == 0 ? java.nio.ByteBuffer.wrap(bytes, 0, bytes.length / 2) : bytes;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, schema.valueSchema()));
                }
                yield list;
            }
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(schema.keySchema().type() == Schema.Type.STRING ? string(random) : random.nextInt(1000),
                            value(random, schema.valueSchema()));
                }
                yield map;
            }
            case STRUCT -> {
                Struct struct = new Struct(schema);
                for (org.apache.kafka.connect.data.Field f : schema.fields()) {
                    Object v = value(random, f.schema());
                    if (v != null || f.schema().isOptional()) {
                        struct.put(f, v);
                    } else {
                        struct.put(f, value(random, f.schema()));
                    }
                }
                yield struct;
            }
        };
    }

    private static String string(Random random) {
        String[] parts = {"a", "é", "\"", "\\", "\n", "\u0000", "😀", " ", "x y", "ü", "{", "}", "null", "1"};
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            sb.append(parts[random.nextInt(parts.length)]);
        }
        return sb.toString();
    }
}
