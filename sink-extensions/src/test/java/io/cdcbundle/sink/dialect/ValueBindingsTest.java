package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ValueBindingsTest {

    private static final ValueBindings POSTGRES = new ValueBindings(TargetServer.POSTGRES);
    private static final ValueBindings MARIADB = new ValueBindings(TargetServer.MARIADB);

    private static Schema bits(int length) {
        return SchemaBuilder.bytes().name(ValueBindings.BITS).parameter("length", String.valueOf(length)).optional().build();
    }

    private static Object bound(ValueBindings bindings, Schema schema, Object value) {
        return bindings.bind(schema, 1, value).orElseThrow().get(0).getValue();
    }

    @Test
    void bitsReachPostgresAsABitStringOfTheDeclaredLength() {
        assertEquals("10100101", bound(POSTGRES, bits(8), new byte[] {(byte) 0xA5}));
        assertEquals("00000000", bound(POSTGRES, bits(8), new byte[0]));
        // little-endian: 0x0102 arrives as {0x02, 0x01}
        assertEquals("0000000100000010", bound(POSTGRES, bits(16), new byte[] {0x02, 0x01}));
        assertEquals("0000000100000000", bound(POSTGRES, bits(16), new byte[] {0x00, 0x01}));
        assertEquals("1".repeat(64), bound(POSTGRES, bits(64), new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}));
    }

    @Test
    void bitsReachMariaDbAsBigEndianBytesOfTheDeclaredLength() {
        assertArrayEquals(new byte[] {(byte) 0xA5}, (byte[]) bound(MARIADB, bits(8), new byte[] {(byte) 0xA5}));
        assertArrayEquals(new byte[] {0x01, 0x02}, (byte[]) bound(MARIADB, bits(16), new byte[] {0x02, 0x01}));
        assertArrayEquals(new byte[] {0x00, 0x05}, (byte[]) bound(MARIADB, bits(12), new byte[] {0x05}));
        assertArrayEquals(new byte[] {0x00}, (byte[]) bound(MARIADB, bits(1 + 7), new byte[0]));
    }

    @Test
    void aBitValueWiderThanItsDeclaredLengthIsADataException() {
        DataException e = assertThrows(DataException.class, () -> POSTGRES.bind(bits(4), 1, new byte[] {(byte) 0xFF}));
        assertTrue(e.getMessage().contains("BIT(4)"), e.getMessage());
    }

    @Test
    void timesOutsideADayReachMariaDbAsDurationText() {
        Schema micro = SchemaBuilder.int64().name("io.debezium.time.MicroTime").build();
        long max = ((838L * 3600) + 59 * 60 + 59) * 1_000_000;
        assertEquals("838:59:59.000000", bound(MARIADB, micro, max));
        assertEquals("-838:59:59.000000", bound(MARIADB, micro, -max));
        assertEquals("-0:00:00.500000", bound(MARIADB, micro, -500_000L));
        assertEquals("24:00:00.001000", bound(MARIADB, SchemaBuilder.int32().name("io.debezium.time.Time").build(), 86_400_001));
        // within a day, Debezium's own binding stays
        assertTrue(MARIADB.bind(micro, 1, 3_600_000_000L).isEmpty());
        assertTrue(POSTGRES.bind(micro, 1, max).isEmpty());
    }

    @Test
    void intervalsKeepTheirFractionOfASecondOnPostgres() {
        Schema duration = SchemaBuilder.int64().name("io.debezium.time.MicroDuration").build();
        assertEquals("273906.500000 seconds", bound(POSTGRES, duration, 273_906_500_000L));
        assertEquals("-1.000000 seconds", bound(POSTGRES, duration, -1_000_000L));
        assertTrue(MARIADB.bind(duration, 1, 1L).isEmpty());
    }

    @Test
    void postgresInfinityTimestampsStayInfinity() {
        Schema micro = SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
        assertEquals(new Timestamp(ValueBindings.PG_POSITIVE_INFINITY), bound(POSTGRES, micro, ValueBindings.PG_POSITIVE_INFINITY));
        assertEquals(new Timestamp(ValueBindings.PG_NEGATIVE_INFINITY), bound(POSTGRES, micro, ValueBindings.PG_NEGATIVE_INFINITY));
        assertTrue(POSTGRES.bind(micro, 1, 0L).isEmpty());
        Schema date = SchemaBuilder.int32().name("io.debezium.time.Date").build();
        assertEquals(new java.sql.Date(ValueBindings.PG_POSITIVE_INFINITY),
                bound(POSTGRES, date, (int) ValueBindings.PG_POSITIVE_INFINITY_DAYS));
        assertEquals(new java.sql.Date(ValueBindings.PG_NEGATIVE_INFINITY),
                bound(POSTGRES, date, (int) ValueBindings.PG_NEGATIVE_INFINITY_DAYS));
        assertTrue(POSTGRES.bind(date, 1, 19782).isEmpty());
    }

    @Test
    void arrayElementTypesAreNamedAsPgJdbcFindsThem() {
        assertEquals("numeric", ValueBindings.arrayTypeName("decimal(10,2)"));
        assertEquals("varchar", ValueBindings.arrayTypeName("varchar(10)"));
        assertEquals("timestamp without time zone", ValueBindings.arrayTypeName("timestamp(6) without time zone"));
        Schema decimals = SchemaBuilder.array(org.apache.kafka.connect.data.Decimal.schema(2)).build();
        var bound = ValueBindings.postgresArrays(decimals, java.util.List.of(new io.debezium.sink.valuebinding.ValueBindDescriptor(
                3, java.util.List.of(java.math.BigDecimal.ONE), java.sql.Types.ARRAY, "decimal(10,2)")));
        assertEquals("numeric", bound.get(0).getElementTypeName());
        assertEquals(3, bound.get(0).getIndex());
        assertEquals(java.util.List.of(java.math.BigDecimal.ONE), bound.get(0).getValue());
        Schema dates = SchemaBuilder.array(SchemaBuilder.int32().name("io.debezium.time.Date").optional().build()).build();
        var days = ValueBindings.postgresArrays(dates, java.util.List.of(new io.debezium.sink.valuebinding.ValueBindDescriptor(
                1, java.util.Arrays.asList(19782, null), java.sql.Types.ARRAY, "date")));
        assertEquals(java.util.Arrays.asList("2024-02-29", null), days.get(0).getValue());
        var plain = java.util.List.of(new io.debezium.sink.valuebinding.ValueBindDescriptor(1, "x"));
        assertTrue(plain == ValueBindings.postgresArrays(Schema.STRING_SCHEMA, plain));
    }

    @Test
    void nullsAndUnnamedSchemasAreLeftToDebezium() {
        assertTrue(POSTGRES.bind(bits(8), 1, null).isEmpty());
        assertTrue(POSTGRES.bind(Schema.INT64_SCHEMA, 1, 5L).isEmpty());
    }
}
