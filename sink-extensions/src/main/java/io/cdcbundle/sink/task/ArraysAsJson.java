package io.cdcbundle.sink.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Array columns (a PostgreSQL {@code int[]}, {@code text[]}...) for targets without arrays: MariaDB and MySQL. Debezium's
 * dialects for them fail the task on the first array ("Cannot invoke String.hashCode()" in getSchemaType). Each array
 * field of a row, in a Debezium change event ({@code before}/{@code after}) or in a flattened row, becomes a
 * {@code io.debezium.data.Json} text, which Debezium creates as a JSON column: elements in order, NULL elements as
 * {@code null}, numbers as numbers, texts as strings, bytes as Base64, dates and times in ISO-8601.
 * <p>
 * Records without arrays pass unchanged (one schema look-up each); converted schemas are kept per schema instance.
 */
final class ArraysAsJson {

    static final String JSON = "io.debezium.data.Json";
    private static final int MAX_KEPT_SCHEMAS = 1024;

    /** Schema instance -> its converted schema, or itself when it holds no arrays. */
    private final Map<Schema, Schema> converted = new IdentityHashMap<>();

    /** Whether a sink to this JDBC URL needs arrays as JSON: every target but PostgreSQL. */
    static boolean neededFor(String connectionUrl) {
        return connectionUrl != null && !connectionUrl.trim().startsWith("jdbc:postgresql:");
    }

    Collection<SinkRecord> apply(Collection<SinkRecord> records) {
        return ChangedRecords.of(records, this::apply);
    }

    SinkRecord apply(SinkRecord record) {
        Schema keySchema = convert(record.keySchema());
        Schema valueSchema = convert(record.valueSchema());
        if (keySchema == record.keySchema() && valueSchema == record.valueSchema()) {
            return record;
        }
        try {
            return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, value(keySchema, record.key()),
                    valueSchema, value(valueSchema, record.value()), record.timestamp(), record.headers());
        } catch (RuntimeException e) {
            throw new DataException("An array column of the record at topic '" + record.topic() + "', partition "
                    + record.kafkaPartition() + ", offset " + record.kafkaOffset() + " could not be written as JSON: "
                    + e.getMessage(), e);
        }
    }

    /** The schema with array fields as JSON text, two struct levels deep (the event, its before/after rows). */
    private synchronized Schema convert(Schema schema) {
        if (schema == null || schema.type() != Schema.Type.STRUCT) {
            return schema;
        }
        Schema known = converted.get(schema);
        if (known != null) {
            return known;
        }
        Schema result = convertStruct(schema, 2);
        if (converted.size() >= MAX_KEPT_SCHEMAS) {
            converted.clear();
        }
        converted.put(schema, result);
        return result;
    }

    private static Schema convertStruct(Schema schema, int depth) {
        boolean changed = false;
        List<Schema> fieldSchemas = new ArrayList<>();
        for (Field field : schema.fields()) {
            Schema s = field.schema();
            Schema c = s.type() == Schema.Type.ARRAY ? jsonSchema(s)
                    : s.type() == Schema.Type.STRUCT && depth > 1 ? convertStruct(s, depth - 1) : s;
            changed |= c != s;
            fieldSchemas.add(c);
        }
        if (!changed) {
            return schema;
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        if (schema.isOptional()) {
            builder.optional();
        }
        for (int i = 0; i < schema.fields().size(); i++) {
            builder.field(schema.fields().get(i).name(), fieldSchemas.get(i));
        }
        return builder.build();
    }

    private static Schema jsonSchema(Schema array) {
        SchemaBuilder json = SchemaBuilder.string().name(JSON).version(1);
        return array.isOptional() ? json.optional().build() : json.build();
    }

    private static Object value(Schema schema, Object value) {
        if (!(value instanceof Struct struct) || struct.schema() == schema) {
            return value;
        }
        Struct out = new Struct(schema);
        for (Field field : struct.schema().fields()) {
            Object v = struct.getWithoutDefault(field.name()); // get() would turn a NULL into the column default
            Schema target = schema.field(field.name()).schema();
            if (field.schema().type() == Schema.Type.ARRAY) {
                out.put(field.name(), v == null ? null : JsonText.of(field.schema(), v));
            } else {
                out.put(field.name(), value(target, v));
            }
        }
        return out;
    }
}
