package io.cdcbundle.load;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import io.cdcbundle.checker.Column;
import io.cdcbundle.checker.Engine;

/**
 * How one column's value goes from a source row to the target's statement without Kafka in between, so that it lands
 * as cdc-bundle's sink would have written it (docs/type-mapping.md) into the column the sink created. Only types whose
 * way is known have one: a table with any other column is left to Debezium's snapshot ({@link #of} gives null).
 */
enum ColumnTransfer {
    /** The engine's own text of the value, bound untyped: the same engine parses it back into the sink's column. */
    TEXT(ResultSet::getString),
    INTEGER((rs, i) -> orNull(rs, rs.getLong(i))),
    /** Past a long's range (BIGINT UNSIGNED), and decimals. */
    DECIMAL(ResultSet::getBigDecimal),
    REAL((rs, i) -> orNull(rs, rs.getFloat(i))),
    DOUBLE((rs, i) -> orNull(rs, rs.getDouble(i))),
    BOOLEAN((rs, i) -> orNull(rs, rs.getBoolean(i))),
    /** A boolean into MariaDB's tinyint(1), whose driver would bind a Boolean as a bit string. */
    BOOLEAN_AS_NUMBER((rs, i) -> orNull(rs, rs.getBoolean(i) ? 1 : 0)),
    BYTES(ResultSet::getBytes),
    DATE((rs, i) -> rs.getObject(i, LocalDate.class)),
    TIME((rs, i) -> rs.getObject(i, LocalTime.class)),
    TIMESTAMP((rs, i) -> rs.getObject(i, LocalDateTime.class)),
    /** MariaDB TIMESTAMP (read in a UTC session) into PostgreSQL timestamptz. */
    UTC_TO_INSTANT((rs, i) -> {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }),
    /** PostgreSQL timestamptz into MariaDB's datetime(6) holding the UTC instant, as the sink creates it. */
    INSTANT_TO_UTC((rs, i) -> {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }),
    /** MariaDB BIT(n) as PostgreSQL's bit string of the declared length. */
    BITS_TO_TEXT(ColumnTransfer::bitString),
    /** PostgreSQL bit(n) as MariaDB's big-endian bytes. */
    TEXT_TO_BITS(ColumnTransfer::bitBytes);

    /** Reads column {@code i} of a result set's current row. */
    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs, int i) throws SQLException;
    }

    private final Reader reader;

    ColumnTransfer(Reader reader) {
        this.reader = reader;
    }

    /** The value of column {@code i} of the current row, as the target's statement binds it ({@code setObject}). */
    Object read(ResultSet rs, int i) throws SQLException {
        return reader.read(rs, i);
    }

    private static Object orNull(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static String bitString(ResultSet rs, int i) throws SQLException {
        byte[] bytes = rs.getBytes(i);
        if (bytes == null) {
            return null;
        }
        String bits = new BigInteger(1, bytes).toString(2);
        int length = rs.getMetaData().getPrecision(i);
        return bits.length() >= length ? bits.substring(bits.length() - length) : "0".repeat(length - bits.length()) + bits;
    }

    private static byte[] bitBytes(ResultSet rs, int i) throws SQLException {
        String bits = rs.getString(i);
        if (bits == null) {
            return null;
        }
        byte[] bytes = new byte[(bits.length() + 7) / 8];
        byte[] value = bits.isEmpty() ? new byte[0] : new BigInteger(bits, 2).toByteArray();
        int n = Math.min(value.length, bytes.length);
        System.arraycopy(value, value.length - n, bytes, bytes.length - n, n);
        return bytes;
    }

    /** Text types each engine's driver reads as the text its sink target holds. */
    private static final Set<String> MARIADB_TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set", "json", "uuid");
    private static final Set<String> POSTGRES_TEXT = Set.of("text", "varchar", "bpchar", "json", "jsonb", "uuid", "inet",
            "cidr", "macaddr", "xml", "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange");

    private static final Set<String> GEOMETRIES = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");

    /**
     * How {@code column} of a {@code from} table goes into the column the sink creates for it on {@code to}, or null
     * when there is no known way (the table then takes Debezium's snapshot).
     *
     * @param utcSink whether the sink writes instants in UTC ({@code use.time.zone} unset or UTC)
     */
    static ColumnTransfer of(Engine from, Engine to, Column column, boolean utcSink) {
        String type = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
        boolean sameEngine = from == to;
        switch (column.kind()) {
            case INTEGER:
                return type.contains("bigint") && type.contains("unsigned") ? DECIMAL : INTEGER;
            case DECIMAL:
                // PostgreSQL numeric without a precision becomes MariaDB's decimal(65,30): the sink rounds its own way
                return sameEngine || column.precision() > 0 && column.precision() <= 65 ? DECIMAL : null;
            case REAL:
                return REAL;
            case DOUBLE:
                return DOUBLE;
            case BOOLEAN:
                // MariaDB TINYINT(1)/BOOLEAN holds -128..127 and becomes a smallint; BIT(1) and boolean become booleans
                if (from == Engine.MARIADB && !type.startsWith("bit")) {
                    return INTEGER;
                }
                return to == Engine.MARIADB ? BOOLEAN_AS_NUMBER : BOOLEAN;
            case BYTES:
                return GEOMETRIES.contains(type) ? null : BYTES; // Debezium carries them as geometry structs
            case BITS:
                if (type.equals("varbit") || type.contains("varying")) {
                    return null; // the sink widens it to bit(n), padding shorter values
                }
                return sameEngine ? (from == Engine.MARIADB ? BYTES : TEXT) : from == Engine.MARIADB ? BITS_TO_TEXT : TEXT_TO_BITS;
            case DATE:
                return sameEngine ? TEXT : DATE;
            case TIME:
                if (type.equals("timetz")) {
                    return sameEngine ? TEXT : null;
                }
                return sameEngine ? TEXT : TIME;
            case TIMESTAMP:
                return sameEngine ? TEXT : TIMESTAMP;
            case TIMESTAMP_TZ:
                if (!utcSink) {
                    return null;
                }
                if (sameEngine) {
                    return TEXT;
                }
                return from == Engine.MARIADB ? UTC_TO_INSTANT : INSTANT_TO_UTC;
            case ARRAY, INTERVAL:
                return sameEngine ? TEXT : null; // the sink turns them into JSON and microseconds on MariaDB
            case MONEY:
                return null;
            default:
                return (from == Engine.MARIADB ? MARIADB_TEXT : POSTGRES_TEXT).contains(type) ? TEXT : null;
        }
    }
}
