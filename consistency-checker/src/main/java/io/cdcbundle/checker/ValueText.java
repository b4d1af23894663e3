package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdcbundle.checker.Column.Kind;

/**
 * A column value as comparable text, so that the same value reads alike on MariaDB and PostgreSQL whatever column
 * type the sink created for it: numbers by value (1.50 = 1.5), timestamps as the instant in UTC (both sessions run in
 * UTC), booleans as 1/0, bit strings as the number they spell, bytes as hex, arrays as compact JSON, times with
 * a time zone as the UTC time of day, intervals as microseconds.
 */
final class ValueText {

    static final String NULL = "\u0000NULL";
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2})?)(?:\\.(\\d+))?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern TIME = Pattern.compile("(-?\\d+:\\d{2}:\\d{2})(?:\\.(\\d*?))?0*");
    private static final java.time.format.DateTimeFormatter TIME_OF_DAY =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final Pattern TIME_WITH_OFFSET = Pattern.compile("(\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)(Z|[+-]\\d{2}(?::?\\d{2})?)");
    private static final Pattern INTERVAL = Pattern.compile(
            "(?:(-?\\d+) years? ?)?(?:(-?\\d+) mons? ?)?(?:(-?\\d+) days? ?)?(?:(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?)?");

    private ValueText() {
    }

    /**
     * The value of column {@code index} (1-based) as the driver gives it as text, except for kinds whose text is not
     * their value: bytes (as hex), bits (of their declared length) and arrays (as compact JSON). Two values whose
     * texts are equal are equal; only texts that differ need {@link #canonical}.
     */
    static String raw(ResultSet rs, int index, Column column) throws SQLException {
        String text = switch (column.kind()) {
            case BYTES -> {
                byte[] bytes = rs.getBytes(index);
                yield bytes == null ? null : HexFormat.of().formatHex(bytes);
            }
            case BITS -> bits(rs, index, column);
            case ARRAY -> array(rs.getArray(index));
            default -> rs.getString(index);
        };
        return text == null ? NULL : text;
    }

    /** {@link #raw} text as the canonical text {@link #read} would have given. */
    static String canonical(String raw, Column mine, Column other) {
        if (raw.equals(NULL)) {
            return NULL;
        }
        Kind theirs = other == null ? mine.kind() : other.kind();
        try {
            return switch (mine.kind()) {
                case BYTES, ARRAY, DATE -> raw;
                case BITS -> bitsValue(raw);
                case BOOLEAN -> switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "t", "true", "1", "y", "yes", "on" -> "1";
                    case "f", "false", "0", "n", "no", "off" -> "0";
                    default -> raw;
                };
                case INTEGER, DECIMAL -> number(new BigDecimal(raw.trim()));
                case MONEY -> money(raw);
                case REAL -> floating(Float.parseFloat(raw.trim()));
                case DOUBLE -> theirs == Kind.REAL ? floating((float) Double.parseDouble(raw.trim()))
                        : floating(Double.parseDouble(raw.trim()));
                case TIME -> time(raw);
                case TIMESTAMP, TIMESTAMP_TZ -> timestamp(raw);
                // the sink writes an interval as its microseconds, which PostgreSQL spells in hours: 76:05:06.5
                // for a source's '3 days 04:05:06.5'
                case INTERVAL -> intervalMicros(raw);
                case TEXT -> theirs == Kind.ARRAY ? Json.compact(raw) : raw;
            };
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /**
     * A date-time as text (either engine's spelling, with or without a UTC offset) as the UTC local date-time,
     * ISO-8601, fraction without trailing zeros; a text of another shape (infinity, a BC date) as it is.
     */
    static String timestamp(String text) {
        String fast = utcTimestamp(text);
        if (fast != null) {
            return fast;
        }
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            return text;
        }
        String fraction = m.group(3) == null ? "" : m.group(3).replaceAll("0+$", "");
        String local = m.group(1) + "T" + (m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2))
                + (fraction.isEmpty() ? "" : "." + fraction);
        String offset = m.group(4);
        if (offset == null || offset.equals("Z") || offset.matches("[+-]00(:?00)?")) {
            return local;
        }
        try {
            LocalDateTime utc = OffsetDateTime.parse(local + isoOffset(offset)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            return timestamp(utc.toString());
        } catch (RuntimeException e) {
            return text;
        }
    }

    /**
     * The common case without a regular expression (every row of a timestamp column that is spelt differently on
     * the two engines comes here): {@code yyyy-MM-dd HH:mm:ss[.f...]} with no offset or a zero one; null otherwise.
     */
    private static String utcTimestamp(String text) {
        int n = text.length();
        if (n < 19 || (text.charAt(10) != ' ' && text.charAt(10) != 'T') || text.charAt(4) != '-' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int end = 19;
        int lastNonZero = 19;
        if (end < n && text.charAt(end) == '.') {
            end++;
            while (end < n && Character.isDigit(text.charAt(end))) {
                if (text.charAt(end) != '0') {
                    lastNonZero = end + 1;
                }
                end++;
            }
        }
        String offset = text.substring(end);
        if (!(offset.isEmpty() || offset.equals("Z") || offset.equals("+00") || offset.equals("+00:00"))) {
            return null;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        return text.substring(0, 10) + "T" + text.substring(11, lastNonZero);
    }

    static String number(BigDecimal value) {
        if (value == null) {
            return null;
        }
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String floating(float f) {
        return Float.isFinite(f) ? number(new BigDecimal(Float.toString(f))) : Float.toString(f);
    }

    private static String floating(double d) {
        return Double.isFinite(d) ? number(new BigDecimal(Double.toString(d))) : Double.toString(d);
    }

    private static String money(String text) {
        if (text == null) {
            return null;
        }
        boolean negative = text.startsWith("-") || text.startsWith("(");
        String digits = text.replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? text : number(new BigDecimal(negative ? "-" + digits : digits));
    }

    static String time(String text) {
        if (text == null) {
            return null;
        }
        Matcher offset = TIME_WITH_OFFSET.matcher(text.trim());
        if (offset.matches()) {
            // a time with time zone as the UTC time of day: the sink writes 10:11:12.5+02 as 08:11:12.5Z
            try {
                return time(java.time.OffsetTime.parse(offset.group(1) + isoOffset(offset.group(2))).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalTime().format(TIME_OF_DAY));
            } catch (RuntimeException e) {
                return text;
            }
        }
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            return text;
        }
        String fraction = m.group(2);
        String whole = m.group(1).length() == 7 ? "0" + m.group(1) : m.group(1);
        return fraction == null || fraction.isEmpty() ? whole : whole + "." + fraction;
    }

    /** A UTC offset as the engines spell it (Z, +02, +0530, +05:30) as ISO-8601 writes it (Z, +02:00, +05:30). */
    private static String isoOffset(String offset) {
        return offset.length() == 3 ? offset + ":00"
                : offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
    }

    /**
     * Bits as the number they spell, in binary without leading zeros: the sink writes a bit varying(16) '101' into
     * a bit(16) column, which reads 0000000000000101.
     */
    private static String bitsValue(String bits) {
        int first = 0;
        while (first < bits.length() - 1 && bits.charAt(first) == '0') {
            first++;
        }
        return bits.substring(first);
    }

    /** Bits as 0/1 of the column's declared length: MariaDB gives big-endian bytes, PostgreSQL the bit string. */
    private static String bits(ResultSet rs, int index, Column column) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            StringBuilder bits = new StringBuilder();
            for (byte b : bytes) {
                bits.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
            }
            int length = Math.max(column.precision(), 1);
            String all = bits.toString();
            return all.length() > length ? all.substring(all.length() - length) : "0".repeat(length - all.length()) + all;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return rs.getString(index);
    }

    private static String array(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        return Json.compact(Json.of((Object[]) array.getArray()));
    }

    /** A PostgreSQL interval as microseconds, a month counted as 30 days, as Debezium reckons it. */
    static String intervalMicros(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = INTERVAL.matcher(text.trim());
        if (!m.matches()) {
            return text;
        }
        long months = 12 * parse(m.group(1)) + parse(m.group(2));
        long days = 30 * months + parse(m.group(3));
        long micros = ((parse(m.group(5)) * 60 + parse(m.group(6))) * 60 + parse(m.group(7))) * 1_000_000
                + (m.group(8) == null ? 0 : Long.parseLong((m.group(8) + "00000").substring(0, 6)));
        if (m.group(4) != null) {
            micros = -micros;
        }
        return String.valueOf(days * 86_400_000_000L + micros);
    }

    private static long parse(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
