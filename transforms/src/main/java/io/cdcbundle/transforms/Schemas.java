package io.cdcbundle.transforms;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Schema helpers the transforms share. */
final class Schemas {

    /** Any schema without a default: only consulted by {@link org.apache.kafka.connect.data.Struct#get(Field)}. */
    private static final Schema NO_DEFAULT = Schema.OPTIONAL_BYTES_SCHEMA;

    private Schemas() {
    }

    /**
     * A field that reads the raw value at {@code field}'s position. {@code Struct.get(Field)} substitutes the field
     * schema's default for a null value, which would turn a column the source set to NULL into its default;
     * {@code getWithoutDefault(String)} avoids that but looks the name up on every call. Struct.get reads the
     * position from the field passed and the default from that field's schema, so a positional twin without a
     * default reads the raw value in O(1). FlattenEnvelopeTest pins this behaviour.
     */
    static Field rawReader(Field field) {
        return new Field(field.name(), field.index(), NO_DEFAULT);
    }

    /** {@code schema}, optional: metadata a connector may not send and columns under a null parent can be null. */
    static Schema optional(Schema schema) {
        if (schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder = switch (schema.type()) {
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                for (Field f : schema.fields()) {
                    struct.field(f.name(), f.schema());
                }
                yield struct;
            }
            default -> SchemaBuilder.type(schema.type());
        };
        builder.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        if (schema.defaultValue() != null) {
            builder.defaultValue(schema.defaultValue());
        }
        return builder.optional().build();
    }
}
