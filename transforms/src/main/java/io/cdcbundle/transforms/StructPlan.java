package io.cdcbundle.transforms;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * What FlattenEnvelope does with records of one envelope schema, worked out once: where op, before, after and the
 * metadata sit, the output schema, and for each output column where its value comes from.
 */
final class StructPlan {

    /** Not a row change: a heartbeat, schema change, transaction marker, or any value without op/before/after. */
    final boolean rowChange;
    /** Set when the schema claims to be a change event but cannot be one (e.g. {@code after} is not a struct). */
    final String malformed;

    final Field op;
    final Field before;
    final Field after;
    final Schema rowSchema;
    /** The row passes through untouched: no copy, the row's own schema is the output schema. */
    final boolean identity;
    final Schema outputSchema;

    private final Field[] outputColumns;
    private final Field[][] columnPaths;
    private final Field[] metadataOutputs;
    private final Field[][] metadataPaths;
    private final Field deletedFlag;
    final Field[][] headerPaths;
    final Schema[] headerSchemas;
    final String[] headerNames;

    private StructPlan(String malformed) {
        this.rowChange = false;
        this.malformed = malformed;
        this.op = this.before = this.after = null;
        this.rowSchema = this.outputSchema = null;
        this.identity = false;
        this.outputColumns = this.metadataOutputs = null;
        this.columnPaths = this.metadataPaths = this.headerPaths = null;
        this.deletedFlag = null;
        this.headerSchemas = null;
        this.headerNames = null;
    }

    private StructPlan(Schema envelope, FlattenEnvelope.Settings settings) {
        this.rowChange = true;
        this.malformed = null;
        this.op = Schemas.rawReader(envelope.field("op"));
        this.before = Schemas.rawReader(envelope.field("before"));
        this.after = Schemas.rawReader(envelope.field("after"));
        this.rowSchema = envelope.field("after").schema();

        List<Field[]> paths = new ArrayList<>();
        SchemaBuilder builder = SchemaBuilder.struct().name(rowSchema.name()).version(rowSchema.version())
                .doc(rowSchema.doc()).optional();
        addColumns(builder, paths, rowSchema, new Field[0], "", settings.columns(), true, false);
        int rowColumns = paths.size();

        List<Field[]> metaPaths = new ArrayList<>();
        for (MetadataField m : settings.fields()) {
            Field[] path = path(envelope, m);
            metaPaths.add(path);
            builder.field(m.output(), path == null ? Schema.OPTIONAL_STRING_SCHEMA
                    : Schemas.optional(originalSchema(envelope, m)));
        }
        if (settings.rewritesDeletes()) {
            builder.field(settings.deleteFlagField(), Schema.OPTIONAL_STRING_SCHEMA);
        }

        this.identity = settings.fields().isEmpty() && !settings.rewritesDeletes() && settings.columns().keepsAllAsIs()
                && !hasNested(rowSchema, settings.columns());
        this.outputSchema = identity ? rowSchema : builder.build();
        this.columnPaths = paths.toArray(new Field[0][]);
        this.metadataPaths = metaPaths.toArray(new Field[0][]);
        List<Field> out = identity ? List.of() : outputSchema.fields();
        this.outputColumns = identity ? new Field[0] : out.subList(0, rowColumns).toArray(new Field[0]);
        this.metadataOutputs = identity ? new Field[0]
                : out.subList(rowColumns, rowColumns + metaPaths.size()).toArray(new Field[0]);
        this.deletedFlag = identity || !settings.rewritesDeletes() ? null : outputSchema.field(settings.deleteFlagField());

        List<MetadataField> headers = settings.headers();
        this.headerPaths = new Field[headers.size()][];
        this.headerSchemas = new Schema[headers.size()];
        this.headerNames = new String[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            MetadataField h = headers.get(i);
            headerPaths[i] = path(envelope, h);
            headerSchemas[i] = headerPaths[i] == null ? Schema.OPTIONAL_STRING_SCHEMA : Schemas.optional(originalSchema(envelope, h));
            headerNames[i] = h.output();
        }
    }

    static StructPlan of(Schema envelope, FlattenEnvelope.Settings settings) {
        if (envelope.type() != Schema.Type.STRUCT) {
            return new StructPlan((String) null);
        }
        Field op = envelope.field("op");
        Field after = envelope.field("after");
        Field before = envelope.field("before");
        if (op == null && after != null && before != null) {
            return new StructPlan("the change event schema has 'before' and 'after' but no 'op'");
        }
        if (op == null || after == null || before == null) {
            return new StructPlan((String) null);
        }
        if (after.schema().type() != Schema.Type.STRUCT) {
            return new StructPlan("'after' is of type " + after.schema().type() + " in the value schema, not a struct");
        }
        if (before.schema().type() != Schema.Type.STRUCT) {
            return new StructPlan("'before' is of type " + before.schema().type() + " in the value schema, not a struct");
        }
        if (op.schema().type() != Schema.Type.STRING) {
            return new StructPlan("'op' is of type " + op.schema().type() + " in the value schema, not a string");
        }
        return new StructPlan(envelope, settings);
    }

    private static boolean hasNested(Schema row, ColumnSelection columns) {
        if (!columns.flattenNested()) {
            return false;
        }
        for (Field f : row.fields()) {
            if (f.schema().type() == Schema.Type.STRUCT) {
                return true;
            }
        }
        return false;
    }

    private static void addColumns(SchemaBuilder builder, List<Field[]> paths, Schema struct, Field[] parent,
                                   String namePrefix, ColumnSelection columns, boolean topLevel, boolean underOptional) {
        for (Field f : struct.fields()) {
            if (topLevel && !columns.keeps(f.name())) {
                continue;
            }
            String name = namePrefix + (topLevel ? columns.outputName(f.name()) : f.name());
            Field[] path = append(parent, Schemas.rawReader(f));
            if (columns.flattenNested() && f.schema().type() == Schema.Type.STRUCT) {
                addColumns(builder, paths, f.schema(), path, name + columns.delimiter(), columns, false,
                        underOptional || f.schema().isOptional());
            } else {
                builder.field(name, underOptional ? Schemas.optional(f.schema()) : f.schema());
                paths.add(path);
            }
        }
    }

    private static Field[] append(Field[] path, Field f) {
        Field[] longer = java.util.Arrays.copyOf(path, path.length + 1);
        longer[path.length] = f;
        return longer;
    }

    /** The path to a metadata field in this envelope, or null when this connector's envelope has no such field. */
    private static Field[] path(Schema envelope, MetadataField m) {
        Field top = envelope.field(m.envelopeField());
        if (top == null) {
            return null;
        }
        if (m.group() == null) {
            return new Field[] {Schemas.rawReader(top)};
        }
        if (top.schema().type() != Schema.Type.STRUCT || top.schema().field(m.name()) == null) {
            return null;
        }
        return new Field[] {Schemas.rawReader(top), Schemas.rawReader(top.schema().field(m.name()))};
    }

    private static Schema originalSchema(Schema envelope, MetadataField m) {
        Schema top = envelope.field(m.envelopeField()).schema();
        return m.group() == null ? top : top.field(m.name()).schema();
    }

    static Object read(Struct struct, Field[] path) {
        if (path == null) {
            return null;
        }
        Object value = struct.get(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = ((Struct) value).get(path[i]);
        }
        return value;
    }

    /** The output row: the row itself when nothing changes, else a new struct of the output schema. */
    Struct output(Struct row, Struct envelope, boolean deleted) {
        if (identity) {
            return row;
        }
        Struct out = new Struct(outputSchema);
        for (int i = 0; i < outputColumns.length; i++) {
            out.put(outputColumns[i], read(row, columnPaths[i]));
        }
        for (int i = 0; i < metadataOutputs.length; i++) {
            out.put(metadataOutputs[i], read(envelope, metadataPaths[i]));
        }
        if (deletedFlag != null) {
            out.put(deletedFlag, deleted ? "true" : "false");
        }
        return out;
    }
}
