package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Heals what a pass found through the pipeline itself: rows missing or changed in the target are read again by
 * Debezium's source connector, as an incremental snapshot restricted to their keys (a signal row in the table the
 * source names in {@code signal.data.collection}), and the sink writes them as it writes every change. Rows only the
 * target has cannot come from the source; with {@code repair.delete.extra} they are deleted from the target.
 */
final class Repair implements AutoCloseable {

    /** Debezium's signal table holds data in a varchar(2048): each signal's data stays below that. */
    static final int MAX_SIGNAL_DATA = 2000;

    private final Endpoint.Settings sourceSettings;
    private final Endpoint.Settings targetSettings;
    private final String signalTable;
    private final boolean deleteExtra;
    private Endpoint sourceWriter;
    private Endpoint targetWriter;

    Repair(Endpoint.Settings source, Endpoint.Settings target, String signalTable, boolean deleteExtra) {
        this.sourceSettings = source;
        this.targetSettings = target;
        this.signalTable = signalTable;
        this.deleteExtra = deleteExtra;
    }

    boolean deletesExtra() {
        return deleteExtra;
    }

    /** Signals an incremental snapshot of these rows of the source table; the number of signals written. */
    int resnapshot(Table table, Engine engine, List<String> keyColumns, List<List<Object>> keys)
            throws SQLException {
        List<String> datas = signals(table.collection(), engine, keyColumns, keys);
        if (sourceWriter == null) {
            sourceWriter = Endpoint.openForRepair(sourceSettings);
        }
        for (String data : datas) {
            sourceWriter.signal(signalTable, "execute-snapshot", data);
        }
        return datas.size();
    }

    int delete(Table table, List<String> keyColumns, List<List<Object>> keys) throws SQLException {
        if (targetWriter == null) {
            targetWriter = Endpoint.openForRepair(targetSettings);
        }
        return targetWriter.delete(table, keyColumns, keys);
    }

    /** The signals' data: as few as fit, each an incremental snapshot of the collection filtered to some keys. */
    static List<String> signals(String collection, Engine engine, List<String> keyColumns, List<List<Object>> keys) {
        List<String> datas = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (List<Object> key : keys) {
            String condition = condition(engine, keyColumns, key);
            String data = data(collection, append(conditions, condition));
            if (!conditions.isEmpty() && data.length() > MAX_SIGNAL_DATA) {
                datas.add(data(collection, conditions));
                conditions = new ArrayList<>();
            }
            conditions.add(condition);
        }
        if (!conditions.isEmpty()) {
            datas.add(data(collection, conditions));
        }
        return datas;
    }

    private static List<String> append(List<String> conditions, String condition) {
        List<String> all = new ArrayList<>(conditions);
        all.add(condition);
        return all;
    }

    private static String data(String collection, List<String> conditions) {
        StringBuilder out = new StringBuilder("{\"data-collections\":[");
        Json.quote(out, collection);
        out.append("],\"type\":\"incremental\",\"additional-conditions\":[{\"data-collection\":");
        Json.quote(out, collection);
        out.append(",\"filter\":");
        Json.quote(out, String.join(" OR ", conditions));
        return out.append("}]}").toString();
    }

    private static String condition(Engine engine, List<String> keyColumns, List<Object> key) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            parts.add(engine.quote(keyColumns.get(i)) + " = " + literal(engine, key.get(i)));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")";
    }

    /** A key value as an SQL literal of the source's engine. */
    static String literal(Engine engine, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof BigDecimal) {
            return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        }
        if (value instanceof Boolean b) {
            return engine == Engine.MARIADB ? (b ? "1" : "0") : b.toString();
        }
        if (value instanceof byte[] bytes) {
            String hex = HexFormat.of().formatHex(bytes);
            return engine == Engine.MARIADB ? "X'" + hex + "'" : "decode('" + hex + "', 'hex')";
        }
        String text = value instanceof LocalDateTime t ? t.toString().replace('T', ' ')
                : value instanceof LocalDate d ? d.toString() : String.valueOf(value);
        String quoted = text.replace("'", "''");
        // MariaDB and MySQL read a backslash in a string literal as an escape unless NO_BACKSLASH_ESCAPES is set
        return "'" + (engine == Engine.MARIADB ? quoted.replace("\\", "\\\\") : quoted) + "'";
    }

    @Override
    public void close() {
        ConsistencyCheckTask.closeAll(sourceWriter, targetWriter);
    }
}
