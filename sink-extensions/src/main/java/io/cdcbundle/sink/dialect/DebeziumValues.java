package io.cdcbundle.sink.dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Values of Debezium's logical types as the values they stand for, where a sink writes them outside their column. */
public final class DebeziumValues {

    private DebeziumValues() {
    }

    /**
     * Debezium's own logical types as what they stand for: its dates and times (numbers since the epoch or midnight)
     * in ISO-8601, a VariableScaleDecimal as its number; null for anything else, or a value its type cannot hold.
     */
    public static Object standFor(Schema schema, Object value) {
        String name = schema == null ? null : schema.name();
        if (name == null || !name.startsWith("io.debezium.")) {
            return null;
        }
        try {
            return switch (name) {
                case "io.debezium.time.Date" -> LocalDate.ofEpochDay(((Number) value).longValue());
                case "io.debezium.time.Time" -> LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000);
                case "io.debezium.time.MicroTime" -> LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000);
                case "io.debezium.time.NanoTime" -> LocalTime.ofNanoOfDay(((Number) value).longValue());
                case "io.debezium.time.Timestamp" -> LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) value).longValue(), 1000),
                        (int) Math.floorMod(((Number) value).longValue(), 1000) * 1_000_000, ZoneOffset.UTC);
                case "io.debezium.time.MicroTimestamp" -> LocalDateTime.ofEpochSecond(
                        Math.floorDiv(((Number) value).longValue(), 1_000_000),
                        (int) Math.floorMod(((Number) value).longValue(), 1_000_000) * 1_000, ZoneOffset.UTC);
                case "io.debezium.time.NanoTimestamp" -> LocalDateTime.ofEpochSecond(
                        Math.floorDiv(((Number) value).longValue(), 1_000_000_000),
                        (int) Math.floorMod(((Number) value).longValue(), 1_000_000_000), ZoneOffset.UTC);
                case "io.debezium.data.VariableScaleDecimal" -> new BigDecimal(
                        new BigInteger(((Struct) value).getBytes("value")), ((Struct) value).getInt32("scale"));
                default -> null;
            };
        } catch (DateTimeException | ClassCastException e) {
            return null; // written as the number it is
        }
    }
}
