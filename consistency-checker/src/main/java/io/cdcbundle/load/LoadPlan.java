package io.cdcbundle.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdcbundle.checker.Column;
import io.cdcbundle.checker.Table;
import io.cdcbundle.checker.Engine;
import io.cdcbundle.checker.TablePair;

/**
 * Which tables the bulk load copies and which it leaves to Debezium's snapshot, decided from the source's catalogue
 * before any connector exists. A copied table is snapshotted by Debezium one row only (a select override), which has
 * the sink create the target table in its own types; a table is left to the snapshot when it has a column without a
 * known {@link ColumnTransfer} (a PostgreSQL enum is text to the copy), no primary key, no rows, or a snapshot select of the user's own.
 */
final class LoadPlan {

    static final String OVERRIDES = "snapshot.select.statement.overrides";

    /** One table: copied when {@code snapshotReason} is null. */
    record Decision(TablePair pair, Table source, List<ColumnTransfer> transfers, String snapshotReason) {
        boolean copied() {
            return snapshotReason == null;
        }
    }

    /** What a copy reads and writes, once the sink has created the target table. */
    record Copy(Engine sourceEngine, String sourceTable, String targetTable, List<String> columns,
                List<ColumnTransfer> transfers, Upsert upsert, List<String> targetOnly) {
    }

    private LoadPlan() {
    }

    static List<Decision> plan(Connection source, Engine from, Engine to, List<TablePair> pairs, boolean utcSink,
                            Set<String> overridden) throws SQLException {
        List<Decision> tables = new ArrayList<>();
        for (TablePair pair : pairs) {
            Table table = Table.describe(source, from, pair.source());
            if (table == null) {
                throw new IllegalArgumentException("--tables: the source has no table " + pair.source()
                        + "; name it as the source knows it (database.table or schema.table)");
            }
            List<ColumnTransfer> transfers = new ArrayList<>();
            List<String> without = new ArrayList<>();
            for (Column c : table.columns()) {
                ColumnTransfer t = ColumnTransfer.of(from, to, c, utcSink);
                if (t == null && from == Engine.POSTGRES && c.kind() == Column.Kind.TEXT && isEnum(source, c.typeName())) {
                    t = ColumnTransfer.TEXT; // the sink writes an enum's label, into text or MariaDB's enum(...)
                }
                if (t == null) {
                    without.add("column " + c.name() + " (" + c.typeName() + ")"
                            + (c.kind() == Column.Kind.TIMESTAMP_TZ ? " with the sink's use.time.zone not UTC" : ""));
                }
                transfers.add(t);
            }
            String reason = without.isEmpty() ? null : String.join(", ", without) + " has no known way into " + to;
            if (table.keys().isEmpty()) {
                reason = "it has no primary key";
            } else if (overridden.contains(table.collection())) {
                reason = "the source connector overrides its snapshot select (" + OVERRIDES + ")";
            } else if (reason == null && isEmpty(source, table.quoted())) {
                reason = "it has no rows";
            }
            tables.add(new Decision(pair, table, transfers, reason));
        }
        return tables;
    }


    /** Whether the table has no row. */
    static boolean isEmpty(Connection c, String quotedTable) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + quotedTable + " LIMIT 1")) {
            return !rs.next();
        }
    }

    private static boolean isEnum(Connection source, String type) throws SQLException {
        try (PreparedStatement s = source.prepareStatement("SELECT 1 FROM pg_type WHERE typname = ? AND typtype = 'e'")) {
            s.setString(1, type.startsWith("\"") ? type.substring(1, type.length() - 1).replace("\"\"", "\"") : type);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The source connector's properties that make Debezium snapshot one row of each copied table (so that the sink
     * creates it) and every other table whole; the user's own overrides are kept.
     */
    static Map<String, String> sourceOverrides(List<Decision> tables, Map<String, String> sourceConfig) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        String existing = sourceConfig.get(OVERRIDES);
        if (existing != null && !existing.isBlank()) {
            ids.add(existing.trim());
        }
        for (Decision t : tables) {
            if (t.copied()) {
                ids.add(t.source().collection());
                out.put(OVERRIDES + "." + t.source().collection(), "SELECT * FROM " + t.source().quoted() + " LIMIT 1");
            }
        }
        if (!out.isEmpty()) {
            out.put(OVERRIDES, String.join(",", ids));
        }
        return out;
    }

    /**
     * A single bit (MariaDB BIT(1), PostgreSQL bit(1)) goes into the boolean column the sink makes of it
     * (tinyint(1), boolean), which takes no bit string.
     */
    private static ColumnTransfer intoBoolean(ColumnTransfer transfer, Column target, Engine to) {
        boolean bits = transfer == ColumnTransfer.BYTES || transfer == ColumnTransfer.BITS_TO_TEXT
                || transfer == ColumnTransfer.TEXT_TO_BITS;
        if (!bits || target.kind() != Column.Kind.BOOLEAN) {
            return transfer;
        }
        return to == Engine.MARIADB ? ColumnTransfer.BOOLEAN_AS_NUMBER : ColumnTransfer.BOOLEAN;
    }

    /** The copy of {@code table} into {@code target}, the table the sink created for it. */
    static Copy copy(Decision table, Engine from, Table target, Engine to) {
        if (target.keys().isEmpty()) {
            throw new IllegalStateException("the target table " + target.name() + " has no primary key, so a copied row "
                    + "cannot be overwritten by its later changes; let the sink create it with primary.key.mode=record_key");
        }
        List<String> sourceColumns = new ArrayList<>();
        List<String> targetColumns = new ArrayList<>();
        List<ColumnTransfer> transfers = new ArrayList<>();
        List<Column> columns = table.source().columns();
        for (int i = 0; i < columns.size(); i++) {
            Column t = target.column(columns.get(i).name());
            if (t != null) {
                sourceColumns.add(columns.get(i).name());
                targetColumns.add(t.name());
                transfers.add(intoBoolean(table.transfers().get(i), t, to));
            }
        }
        for (String key : target.keys()) {
            if (!targetColumns.contains(key)) {
                throw new IllegalStateException("the key column " + key + " of the target table " + target.name()
                        + " is no column of the source table " + table.pair().source());
            }
        }
        List<String> targetOnly = target.columns().stream().map(Column::name)
                .filter(name -> !targetColumns.contains(name)).toList();
        return new Copy(from, table.source().quoted(), target.quoted(), sourceColumns, transfers,
                new Upsert(to, target.quoted(), targetColumns, target.keys()), targetOnly);
    }
}
