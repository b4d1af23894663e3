package io.cdcbundle.lab;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.cdcbundle.lab.db.DatabaseServer;

/**
 * Source against target, table by table: row counts, an order-independent checksum of the rows, and the first
 * keys whose rows differ, so that a failed comparison says where to look.
 */
public final class TableComparator {

    /** The outcome for one table. */
    public record Comparison(String table, long sourceRows, long targetRows, long sourceChecksum, long targetChecksum,
                             List<String> differingKeys) {
        public boolean equal() {
            return sourceRows == targetRows && sourceChecksum == targetChecksum && differingKeys.isEmpty();
        }

        @Override
        public String toString() {
            return table + ": " + sourceRows + " rows in the source, " + targetRows + " in the target, checksums "
                    + Long.toHexString(sourceChecksum) + " / " + Long.toHexString(targetChecksum)
                    + (differingKeys.isEmpty() ? "" : ", first differing keys " + differingKeys);
        }
    }

    private static final int KEYS_REPORTED = 10;

    private TableComparator() {
    }

    /**
     * @param columns the columns to compare, the key column first; values are compared as text, so that the same
     *                data reads equal across MariaDB and PostgreSQL
     */
    public static Comparison compare(DatabaseServer source, String sourceDb, String sourceTable, DatabaseServer target,
                                     String targetDb, String targetTable, List<String> columns) throws SQLException {
        TreeMap<String, String> sourceRows = rows(source, sourceDb, sourceTable, columns);
        TreeMap<String, String> targetRows = rows(target, targetDb, targetTable, columns);
        List<String> differing = new ArrayList<>();
        for (String key : union(sourceRows, targetRows)) {
            if (!String.valueOf(sourceRows.get(key)).equals(String.valueOf(targetRows.get(key)))) {
                differing.add(key + (sourceRows.containsKey(key) ? targetRows.containsKey(key) ? " (values)"
                        : " (missing in target)" : " (not in source)"));
                if (differing.size() == KEYS_REPORTED) {
                    break;
                }
            }
        }
        return new Comparison(targetTable, sourceRows.size(), targetRows.size(), checksum(sourceRows), checksum(targetRows),
                differing);
    }

    private static List<String> union(TreeMap<String, String> a, TreeMap<String, String> b) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return new ArrayList<>(keys.keySet());
    }

    /** Rows by key (as text, zero-padded when numeric so that they sort by value), each row as one line of text. */
    private static TreeMap<String, String> rows(DatabaseServer server, String database, String table, List<String> columns)
            throws SQLException {
        TreeMap<String, String> rows = new TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + String.join(", ", columns) + " from " + table)) {
            while (rs.next()) {
                String key = rs.getString(1);
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns.size(); i++) {
                    String v = rs.getString(i);
                    row.append(v == null ? "\u0000NULL" : v).append('\u0001');
                }
                rows.put(key.matches("-?\\d+") ? String.format("%020d", Long.parseLong(key)) : key, row.toString());
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146 || "42P01".equals(e.getSQLState())) {
                return rows; // the sink has not created the table yet: no rows
            }
            throw e;
        }
        return rows;
    }

    /** The sum of the rows' hashes: independent of order, and unlike XOR it does not cancel repeated rows. */
    static long checksum(TreeMap<String, String> rows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long sum = 0;
            for (String row : rows.values()) {
                sum += ByteBuffer.wrap(sha.digest(row.getBytes(StandardCharsets.UTF_8))).getLong();
            }
            return sum;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
