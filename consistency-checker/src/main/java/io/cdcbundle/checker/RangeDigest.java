package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import io.cdcbundle.checker.Column.Kind;

/**
 * A key range summed up by the server itself: its row count and a hash of its rows, each row spelt as the same text on
 * MariaDB and PostgreSQL (numbers without trailing zeros, date-times as ISO-8601 with six fraction digits in the
 * session's UTC, booleans as 1/0, bytes as hex). Equal digests: the range is equal and no row leaves either server.
 * Different digests (or a value spelt differently, say a timestamp beyond year 9999, or rows joined in another order):
 * the range is read row by row and compared in Java, so a digest can cost time, never a false report.
 *
 * @param hash the {@link Form}'s hash as the server returns it (null for an empty range)
 */
record RangeDigest(long rows, String hash) {

    /** How the rows of a range are hashed; one form per table, the same on both ends. */
    enum Form {
        /**
         * One MD5 of the range's rows joined in key order: about half the server time of {@link #ROW_SUM} on both
         * engines (no per-row hash, hex text and number conversion), but the server holds the joined text of a range.
         */
        JOINED,
        /** The sum of a 60-bit MD5 of each row: constant memory, for rows too wide to join many of. */
        ROW_SUM
    }

    /** The form for a table and how many rows a range holds. */
    record Plan(Form form, int rows) {
    }

    /** Joined text per range at most: the servers hold it while hashing, and MariaDB cuts it at max_allowed_packet. */
    static final long JOINED_BYTES = 64L << 20;

    /** Fewer rows per range than this and joining saves less than the statements cost: rows are hashed one by one. */
    static final int JOINED_ROWS_MIN = 1000;

    /**
     * A text or bytes value longer than this (in bytes of its spelling) is spelt as its MD5, so that a row's text has
     * a bound whatever the column type allows (text, blobs) and a range of rows can be joined.
     */
    static final int LONG_VALUE_BYTES = 64;

    /**
     * Ranges of up to {@code chunkSize} rows joined where as many of the longest rows the columns allow fit the
     * servers' limit {@code joinLimit}, fewer rows where not; one hash per row where a range would be too short.
     */
    static Plan plan(Projection p, Endpoint source, int chunkSize, long joinLimit) {
        return plan(p.columns(source), p.otherColumns(source), chunkSize, joinLimit);
    }

    static Plan plan(List<Column> source, List<Column> target, int chunkSize, long joinLimit) {
        long row = 1;
        for (int i = 0; i < source.size(); i++) {
            row += spelledBytes(source.get(i), target.get(i)) + 1;
        }
        long rows = Math.min(chunkSize, Math.min(JOINED_BYTES, joinLimit) / row);
        return rows < Math.min(JOINED_ROWS_MIN, chunkSize) ? new Plan(Form.ROW_SUM, chunkSize)
                : new Plan(Form.JOINED, (int) rows);
    }

    /** The longest text {@link #spelling} gives for a value of this pair of columns, in bytes. */
    static long spelledBytes(Column column, Column other) {
        return hashesLongValues(column, other) ? LONG_VALUE_BYTES : Math.max(valueBytes(column), valueBytes(other));
    }

    /** Whether values of the pair may be longer than {@link #LONG_VALUE_BYTES} and are then spelt as their MD5. */
    private static boolean hashesLongValues(Column column, Column other) {
        return (column.kind() == Kind.TEXT || column.kind() == Kind.BYTES)
                && Math.max(valueBytes(column), valueBytes(other)) > LONG_VALUE_BYTES;
    }

    /** The longest text of a value of the column, in bytes; huge where the type sets no limit. */
    private static long valueBytes(Column c) {
        long unbounded = Integer.MAX_VALUE;
        boolean declared = c.precision() > 0 && c.precision() < Integer.MAX_VALUE / 4;
        return switch (c.kind()) {
            case BOOLEAN -> 1;
            case INTEGER -> 20;
            // a number without declared precision: as long as PostgreSQL's numeric text usually is; a longer one makes
            // MariaDB cut the joined text, so that its range is read row by row
            case DECIMAL -> declared ? c.precision() + 2 : 80;
            case REAL, DOUBLE, DATE, TIMESTAMP, TIMESTAMP_TZ -> 32;
            case BYTES -> declared ? 2L * c.precision() : unbounded;
            // four bytes a character in UTF-8 at most, whether the driver counts characters or bytes
            case TEXT -> declared ? 4L * c.precision() : unbounded;
            default -> unbounded;
        };
    }

    /** Whether every compared pair of columns has a spelling both engines produce alike. */
    static boolean applies(Projection p, Endpoint source) {
        List<Column> s = p.columns(source);
        List<Column> t = p.otherColumns(source);
        for (int i = 0; i < s.size(); i++) {
            if (!alike(s.get(i).kind(), t.get(i).kind())) {
                return false;
            }
        }
        return true;
    }

    private static boolean alike(Kind a, Kind b) {
        return (numeric(a) && numeric(b)) || (a == Kind.TEXT && b == Kind.TEXT) || (a == Kind.DATE && b == Kind.DATE)
                || (instant(a) && instant(b)) || (a == Kind.BYTES && b == Kind.BYTES)
                // floating point: spelt alike for most values; a range where they are not is read row by row
                || (a == Kind.DOUBLE && b == Kind.DOUBLE) || (a == Kind.REAL && b == Kind.REAL);
    }

    private static boolean numeric(Kind k) {
        return k == Kind.INTEGER || k == Kind.DECIMAL || k == Kind.BOOLEAN;
    }

    private static boolean instant(Kind k) {
        return k == Kind.TIMESTAMP || k == Kind.TIMESTAMP_TZ;
    }

    /**
     * {@code SELECT count, hash FROM table} for {@code end}; the caller adds the WHERE clause. Joined rows come in key
     * order: PostgreSQL sorts them; MariaDB reads them in that order when the key is the table's primary key (InnoDB
     * stores rows in its order), and sorts them otherwise.
     */
    static String select(Endpoint end, Projection p, Table table, Form form) {
        List<Column> columns = p.columns(end);
        List<Column> others = p.otherColumns(end);
        boolean pg = end.engine == Engine.POSTGRES;
        StringBuilder row = new StringBuilder(pg ? "concat_ws(chr(2)" : "CONCAT_WS(CHAR(2 USING utf8mb4)");
        for (int i = 0; i < columns.size(); i++) {
            row.append(", COALESCE(").append(boundedSpelling(end.engine, columns.get(i), others.get(i)))
                    .append(pg ? ", chr(1))" : ", CHAR(1 USING utf8mb4))");
        }
        row.append(')');
        String hash;
        if (form == Form.JOINED) {
            String order = " ORDER BY " + p.keyList(end);
            hash = pg ? "md5(string_agg(" + row + ", chr(3)" + order + "))"
                    : "MD5(GROUP_CONCAT(" + row + (keyIsPrimary(end, p, table) ? "" : order) + " SEPARATOR '\u0003'))";
        } else {
            String one = pg ? "('x' || substr(md5(" + row + "), 1, 15))::bit(60)::bigint"
                    : "CAST(CONV(SUBSTR(MD5(" + row + "), 1, 15), 16, 10) AS UNSIGNED)";
            hash = "SUM(" + one + ")";
        }
        return "SELECT COUNT(*), " + hash + " FROM " + table.quoted();
    }

    private static boolean keyIsPrimary(Endpoint end, Projection p, Table table) {
        List<Column> columns = p.columns(end);
        if (table.keys().size() != p.keyCount()) {
            return false;
        }
        for (int i = 0; i < p.keyCount(); i++) {
            if (!table.keys().get(i).equalsIgnoreCase(columns.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** The digest in a result row of {@link #select}; sums as plain decimal text, whichever type the engine gave. */
    static RangeDigest read(ResultSet rs, Form form) throws SQLException {
        long rows = rs.getLong(1);
        if (form == Form.JOINED) {
            return new RangeDigest(rows, rs.getString(2));
        }
        BigDecimal sum = rs.getBigDecimal(2);
        return new RangeDigest(rows, sum == null ? null : sum.toBigInteger().toString());
    }

    /**
     * {@link #spelling}, or the MD5 of the value's bytes where they are longer than {@link #LONG_VALUE_BYTES} (text as
     * UTF-8, bytes as hex), so that a joined range has a bound whatever its column types allow.
     */
    private static String boundedSpelling(Engine engine, Column column, Column other) {
        String spelt = spelling(engine, column, other);
        if (!hashesLongValues(column, other)) {
            return spelt;
        }
        boolean bytes = column.kind() == Kind.BYTES;
        int longer = bytes ? LONG_VALUE_BYTES / 2 : LONG_VALUE_BYTES;
        String c = engine.quote(column.name());
        // PostgreSQL hashes only text and bytea: other types of the text kind (json, uuid, enums) go by their text
        String value = engine == Engine.POSTGRES && !bytes ? spelt : c;
        return engine == Engine.POSTGRES
                ? "CASE WHEN octet_length(" + value + ") > " + longer + " THEN md5(" + value + ") ELSE " + spelt + " END"
                : "IF(LENGTH(" + c + ") > " + longer + ", MD5(" + c + "), " + spelt + ")";
    }

    /**
     * The text both engines give for a value of this pair of columns. MariaDB's own text of a column is used where
     * it is already that text (its conversions cost more per row than anything else in the digest), and PostgreSQL
     * is asked to spell it MariaDB's way: a date-time as {@code yyyy-MM-dd HH:mm:ss.ffffff}, bytes as upper-case hex.
     */
    private static String spelling(Engine engine, Column column, Column other) {
        String c = engine.quote(column.name());
        boolean pg = engine == Engine.POSTGRES;
        return switch (column.kind()) {
            case INTEGER, DOUBLE, REAL, TEXT, DATE -> pg ? c + "::text" : c;
            case DECIMAL -> {
                if (column.scale() == other.scale() || other.kind() == Kind.INTEGER && column.scale() == 0) {
                    yield pg ? c + "::text" : c;
                }
                // scales differ (PostgreSQL numeric without a scale became decimal(65,30), say): no trailing zeros
                String text = pg ? c + "::text" : "CAST(" + c + " AS CHAR)";
                yield pg ? "CASE WHEN " + text + " LIKE '%.%' THEN rtrim(rtrim(" + text + ", '0'), '.') ELSE " + text + " END"
                        : "CASE WHEN " + text + " LIKE '%.%' THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + text
                                + ")) ELSE " + text + " END";
            }
            case BOOLEAN -> pg ? (column.typeName().equalsIgnoreCase("bool") ? "CASE WHEN " + c + " THEN '1' ELSE '0' END"
                    : c + "::int::text") : (column.typeName().toUpperCase(java.util.Locale.ROOT).startsWith("BIT")
                    ? "(" + c + " + 0)" : c);
            case TIMESTAMP, TIMESTAMP_TZ -> pg ? "to_char(" + c + ", 'YYYY-MM-DD HH24:MI:SS.US')"
                    : column.scale() == 6 ? c : "DATE_FORMAT(" + c + ", '%Y-%m-%d %H:%i:%s.%f')";
            case BYTES -> pg ? "upper(encode(" + c + ", 'hex'))" : "HEX(" + c + ")";
            default -> pg ? c + "::text" : c;
        };
    }

    boolean sameAs(RangeDigest other) {
        return rows == other.rows && Objects.equals(hash, other.hash);
    }
}
