package io.cdcbundle.sink.dialect;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import io.debezium.sink.valuebinding.ValueBindDescriptor;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Values that Debezium's dialects bind wrongly, bound as the target reads them (issue #15). The column types stay
 * Debezium's; only the value handed to the JDBC driver changes.
 * <ul>
 * <li>{@code io.debezium.data.Bits} carries a BIT(n) value as little-endian bytes, trailing zero bytes left out
 * (an all-zero value may be no bytes at all). Debezium's PostgreSQL dialect reads them as a signed big-endian number
 * (high bit set: "-" is not a valid binary digit; no bytes: "Zero length BigInteger"; two bytes: swapped), and its
 * MySQL/MariaDB dialects hand them to the driver as they are, which the server reads big-endian. Bound here as a bit
 * string of the declared length (PostgreSQL) or as big-endian bytes of the declared length (MariaDB, MySQL).</li>
 * <li>A MariaDB/MySQL TIME is a duration (-838:59:59 to 838:59:59); Debezium's dialects turn it into a time of day and
 * fail beyond 24 h or below 0. Bound as the server's own text, {@code [-]H:MM:SS.ffffff}, on MariaDB/MySQL
 * targets.</li>
 * <li>A PostgreSQL interval ({@code io.debezium.time.MicroDuration}) is bound by Debezium in whole seconds, dropping
 * the fraction. Bound with its microseconds.</li>
 * <li>PostgreSQL's {@code infinity} and {@code -infinity} timestamps arrive as PgJDBC's sentinel numbers, which Debezium
 * writes as the year 294247, and {@code infinity} dates as days of the year -5877611, which PostgreSQL reads as
 * {@code -infinity}. Bound as PgJDBC's sentinel {@link java.sql.Timestamp} or {@link java.sql.Date}, which it sends as
 * infinity.</li>
 * <li>PostgreSQL arrays are bound by Debezium with the element's column type as the array's type name, e.g.
 * {@code decimal(10,2)}, which PgJDBC cannot find ("Unable to find server array type"). Bound with the bare type
 * name, and elements of Debezium's date and time types (numbers since the epoch, which PostgreSQL refuses for a
 * {@code date[]}) as the dates and times they stand for ({@link #postgresArrays}).</li>
 * </ul>
 */
final class ValueBindings {

    static final String BITS = "io.debezium.data.Bits";
    private static final String BITS_LENGTH = "length";
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    /** PgJDBC's PGStatement.DATE_POSITIVE_INFINITY and DATE_NEGATIVE_INFINITY, which Debezium passes on as they are. */
    static final long PG_POSITIVE_INFINITY = 9223372036825200000L;
    static final long PG_NEGATIVE_INFINITY = -9223372036832400000L;
    /** The epoch days Debezium's PostgreSQL connector gives infinity and -infinity dates (its *_INFINITY_LOCAL_DATE). */
    static final long PG_POSITIVE_INFINITY_DAYS = java.time.LocalDate.parse("-5877611-06-21").toEpochDay();
    static final long PG_NEGATIVE_INFINITY_DAYS = java.time.LocalDate.parse("-5877611-06-22").toEpochDay();

    private final TargetServer server;

    ValueBindings(TargetServer server) {
        this.server = server;
    }

    /** The bindings for a value of this schema, or empty where Debezium's own binding is right. */
    Optional<List<ValueBindDescriptor>> bind(Schema schema, int index, Object value) {
        if (value == null || schema.name() == null) {
            return Optional.empty();
        }
        if (BITS.equals(schema.name())) {
            return Optional.of(List.of(new ValueBindDescriptor(index, bits(schema, value))));
        }
        if (server == TargetServer.POSTGRES && "io.debezium.time.Date".equals(schema.name()) && value instanceof Number days) {
            long d = days.longValue();
            if (d == PG_POSITIVE_INFINITY_DAYS || d == PG_NEGATIVE_INFINITY_DAYS) {
                return Optional.of(List.of(new ValueBindDescriptor(index,
                        new java.sql.Date(d == PG_POSITIVE_INFINITY_DAYS ? PG_POSITIVE_INFINITY : PG_NEGATIVE_INFINITY))));
            }
        }
        if (server == TargetServer.POSTGRES && value instanceof Long n) {
            if (MICRO_DURATION.equals(schema.name())) {
                return Optional.of(List.of(new ValueBindDescriptor(index,
                        java.math.BigDecimal.valueOf(n, 6).toPlainString() + " seconds")));
            }
            if (isTimestamp(schema.name()) && (n == PG_POSITIVE_INFINITY || n == PG_NEGATIVE_INFINITY)) {
                return Optional.of(List.of(new ValueBindDescriptor(index, new java.sql.Timestamp(n))));
            }
        }
        if (server.mysqlFamily() && value instanceof Number n) {
            Optional<Long> micros = durationMicros(schema.name(), n.longValue());
            if (micros.isPresent() && (micros.get() < 0 || micros.get() >= DAY_MICROS)) {
                return Optional.of(List.of(new ValueBindDescriptor(index, durationText(micros.get()))));
            }
        }
        return Optional.empty();
    }

    private static boolean isTimestamp(String schemaName) {
        return schemaName.equals("io.debezium.time.Timestamp") || schemaName.equals("io.debezium.time.MicroTimestamp")
                || schemaName.equals("io.debezium.time.NanoTimestamp");
    }

    /**
     * Debezium's own bindings of a value of {@code schema}, with PostgreSQL arrays named as PgJDBC finds their type and
     * their elements as PostgreSQL reads them.
     */
    static List<ValueBindDescriptor> postgresArrays(Schema schema, List<ValueBindDescriptor> bindings) {
        if (schema.type() != Schema.Type.ARRAY) {
            return bindings;
        }
        List<ValueBindDescriptor> out = new java.util.ArrayList<>(bindings.size());
        for (ValueBindDescriptor b : bindings) {
            String name = b.getElementTypeName();
            if (name == null || !Integer.valueOf(java.sql.Types.ARRAY).equals(b.getTargetSqlType())) {
                out.add(b);
                continue;
            }
            Object value = b.getValue() instanceof List<?> list ? elements(schema.valueSchema(), list) : b.getValue();
            out.add(new ValueBindDescriptor(b.getIndex(), value, b.getTargetSqlType(), arrayTypeName(name)));
        }
        return out;
    }

    private static List<?> elements(Schema elementSchema, List<?> list) {
        if (elementSchema == null || elementSchema.name() == null) {
            return list;
        }
        List<Object> out = new java.util.ArrayList<>(list.size());
        for (Object element : list) {
            Object standsFor = element == null ? null : DebeziumValues.standFor(elementSchema, element);
            out.add(standsFor == null ? element : standsFor.toString());
        }
        return out;
    }

    /** {@code decimal(10,2)} -> {@code numeric}, {@code varchar(10)} -> {@code varchar}, {@code timestamp(6)} -> ... */
    static String arrayTypeName(String columnType) {
        String bare = columnType.replaceAll("\\(.*?\\)", "").replaceAll("\\s+", " ").trim();
        return bare.equalsIgnoreCase("decimal") ? "numeric" : bare;
    }

    /** Debezium's time-of-day types, in microseconds; empty for other schemas. */
    private static Optional<Long> durationMicros(String schemaName, long value) {
        return switch (schemaName) {
            case "io.debezium.time.MicroTime" -> Optional.of(value);
            case "io.debezium.time.Time" -> Optional.of(value * 1_000);
            case "io.debezium.time.NanoTime" -> Optional.of(value / 1_000);
            default -> Optional.empty();
        };
    }

    private Object bits(Schema schema, Object value) {
        byte[] littleEndian = value instanceof ByteBuffer buffer ? toArray(buffer) : (byte[]) value;
        String declared = schema.parameters() == null ? null : schema.parameters().get(BITS_LENGTH);
        int length = declared == null ? littleEndian.length * 8 : Integer.parseInt(declared);
        BigInteger number = new BigInteger(1, reversed(littleEndian));
        if (length != Integer.MAX_VALUE && number.bitLength() > length) {
            throw new DataException("A BIT(" + length + ") value has " + number.bitLength() + " bits: " + number.toString(2));
        }
        if (server == TargetServer.POSTGRES) {
            String digits = number.toString(2);
            return length == Integer.MAX_VALUE || digits.length() >= length ? digits : "0".repeat(length - digits.length()) + digits;
        }
        int bytes = length == Integer.MAX_VALUE ? Math.max(1, littleEndian.length) : (length + 7) / 8;
        byte[] bigEndian = new byte[bytes];
        for (int i = 0; i < littleEndian.length && i < bytes; i++) {
            bigEndian[bytes - 1 - i] = littleEndian[i];
        }
        return bigEndian;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[bytes.length - 1 - i] = bytes[i];
        }
        return out;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    static String durationText(long micros) {
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        long seconds = abs / 1_000_000;
        return String.format("%s%d:%02d:%02d.%06d", sign, seconds / 3600, seconds / 60 % 60, seconds % 60, abs % 1_000_000);
    }
}
