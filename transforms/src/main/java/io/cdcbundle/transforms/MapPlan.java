package io.cdcbundle.transforms;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.DataException;

/** What FlattenEnvelope does with schemaless (Map) change events; it depends only on the configuration. */
final class MapPlan {

    /** The row map passes through untouched. */
    final boolean identity;

    private final ColumnSelection columns;
    private final MetadataField[] fields;
    private final String deleteFlagField;
    /** The names a row gets added, in order (fields, then the delete flag); the same for every record. */
    private final String[] addedNames;
    /** The first added name that repeats an earlier one, refused per record as the copying path does; or -1. */
    private final int repeatedName;

    MapPlan(FlattenEnvelope.Settings settings) {
        this.columns = settings.columns();
        this.fields = settings.fields().toArray(new MetadataField[0]);
        this.deleteFlagField = settings.rewritesDeletes() ? settings.deleteFlagField() : null;
        this.identity = fields.length == 0 && deleteFlagField == null && columns.keepsAllAsIs() && !columns.flattenNested();
        this.addedNames = new String[fields.length + (deleteFlagField == null ? 0 : 1)];
        for (int i = 0; i < fields.length; i++) {
            addedNames[i] = fields[i].output();
        }
        if (deleteFlagField != null) {
            addedNames[addedNames.length - 1] = deleteFlagField;
        }
        this.repeatedName = firstRepeated(addedNames);
    }

    private static int firstRepeated(String[] names) {
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    static Object read(Map<?, ?> envelope, MetadataField m) {
        Object top = envelope.get(m.envelopeField());
        if (m.group() == null) {
            return top;
        }
        return top instanceof Map<?, ?> group ? group.get(m.name()) : null;
    }

    /**
     * The output row. The input maps are never modified: Connect retries a failed transformation chain on the same
     * record, which must then still be the original.
     */
    Map<?, ?> output(Map<?, ?> row, Map<?, ?> envelope, boolean deleted) {
        if (identity) {
            return row;
        }
        if (columns.keepsAllAsIs() && !columns.flattenNested() && hasStringKeysOnly(row)) {
            return withFields(row, envelope, deleted);
        }
        Map<String, Object> out = new LinkedHashMap<>(capacity(row.size() + fields.length + 1));
        for (Map.Entry<?, ?> e : row.entrySet()) {
            String column = String.valueOf(e.getKey());
            if (columns.keeps(column)) {
                put(out, columns.outputName(column), e.getValue());
            }
        }
        for (MetadataField m : fields) {
            putNew(out, m.output(), read(envelope, m), "the added field");
        }
        if (deleteFlagField != null) {
            putNew(out, deleteFlagField, deleted ? "true" : "false", "the delete flag field");
        }
        return out;
    }

    /** The row as it is, with the added fields after it; the same collisions refused as by the copying path. */
    private Map<?, ?> withFields(Map<?, ?> row, Map<?, ?> envelope, boolean deleted) {
        int n = addedNames.length;
        for (int i = 0; i < n; i++) {
            if (i == repeatedName || row.containsKey(addedNames[i])) {
                throw collision(i < fields.length ? "the added field" : "the delete flag field", addedNames[i]);
            }
        }
        Object[] values = new Object[n];
        for (int i = 0; i < fields.length; i++) {
            values[i] = read(envelope, fields[i]);
        }
        if (deleteFlagField != null) {
            values[n - 1] = deleted ? "true" : "false";
        }
        return new RowWithFields(row, addedNames, values);
    }

    private static boolean hasStringKeysOnly(Map<?, ?> row) {
        for (Object key : row.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static DataException collision(String what, String name) {
        return new DataException(what + " '" + name + "' is also a column of the row: rename one (add.fields "
                + "'name:other', add.fields.prefix, delete.flag.field or columns.rename)");
    }

    /** A column the row already has is never overwritten: the Struct path refuses such a schema, and so does this. */
    private static void putNew(Map<String, Object> out, String name, Object value, String what) {
        int before = out.size(); // one hash look-up per column, not two
        out.put(name, value);
        if (out.size() == before) {
            throw collision(what, name);
        }
    }

    private void put(Map<String, Object> out, String name, Object value) {
        if (columns.flattenNested() && value instanceof Map<?, ?> nested) {
            for (Map.Entry<?, ?> e : nested.entrySet()) {
                put(out, name + columns.delimiter() + e.getKey(), e.getValue());
            }
        } else {
            putNew(out, name, value, "the column");
        }
    }

    private static int capacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }
}
