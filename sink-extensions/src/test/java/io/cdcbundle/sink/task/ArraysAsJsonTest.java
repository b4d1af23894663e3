package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ArraysAsJsonTest {

    private static final Schema ROW = SchemaBuilder.struct().name("server.db.t.Value")
            .field("id", Schema.INT32_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("n", SchemaBuilder.int32().optional().defaultValue(42).build())
            .optional().build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("server.db.t.Envelope")
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();

    private final ArraysAsJson arrays = new ArraysAsJson();

    @Test
    void arrayColumnsOfAChangeEventBecomeJsonTextKeepingNullsAndDefaultsApart() {
        Struct after = new Struct(ROW).put("id", 1).put("tags", Arrays.asList("a", null, "with \"quote\"", ""));
        SinkRecord record = new SinkRecord("t", 0, null, null, ENVELOPE,
                new Struct(ENVELOPE).put("after", after).put("op", "c"), 7);
        SinkRecord out = arrays.apply(record);
        Struct row = ((Struct) out.value()).getStruct("after");
        assertEquals(ArraysAsJson.JSON, row.schema().field("tags").schema().name());
        assertEquals("[\"a\",null,\"with \\\"quote\\\"\",\"\"]", row.get("tags"));
        assertNull(row.getWithoutDefault("n"), "a NULL stays NULL, not the column default");
        assertNull(((Struct) out.value()).get("before"));
        assertEquals(7, out.kafkaOffset());
    }

    @Test
    void recordsWithoutArraysPassAsTheyAre() {
        Schema plain = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        SinkRecord record = new SinkRecord("t", 0, null, null, plain, new Struct(plain).put("id", 1), 0);
        assertSame(record, arrays.apply(record));
        List<SinkRecord> batch = List.of(record);
        assertSame(batch, arrays.apply(batch));
    }

    @Test
    void elementsOfEveryKindAreJson() {
        Schema decimals = SchemaBuilder.array(Decimal.builder(2).optional().build()).build();
        assertEquals("[1.50,null,-3.00]", JsonText.of(decimals, Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-3.00"))));
        assertEquals("[[1,2],[]]", JsonText.of(SchemaBuilder.array(SchemaBuilder.array(Schema.INT32_SCHEMA).build()).build(),
                List.of(List.of(1, 2), List.of())));
        assertEquals("[\"NaN\",1.5]", JsonText.of(SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build(), List.of(Double.NaN, 1.5)));
        assertEquals("[\"AAE=\"]", JsonText.of(SchemaBuilder.array(Schema.BYTES_SCHEMA).build(), List.of(new byte[] {0, 1})));
        assertEquals("[\"\\u0001\\n\"]", JsonText.of(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("\u0001\n")));
    }

    @Test
    void debeziumsDatesTimesAndVariableDecimalsAreWrittenAsWhatTheyStandFor() {
        Schema dates = SchemaBuilder.array(SchemaBuilder.int32().name("io.debezium.time.Date").optional().build()).build();
        assertEquals("[\"2024-02-29\",\"1970-01-01\",null]", JsonText.of(dates, Arrays.asList(19782, 0, null)));
        Schema micros = SchemaBuilder.array(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build()).build();
        assertEquals("[\"1969-12-31T23:59:59.500\"]", JsonText.of(micros, List.of(-500_000L)));
        Schema times = SchemaBuilder.array(SchemaBuilder.int64().name("io.debezium.time.MicroTime").build()).build();
        assertEquals("[\"12:00\",90000000000]", JsonText.of(times, List.of(43_200_000_000L, 90_000_000_000L)),
                "a duration past a day stays the number it is");
        Schema variable = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        Struct value = new Struct(variable).put("scale", 3).put("value", new java.math.BigInteger("-1234567").toByteArray());
        assertEquals("[-1234.567]", JsonText.of(SchemaBuilder.array(variable).build(), List.of(value)));
    }

    @Test
    void onlyTargetsWithoutArraysNeedIt() {
        assertFalse(ArraysAsJson.neededFor("jdbc:postgresql://h/db"));
        assertTrue(ArraysAsJson.neededFor("jdbc:mariadb://h/db"));
        assertTrue(ArraysAsJson.neededFor("jdbc:mysql://h/db"));
    }
}
