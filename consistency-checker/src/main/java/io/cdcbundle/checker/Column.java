package io.cdcbundle.checker;

import java.sql.Types;
import java.util.Locale;

/**
 * A column as one engine describes it, sorted into the kind of value it holds. The kinds are those across which
 * cdc-bundle's sink moves a value into a column of another type (docs/type-mapping.md): a comparison reads both
 * sides as the less precise of their two kinds.
 */
public record Column(String name, int jdbcType, String typeName, int precision, int scale, Kind kind) {

    public enum Kind {
        BOOLEAN, INTEGER, DECIMAL, REAL, DOUBLE, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, BYTES, BITS, ARRAY, INTERVAL,
        MONEY, TEXT
    }

    /** PostgreSQL's timestamptz, which its driver reads as an OffsetDateTime only. */
    public boolean offsetDateTime() {
        return kind == Kind.TIMESTAMP_TZ && typeName.equalsIgnoreCase("timestamptz");
    }

    /**
     * Kinds whose order is the same on every engine (numbers, dates, instants), so that two tables keyed by them can
     * be read side by side in key order; a text key sorts by each server's collation.
     */
    String orderFamily() {
        return switch (kind) {
            case INTEGER, DECIMAL -> "number";
            case DATE -> "date";
            case TIMESTAMP, TIMESTAMP_TZ -> "timestamp";
            default -> null;
        };
    }

    /** @param scale digits after the point: of a decimal, or of a date-time's seconds */
    public static Column of(Engine engine, String name, int jdbcType, String typeName, int precision, int scale) {
        return new Column(name, jdbcType, typeName, precision, scale, kindOf(engine, jdbcType,
                typeName == null ? "" : typeName.toLowerCase(Locale.ROOT), precision));
    }

    private static Kind kindOf(Engine engine, int jdbcType, String type, int precision) {
        if (type.equals("bool") || type.equals("boolean") || (jdbcType == Types.BIT && precision <= 1
                && !type.equals("varbit") && !type.startsWith("bit varying"))) {
            return Kind.BOOLEAN;
        }
        if (type.equals("bit") || type.equals("varbit")) {
            return Kind.BITS;
        }
        if (type.equals("interval")) {
            return Kind.INTERVAL;
        }
        if (type.equals("money")) {
            return Kind.MONEY;
        }
        if (type.equals("timestamptz") || (engine == Engine.MARIADB && type.equals("timestamp"))) {
            return Kind.TIMESTAMP_TZ;
        }
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
            case Types.REAL -> Kind.REAL;
            case Types.FLOAT, Types.DOUBLE -> type.equals("float") || type.equals("float4") ? Kind.REAL : Kind.DOUBLE;
            case Types.DATE -> type.equals("year") ? Kind.INTEGER : Kind.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            case Types.TIMESTAMP -> Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_TZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
            case Types.BIT -> Kind.BITS;
            case Types.ARRAY -> Kind.ARRAY;
            default -> Kind.TEXT;
        };
    }
}
