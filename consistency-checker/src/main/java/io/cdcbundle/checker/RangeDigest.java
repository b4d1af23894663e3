package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.util.List;

import io.cdcbundle.checker.Column.Kind;

/**
 * A key range summed up by the server itself: its row count and the sum of a 60-bit hash of each row, the row
 * spelt as the same text on MariaDB and PostgreSQL (numbers without trailing zeros, date-times as ISO-8601 with six
 * fraction digits in the session's UTC, booleans as 1/0, bytes as hex). Equal digests: the range is equal and no row
 * leaves either server. Different digests (or a value spelt differently, say a timestamp beyond year 9999): the
 * range is read row by row and compared in Java, so a digest can cost time, never a false report.
 */
record RangeDigest(long rows, BigDecimal hashSum) {

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

    /** {@code SELECT count, hash sum FROM table} for {@code end}; the caller adds the WHERE clause. */
    static String select(Endpoint end, Projection p, String quotedTable) {
        List<Column> columns = p.columns(end);
        List<Column> others = p.otherColumns(end);
        boolean pg = end.engine == Engine.POSTGRES;
        StringBuilder row = new StringBuilder(pg ? "concat_ws(chr(2)" : "CONCAT_WS(CHAR(2 USING utf8mb4)");
        for (int i = 0; i < columns.size(); i++) {
            row.append(", COALESCE(").append(spelling(end.engine, columns.get(i), others.get(i)))
                    .append(pg ? ", chr(1))" : ", CHAR(1 USING utf8mb4))");
        }
        row.append(')');
        String hash = pg ? "('x' || substr(md5(" + row + "), 1, 15))::bit(60)::bigint"
                : "CAST(CONV(SUBSTR(MD5(" + row + "), 1, 15), 16, 10) AS UNSIGNED)";
        return "SELECT COUNT(*), COALESCE(SUM(" + hash + "), 0) FROM " + quotedTable;
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
        return rows == other.rows && hashSum.compareTo(other.hashSum) == 0;
    }
}
