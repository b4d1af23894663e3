package io.cdcbundle.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * Which columns of a source table are compared with which of its target table: the source's primary key first,
 * then every other column the target also has (by name, ignoring case, as the sink names them). Columns only one
 * side has are not compared (the sink may add some, e.g. a delete flag); {@link #sourceOnly} names the source's.
 */
final class Projection {

    private final Endpoint source;
    private final List<Column> sourceColumns = new ArrayList<>();
    private final List<Column> targetColumns = new ArrayList<>();
    private final int keyCount;
    final List<String> sourceOnly = new ArrayList<>();

    Projection(Endpoint source, Table sourceTable, Table targetTable) {
        this.source = source;
        for (String key : sourceTable.keys()) {
            Column s = sourceTable.column(key);
            Column t = targetTable.column(key);
            if (t == null) {
                throw new IllegalArgumentException("the target table " + targetTable.name() + " has no column " + key
                        + ", part of the source's primary key; is tables pairing the source with the table its sink "
                        + "writes?");
            }
            sourceColumns.add(s);
            targetColumns.add(t);
        }
        keyCount = sourceColumns.size();
        for (Column s : sourceTable.columns()) {
            if (sourceTable.keys().contains(s.name())) {
                continue;
            }
            Column t = targetTable.column(s.name());
            if (t == null) {
                sourceOnly.add(s.name());
            } else {
                sourceColumns.add(s);
                targetColumns.add(t);
            }
        }
    }

    /** Whether every key column sorts alike on both engines, so that both tables can be read side by side. */
    boolean keysSortAlike() {
        for (int i = 0; i < keyCount; i++) {
            String family = sourceColumns.get(i).orderFamily();
            if (family == null || !family.equals(targetColumns.get(i).orderFamily())) {
                return false;
            }
        }
        return true;
    }

    /** Indexes (among the compared non-key columns) where a source row's values differ from a target row's. */
    List<Integer> differing(String[] source, String[] target) {
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < source.length; i++) {
            if (!source[i].equals(target[i]) && !ValueText.canonical(source[i], sourceColumns.get(keyCount + i),
                    targetColumns.get(keyCount + i)).equals(ValueText.canonical(target[i], targetColumns.get(keyCount + i),
                    sourceColumns.get(keyCount + i)))) {
                differing.add(i);
            }
        }
        return differing;
    }

    boolean same(String[] source, String[] target) {
        for (int i = 0; i < source.length; i++) {
            if (!source[i].equals(target[i])) {
                return differing(source, target).isEmpty();
            }
        }
        return true;
    }

    int keyCount() {
        return keyCount;
    }

    List<Column> columns(Endpoint end) {
        return end == source ? sourceColumns : targetColumns;
    }

    List<Column> otherColumns(Endpoint end) {
        return end == source ? targetColumns : sourceColumns;
    }

    /** Names of the compared columns, in the order of the source. */
    List<String> names() {
        return sourceColumns.stream().map(Column::name).toList();
    }

    String columnList(Endpoint end) {
        return list(end, columns(end).size());
    }

    String keyList(Endpoint end) {
        return list(end, keyCount);
    }

    String keyTuple(Endpoint end) {
        return keyCount == 1 ? keyList(end) : "(" + keyList(end) + ")";
    }

    private String list(Endpoint end, int n) {
        List<Column> columns = columns(end);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ", ").append(end.engine.quote(columns.get(i).name()));
        }
        return out.toString();
    }
}
