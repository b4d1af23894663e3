package io.cdcbundle.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The spellings that make one value read alike on both engines; the lab's checker test runs them on real servers. */
class ValueTextTest {

    @Test
    void numbersCompareByValue() {
        assertEquals("1.5", ValueText.number(new BigDecimal("1.500")));
        assertEquals("0", ValueText.number(new BigDecimal("0.000")));
        assertEquals("1200", ValueText.number(new BigDecimal("1.2E+3")));
    }

    @Test
    void eachEnginesSpellingOfAnInstantReadsAlike() {
        String instant = "2024-01-01T10:00:00.1234";
        assertEquals(instant, ValueText.timestamp("2024-01-01 10:00:00.123400+00"));
        assertEquals(instant, ValueText.timestamp("2024-01-01 10:00:00.1234"));
        assertEquals(instant, ValueText.timestamp("2024-01-01 12:00:00.1234+02"));
        assertEquals(instant, ValueText.timestamp("2024-01-01 04:30:00.1234-05:30"));
        assertEquals("2024-01-01T10:00:00", ValueText.timestamp("2024-01-01 10:00:00.000000"));
        assertEquals("2024-01-01T10:00:00", ValueText.timestamp("2024-01-01 10:00"));
        assertEquals("infinity", ValueText.timestamp("infinity"));
    }

    @Test
    void textsThatDifferAreComparedAsTheValuesTheySpell() {
        Column pgBool = Column.of(Engine.POSTGRES, "b", java.sql.Types.BIT, "bool", 1, 0);
        Column mariaTiny = Column.of(Engine.MARIADB, "b", java.sql.Types.TINYINT, "TINYINT", 3, 0);
        assertEquals(ValueText.canonical("t", pgBool, mariaTiny), ValueText.canonical("1", mariaTiny, pgBool));
        Column real = Column.of(Engine.POSTGRES, "f", java.sql.Types.REAL, "float4", 8, 0);
        Column dbl = Column.of(Engine.MARIADB, "f", java.sql.Types.DOUBLE, "DOUBLE", 22, 0);
        assertEquals(ValueText.canonical("1.1", real, dbl), ValueText.canonical("1.100000023841858", dbl, real));
        Column numeric = Column.of(Engine.POSTGRES, "n", java.sql.Types.NUMERIC, "numeric", 12, 0);
        assertEquals("1.5", ValueText.canonical("1.500", numeric, numeric));
        assertEquals(ValueText.NULL, ValueText.canonical(ValueText.NULL, numeric, numeric));
    }

    @Test
    void timesDropTrailingZerosOfTheirFraction() {
        assertEquals("10:00:00", ValueText.time("10:00:00.000000"));
        assertEquals("10:00:00.12", ValueText.time("10:00:00.120"));
        assertEquals("838:59:59", ValueText.time("838:59:59"));
        assertEquals("09:05:00", ValueText.time("9:05:00"));
    }

    @Test
    void anIntervalIsTheMicrosecondsDebeziumMakesOfIt() {
        assertEquals(String.valueOf(((30L + 2) * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1_000_000 + 500_000),
                ValueText.intervalMicros("1 mon 2 days 03:04:05.5"));
        assertEquals(String.valueOf(-3_600_000_000L), ValueText.intervalMicros("-01:00:00"));
        assertEquals(String.valueOf(365L * 0 + 12 * 30 * 86_400_000_000L), ValueText.intervalMicros("1 year"));
    }

    @Test
    void anIntervalAndTheIntervalTheSinkWroteForItReadAlike() {
        Column interval = Column.of(Engine.POSTGRES, "i", java.sql.Types.OTHER, "interval", 49, 6);
        assertEquals(ValueText.canonical("3 days 04:05:06.5", interval, interval),
                ValueText.canonical("76:05:06.5", interval, interval));
        assertEquals(ValueText.canonical("-00:00:01", interval, interval),
                ValueText.canonical("-00:00:01.000000", interval, interval));
    }

    @Test
    void bitsCompareAsTheNumberTheySpell() {
        Column varbit = Column.of(Engine.POSTGRES, "b", java.sql.Types.OTHER, "varbit", 16, 0);
        Column bit16 = Column.of(Engine.POSTGRES, "b", java.sql.Types.OTHER, "bit", 16, 0);
        assertEquals(ValueText.canonical("101", varbit, bit16), ValueText.canonical("0000000000000101", bit16, varbit));
        assertEquals("0", ValueText.canonical("0000000000000000", bit16, varbit));
        assertEquals("0", ValueText.canonical("0", varbit, bit16));
    }

    @Test
    void aTimeWithATimeZoneIsItsUtcTimeOfDay() {
        assertEquals("08:11:12.5", ValueText.time("10:11:12.5+02"));
        assertEquals("08:11:12.5", ValueText.time("08:11:12.500000+00"));
        assertEquals("23:30:00", ValueText.time("01:00:00+01:30"));
        assertEquals("00:00:00", ValueText.time("00:00:00Z"));
    }

    @Test
    void anArrayAndTheJsonWrittenForItReadAlike() {
        String array = Json.compact(Json.of(new Object[] {1, null, new BigDecimal("2.50"), "a \"b\"", new Object[] {true}}));
        assertEquals(array, Json.compact("[1, null, 2.5, \"a \\\"b\\\"\", [true]]"));
        assertEquals("[1,null,2.5,\"a \\\"b\\\"\",[true]]", array);
        assertEquals("plain text", Json.compact("plain text"));
    }

    @Test
    void aKeyPositionSurvivesItsOffsetForm() {
        List<Object> key = Arrays.asList(42L, "a:b", null, "");
        Position p = new Position(3, TableCheck.Phase.TARGET, key, 0);
        Position back = Position.of(p.offset());
        assertEquals(List.of("42", "a:b"), back.after().subList(0, 2));
        assertEquals(null, back.after().get(2));
        assertEquals("", back.after().get(3));
        assertEquals(TableCheck.Phase.TARGET, back.phase());
        assertEquals(null, Position.encode(List.of(new byte[] {1})), "a key of bytes starts its phase over");
    }
}
