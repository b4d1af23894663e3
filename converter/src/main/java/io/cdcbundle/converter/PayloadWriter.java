package io.cdcbundle.converter;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes a payload as JsonConverter writes it, straight to a JSON generator: JsonConverter first builds a tree of
 * JSON nodes and then serialises the tree, which was about as costly as everything else the source task does per
 * record. The generator calls are those JsonConverter's nodes make, so the bytes are the same. Values JsonConverter
 * would refuse or handle in a way of its own (a null where the schema has a default, a ByteBuffer, a Struct of
 * another schema instance, a type that does not match its schema) throw {@link ToJsonConverter}, and the caller has
 * JsonConverter write the record, error included.
 */
final class PayloadWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final boolean decimalsAsNumbers;

    PayloadWriter(boolean decimalsAsNumbers) {
        this.decimalsAsNumbers = decimalsAsNumbers;
    }

    /** The payload of {@code value}, as JsonConverter with {@code schemas.enable=false} writes it. */
    byte[] write(Schema schema, Object value) {
        try (ByteArrayBuilder out = new ByteArrayBuilder()) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                write(g, schema, value);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ToJsonConverter.INSTANCE; // writing to memory: JsonConverter may say what went wrong
        }
    }

    private void write(JsonGenerator g, Schema schema, Object value) throws IOException {
        if (value == null) {
            // JsonConverter writes a default here or refuses the value, by settings that differ between Kafka lines
            if (!schema.isOptional() || schema.defaultValue() != null) {
                throw ToJsonConverter.INSTANCE;
            }
            g.writeNull();
            return;
        }
        String logicalName = schema.name();
        if (logicalName != null) {
            switch (logicalName) {
                case Decimal.LOGICAL_NAME -> {
                    if (!(value instanceof BigDecimal decimal)) {
                        throw ToJsonConverter.INSTANCE;
                    }
                    if (decimalsAsNumbers) {
                        g.writeNumber(decimal);
                    } else {
                        g.writeBinary(Decimal.fromLogical(schema, decimal));
                    }
                    return;
                }
                case Date.LOGICAL_NAME -> {
                    g.writeNumber(Date.fromLogical(schema, date(value)));
                    return;
                }
                case Time.LOGICAL_NAME -> {
                    g.writeNumber(Time.fromLogical(schema, date(value)));
                    return;
                }
                case Timestamp.LOGICAL_NAME -> {
                    g.writeNumber(Timestamp.fromLogical(schema, date(value)));
                    return;
                }
                default -> {
                    // not a logical type JsonConverter knows: written by its type
                }
            }
        }
        switch (schema.type()) {
            case INT8 -> g.writeNumber(exactly(value, Byte.class));
            case INT16 -> g.writeNumber(exactly(value, Short.class));
            case INT32 -> g.writeNumber(exactly(value, Integer.class));
            case INT64 -> g.writeNumber(exactly(value, Long.class));
            case FLOAT32 -> g.writeNumber(exactly(value, Float.class));
            case FLOAT64 -> g.writeNumber(exactly(value, Double.class));
            case BOOLEAN -> g.writeBoolean(exactly(value, Boolean.class));
            case STRING -> g.writeString(exactly(value, String.class));
            case BYTES -> g.writeBinary(exactly(value, byte[].class));
            case ARRAY -> {
                g.writeStartArray();
                for (Object element : exactly(value, List.class)) {
                    write(g, schema.valueSchema(), element);
                }
                g.writeEndArray();
            }
            case MAP -> writeMap(g, schema, exactly(value, Map.class));
            case STRUCT -> {
                if (!(value instanceof Struct struct) || struct.schema() != schema) {
                    throw ToJsonConverter.INSTANCE;
                }
                g.writeStartObject();
                for (Field field : schema.fields()) {
                    g.writeFieldName(field.name());
                    write(g, field.schema(), struct.getWithoutDefault(field.name()));
                }
                g.writeEndObject();
            }
            default -> throw ToJsonConverter.INSTANCE;
        }
    }

    /** String keys make a JSON object, other keys an array of [key, value] pairs. */
    private void writeMap(JsonGenerator g, Schema schema, Map<?, ?> map) throws IOException {
        boolean object = schema.keySchema().type() == Schema.Type.STRING;
        if (object) {
            g.writeStartObject();
        } else {
            g.writeStartArray();
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (object) {
                if (!(e.getKey() instanceof String key) || schema.keySchema().name() != null) {
                    throw ToJsonConverter.INSTANCE;
                }
                g.writeFieldName(key);
            } else {
                g.writeStartArray();
                write(g, schema.keySchema(), e.getKey());
            }
            write(g, schema.valueSchema(), e.getValue());
            if (!object) {
                g.writeEndArray();
            }
        }
        if (object) {
            g.writeEndObject();
        } else {
            g.writeEndArray();
        }
    }

    private static java.util.Date date(Object value) {
        return exactly(value, java.util.Date.class);
    }

    /** The value as {@code type}, which JsonConverter casts it to; anything else is JsonConverter's to refuse. */
    @SuppressWarnings("unchecked")
    private static <T> T exactly(Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw ToJsonConverter.INSTANCE;
        }
        return (T) value;
    }
}
