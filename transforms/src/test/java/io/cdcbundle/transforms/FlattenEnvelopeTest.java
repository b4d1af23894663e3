package io.cdcbundle.transforms;

import static io.cdcbundle.transforms.ChangeEvents.Shape.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cdcbundle.transforms.ChangeEvents.Shape;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlattenEnvelopeTest {

    private final FlattenEnvelope<SinkRecord> xform = new FlattenEnvelope<>();

    @AfterEach
    void close() {
        xform.close();
    }

    private FlattenEnvelope<SinkRecord> configure(String... keyValues) {
        xform.configure(TransformTesting.props(keyValues));
        return xform;
    }

    static List<Arguments> shapesAndDeleteModes() {
        List<Arguments> args = new java.util.ArrayList<>();
        for (Shape shape : Shape.values()) {
            for (String mode : List.of("drop", "tombstone", "rewrite", "rewrite-with-tombstone")) {
                args.add(Arguments.of(shape, mode));
            }
        }
        return args;
    }

    @ParameterizedTest(name = "{0}, deletes={1}")
    @MethodSource("shapesAndDeleteModes")
    void createsReadsAndUpdatesBecomeTheAfterRow(Shape shape, String mode) {
        configure(FlattenEnvelope.DELETE_HANDLING_CONFIG, mode);
        for (String op : List.of("c", "r", "u")) {
            SinkRecord out = xform.apply(shape.event(op, op.equals("u") ? 1 : null, 1));
            assertEquals(1, column(out, "id"), op);
            assertEquals("a1", column(out, "name"), op);
            assertEquals(mode.startsWith("rewrite") ? "false" : "<absent>", column(out, "__deleted"), op);
            assertEquals(ChangeEvents.TOPIC, out.topic());
            assertEquals(1, ((Struct) out.key()).get("id"));
            assertEquals(shape == Shape.STRUCT, out.valueSchema() != null);
        }
    }

    @ParameterizedTest(name = "{0}, deletes={1}")
    @MethodSource("shapesAndDeleteModes")
    void deletesFollowTheDeleteHandlingMode(Shape shape, String mode) {
        configure(FlattenEnvelope.DELETE_HANDLING_CONFIG, mode);
        SinkRecord out = xform.apply(shape.event("d", 4, null));
        switch (mode) {
            case "drop" -> assertNull(out);
            case "tombstone" -> {
                assertNull(out.value(), "a tombstone, which the JDBC sink applies as a delete");
                assertEquals(1, ((Struct) out.key()).get("id"), "the key says which row to delete");
            }
            default -> {
                assertEquals(4, column(out, "id"));
                assertEquals("b4", column(out, "name"));
                assertEquals("true", column(out, "__deleted"));
            }
        }
    }

    @Test
    void defaultTurnsDeletesIntoTombstonesSoTheJdbcSinkDeletes() {
        configure();
        for (Shape shape : Shape.values()) {
            SinkRecord out = xform.apply(shape.event("d", 4, null));
            assertNotNull(out, shape.name());
            assertNull(out.value(), shape.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop", "tombstone", "rewrite", "rewrite-with-tombstone"})
    void sourceTombstonesAreKeptByDefault(String mode) {
        configure(FlattenEnvelope.DELETE_HANDLING_CONFIG, mode);
        SinkRecord tombstone = ChangeEvents.record(null, null);
        assertSame(tombstone, xform.apply(tombstone));
    }

    @Test
    void sourceTombstonesCanBeDropped() {
        configure(FlattenEnvelope.TOMBSTONE_HANDLING_CONFIG, "drop");
        assertNull(xform.apply(ChangeEvents.record(null, null)));
        assertNull(xform.apply(ChangeEvents.record(ChangeEvents.ENVELOPE, null)));
    }

    @Test
    void rewriteWithTombstoneRefusesToDropTombstones() {
        ConfigException e = assertThrows(ConfigException.class, () -> configure(
                FlattenEnvelope.DELETE_HANDLING_CONFIG, "rewrite-with-tombstone",
                FlattenEnvelope.TOMBSTONE_HANDLING_CONFIG, "drop"));
        assertTrue(e.getMessage().contains(FlattenEnvelope.TOMBSTONE_HANDLING_CONFIG), e.getMessage());
    }

    @Test
    void anUntouchedRowIsPassedOnWithoutACopy() {
        configure();
        SinkRecord in = Shape.STRUCT.event("c", null, 1);
        Struct after = ((Struct) in.value()).getStruct("after");
        SinkRecord out = xform.apply(in);
        assertSame(after, out.value());
        assertSame(ChangeEvents.ROW, out.valueSchema());
    }

    /** Struct.get(Field) would turn an explicit NULL into the column default; the row must keep the NULL. */
    @Test
    void anExplicitNullStaysNullInACopiedRow() {
        configure(FlattenEnvelope.ADD_FIELDS_CONFIG, "op");
        Struct after = ChangeEvents.row(1, null);
        SinkRecord out = xform.apply(ChangeEvents.record(ChangeEvents.ENVELOPE, ChangeEvents.envelope("c", null, after)));
        assertNull(((Struct) out.value()).getWithoutDefault("name"));
    }

    /** Output rows, whatever the options, satisfy the output schema. */
    @Test
    void copiedRowsAreValidAgainstTheirSchema() {
        for (String[] config : List.of(new String[] {FlattenEnvelope.ADD_FIELDS_CONFIG, "op,ts_ms,source.ts_ms,source.lsn"},
                new String[] {FlattenEnvelope.DELETE_HANDLING_CONFIG, "rewrite"},
                new String[] {FlattenEnvelope.COLUMNS_RENAME_CONFIG, "name:label", FlattenEnvelope.ADD_FIELDS_CONFIG, "op"})) {
            configure(config);
            for (String op : List.of("c", "u", "d")) {
                SinkRecord out = xform.apply(Shape.STRUCT.event(op, op.equals("c") ? null : 3, op.equals("d") ? null : 3));
                if (out.value() != null) {
                    ((Struct) out.value()).validate();
                    assertEquals(3, ((Struct) out.value()).get("id"));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void addsMetadataFieldsMissingOnesAsNull(Shape shape) {
        configure(FlattenEnvelope.ADD_FIELDS_CONFIG, "op,ts_ms,source.table,source.ts_ms:event_ts,source.lsn");
        SinkRecord out = xform.apply(shape.event("u", 1, 1));
        assertEquals("u", column(out, "__op"));
        assertEquals(1700000000123L, column(out, "__ts_ms"));
        assertEquals("t", column(out, "__source_table"));
        assertEquals(1700000000000L, column(out, "__event_ts"));
        assertNull(column(out, "__source_lsn"), "a MariaDB envelope has no lsn");
        if (shape == Shape.STRUCT) {
            Schema schema = out.valueSchema();
            assertTrue(schema.field("__source_lsn").schema().isOptional());
            assertEquals(Schema.Type.INT64, schema.field("__event_ts").schema().type());
            assertEquals(List.of("id", "name", "__op", "__ts_ms", "__source_table", "__event_ts", "__source_lsn"),
                    schema.fields().stream().map(org.apache.kafka.connect.data.Field::name).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void addsMetadataHeadersAlsoToDeleteTombstones(Shape shape) {
        configure(FlattenEnvelope.ADD_HEADERS_CONFIG, "op,source.db", FlattenEnvelope.ADD_HEADERS_PREFIX_CONFIG, "cdc_");
        SinkRecord created = xform.apply(shape.event("c", null, 1));
        assertEquals("c", created.headers().lastWithName("cdc_op").value());
        assertEquals("db", created.headers().lastWithName("cdc_source_db").value());
        SinkRecord deleted = xform.apply(shape.event("d", 1, null));
        assertNull(deleted.value());
        Header op = deleted.headers().lastWithName("cdc_op");
        assertEquals("d", op.value());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void selectsAndRenamesColumns(Shape shape) {
        configure(FlattenEnvelope.COLUMNS_EXCLUDE_CONFIG, "name", FlattenEnvelope.COLUMNS_RENAME_CONFIG, "id:row_id");
        SinkRecord out = xform.apply(shape.event("c", null, 7));
        assertEquals(7, column(out, "row_id"));
        assertEquals("<absent>", column(out, "id"));
        assertEquals("<absent>", column(out, "name"));

        xform.configure(Map.of(FlattenEnvelope.COLUMNS_INCLUDE_CONFIG, "name"));
        out = xform.apply(shape.event("c", null, 7));
        assertEquals("a7", column(out, "name"));
        assertEquals("<absent>", column(out, "id"));
    }

    @Test
    void flattensNestedStructsAndMaps() {
        Schema address = SchemaBuilder.struct().optional().field("city", Schema.STRING_SCHEMA).build();
        Schema row = SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA).field("address", address).build();
        Schema envelope = SchemaBuilder.struct().name("x.Envelope").field("before", row).field("after", row)
                .field("op", Schema.STRING_SCHEMA).build();
        Struct after = new Struct(row).put("id", 1).put("address", new Struct(address).put("city", "Seoul"));
        configure(FlattenEnvelope.FLATTEN_NESTED_CONFIG, "true");

        SinkRecord out = xform.apply(ChangeEvents.record(envelope,
                new Struct(envelope).put("after", after).put("op", "c")));
        assertEquals("Seoul", ((Struct) out.value()).get("address_city"));
        assertTrue(out.valueSchema().field("address_city").schema().isOptional(), "under an optional parent");

        Struct noAddress = new Struct(row).put("id", 2);
        out = xform.apply(ChangeEvents.record(envelope, new Struct(envelope).put("after", noAddress).put("op", "c")));
        assertNull(((Struct) out.value()).get("address_city"));

        Map<String, Object> mapRow = new HashMap<>(Map.of("id", 1, "address", Map.of("city", "Seoul")));
        out = xform.apply(ChangeEvents.record(null, new HashMap<>(Map.of("op", "c", "after", mapRow))));
        assertEquals(Map.of("id", 1, "address_city", "Seoul"), out.value());
    }

    @Test
    void neverModifiesTheInputMaps() {
        configure(FlattenEnvelope.ADD_FIELDS_CONFIG, "op", FlattenEnvelope.COLUMNS_RENAME_CONFIG, "id:row_id");
        SinkRecord in = Shape.MAP.event("c", null, 1);
        Map<?, ?> after = (Map<?, ?>) ((Map<?, ?>) in.value()).get("after");
        xform.apply(in);
        assertEquals(ChangeEvents.rowMap(1, "a1"), after);
    }

    static List<SinkRecord> nonRowRecords() {
        Schema heartbeat = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        Schema schemaChange = SchemaBuilder.struct().name("io.debezium.connector.mariadb.SchemaChangeValue")
                .field("source", ChangeEvents.SOURCE).field("ts_ms", Schema.INT64_SCHEMA)
                .field("databaseName", Schema.OPTIONAL_STRING_SCHEMA).field("ddl", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema transaction = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
                .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).build();
        Schema message = SchemaBuilder.struct().name("io.debezium.connector.postgresql.MessageValue")
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("message", SchemaBuilder.struct().field("prefix", Schema.STRING_SCHEMA).build()).build();
        return List.of(
                ChangeEvents.record(heartbeat, new Struct(heartbeat).put("ts_ms", 1L)),
                ChangeEvents.record(schemaChange, new Struct(schemaChange).put("source", ChangeEvents.source())
                        .put("ts_ms", 1L).put("ddl", "CREATE TABLE t (id INT)")),
                ChangeEvents.record(transaction, new Struct(transaction).put("status", "BEGIN").put("id", "1:2")),
                ChangeEvents.record(message, new Struct(message).put("op", "m")
                        .put("message", new Struct(message.field("message").schema()).put("prefix", "p"))),
                ChangeEvents.record(ChangeEvents.ENVELOPE, ChangeEvents.envelope("t", null, null)),
                ChangeEvents.record(null, new HashMap<>(Map.of("ts_ms", 1L))),
                ChangeEvents.record(null, new HashMap<>(Map.of("op", "t", "source", ChangeEvents.sourceMap()))),
                ChangeEvents.record(null, new HashMap<>(Map.of("status", "END", "id", "1:2"))));
    }

    @ParameterizedTest
    @MethodSource("nonRowRecords")
    void recordsThatAreNotRowChangesPassThroughByDefault(SinkRecord record) {
        configure(FlattenEnvelope.ADD_FIELDS_CONFIG, "op,source.table");
        assertSame(record, xform.apply(record));
    }

    @ParameterizedTest
    @MethodSource("nonRowRecords")
    void recordsThatAreNotRowChangesCanBeDropped(SinkRecord record) {
        configure(FlattenEnvelope.NON_ROW_HANDLING_CONFIG, "drop");
        assertNull(xform.apply(record));
    }

    static List<Arguments> malformedRecords() {
        Schema badAfter = SchemaBuilder.struct().name("x.Envelope").field("before", Schema.OPTIONAL_STRING_SCHEMA)
                .field("after", Schema.OPTIONAL_STRING_SCHEMA).field("op", Schema.STRING_SCHEMA).build();
        Schema noOp = SchemaBuilder.struct().name("x.Envelope").field("before", ChangeEvents.ROW)
                .field("after", ChangeEvents.ROW).build();
        Schema optionalOp = SchemaBuilder.struct().name("x.Envelope").field("before", ChangeEvents.ROW)
                .field("after", ChangeEvents.ROW).field("op", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema otherRow = SchemaBuilder.struct().name("other").optional().field("x", Schema.INT32_SCHEMA).build();
        return List.of(
                Arguments.of("op missing (Struct)", ChangeEvents.record(optionalOp,
                        new Struct(optionalOp).put("after", ChangeEvents.row(1, "a"))), "no 'op'"),
                Arguments.of("no op field (Struct)", ChangeEvents.record(noOp,
                        new Struct(noOp).put("after", ChangeEvents.row(1, "a"))), "no 'op'"),
                Arguments.of("op missing (Map)", ChangeEvents.record(null,
                        new HashMap<>(Map.of("after", ChangeEvents.rowMap(1, "a")))), "no 'op'"),
                Arguments.of("op not a string (Map)", ChangeEvents.record(null,
                        new HashMap<>(Map.of("op", 1, "after", ChangeEvents.rowMap(1, "a")))), "not a string"),
                Arguments.of("unknown op", Shape.STRUCT.event("x", null, 1), "unknown op 'x'"),
                Arguments.of("unknown op (Map)", Shape.MAP.event("upd", null, 1), "unknown op 'upd'"),
                Arguments.of("after of the wrong type (Struct)", ChangeEvents.record(badAfter,
                        new Struct(badAfter).put("after", "row").put("op", "c")), "'after' is of type STRING"),
                Arguments.of("after of the wrong type (Map)", ChangeEvents.record(null,
                        new HashMap<>(Map.of("op", "c", "after", List.of(1, 2)))), "not a map"),
                Arguments.of("create without after", Shape.STRUCT.event("c", null, null), "without 'after'"),
                Arguments.of("create without after (Map)", Shape.MAP.event("c", null, null), "without 'after'"),
                Arguments.of("schema does not match value", ChangeEvents.record(otherRow,
                        ChangeEvents.envelope("c", null, ChangeEvents.row(1, "a"))), "does not match"),
                Arguments.of("struct without schema", ChangeEvents.record(null,
                        ChangeEvents.envelope("c", null, ChangeEvents.row(1, "a"))), "no value schema"),
                Arguments.of("neither Struct nor Map", ChangeEvents.record(null, "{\"op\":\"c\"}"), "got a String"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void malformedEventsFailWithADataExceptionNamingTheRecord(String why, SinkRecord record, String message) {
        configure();
        DataException e = assertThrows(DataException.class, () -> xform.apply(record));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("topic=srv.db.t, partition=0, offset=42"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aRewrittenDeleteWithoutBeforeIsMalformed(Shape shape) {
        configure(FlattenEnvelope.DELETE_HANDLING_CONFIG, "rewrite");
        DataException e = assertThrows(DataException.class, () -> xform.apply(shape.event("d", null, null)));
        assertTrue(e.getMessage().contains("without 'before'"), e.getMessage());
    }

    @Test
    void rejectsBadConfigurationNamingTheProperty() {
        assertConfigError(FlattenEnvelope.DELETE_HANDLING_CONFIG, FlattenEnvelope.DELETE_HANDLING_CONFIG, "rewrit");
        assertConfigError(FlattenEnvelope.ADD_FIELDS_CONFIG, FlattenEnvelope.ADD_FIELDS_CONFIG, "op,table");
        assertConfigError(FlattenEnvelope.ADD_FIELDS_CONFIG, FlattenEnvelope.ADD_FIELDS_CONFIG, "source.ts_ms:");
        assertConfigError(FlattenEnvelope.ADD_FIELDS_CONFIG, FlattenEnvelope.ADD_FIELDS_CONFIG, "op,op");
        assertConfigError(FlattenEnvelope.COLUMNS_RENAME_CONFIG, FlattenEnvelope.COLUMNS_RENAME_CONFIG, "a=b");
        assertConfigError(FlattenEnvelope.COLUMNS_INCLUDE_CONFIG, FlattenEnvelope.COLUMNS_INCLUDE_CONFIG, "a",
                FlattenEnvelope.COLUMNS_EXCLUDE_CONFIG, "b");
        assertConfigError(FlattenEnvelope.SCHEMA_CACHE_SIZE_CONFIG, FlattenEnvelope.SCHEMA_CACHE_SIZE_CONFIG, "0");
    }

    private void assertConfigError(String expectedProperty, String... keyValues) {
        TransformTesting.assertConfigError(xform, expectedProperty, keyValues);
    }

    @Test
    void everyOptionIsDocumented() {
        TransformTesting.assertEveryOptionDocumented(xform);
    }

    @Test
    void keepsOnePlanPerEnvelopeSchemaWithinItsBound() {
        IdentityCache<Object, Integer> cache = new IdentityCache<>(4);
        int[] computed = {0};
        Object a = new Object();
        assertEquals(1, cache.computeIfAbsent(a, k -> ++computed[0]));
        assertEquals(1, cache.computeIfAbsent(a, k -> ++computed[0]));
        for (int i = 0; i < 1000; i++) {
            cache.computeIfAbsent(new Object(), k -> ++computed[0]);
        }
        assertEquals(1001, computed[0]);
        assertEquals(8, cache.capacity());
    }

    /** add.fields, add.headers and columns.rename are parsed by ConfigDef, so that REST validation names them. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "add.fields|op,source.table,ts|expected one of",
        "add.fields|op,op|adds 'op' twice",
        "add.fields|source.ts_ms:|the name after ':' is empty",
        "add.headers|source|expected one of",
        "columns.rename|a:b:c|expected old:new pairs",
        "columns.rename|a:b,a:c|renames 'a' twice"})
    void aBadOptionIsAnErrorOnItsPropertyAtValidation(String property, String value, String says) {
        ConfigDefErrors.assertErrorOn(FlattenEnvelope.CONFIG_DEF, property, value, says);
    }

    /**
     * A schemaless row never has a column overwritten by an added, renamed, flattened or delete-flag field: the record
     * is refused naming it, as the Struct path refuses such a schema.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "add.fields=op:name;add.fields.prefix=|the added field 'name'",
        "delete.handling.mode=rewrite;delete.flag.field=id|the delete flag field 'id'",
        "columns.rename=id:name|the column 'name'"})
    void aColumnOfASchemalessRowIsNeverOverwritten(String settings, String says) {
        Map<String, String> config = new HashMap<>();
        for (String setting : settings.split(";")) {
            String[] kv = setting.split("=", 2);
            config.put(kv[0], kv[1]);
        }
        FlattenEnvelope<SinkRecord> xform = new FlattenEnvelope<>();
        xform.configure(config);
        SinkRecord record = ChangeEvents.record(null, ChangeEvents.envelopeMap("c", null, ChangeEvents.rowMap(42, "x")));
        org.apache.kafka.connect.errors.DataException e = assertThrows(org.apache.kafka.connect.errors.DataException.class,
                () -> xform.apply(record));
        assertTrue(e.getMessage().contains(says) && e.getMessage().contains("offset="), e.getMessage());
    }

    /**
     * With added fields and the columns as they are, the schemaless row is not copied: the output reads as the row
     * followed by the fields (order included), and a transform after ours that writes into it changes its own copy,
     * never the input row.
     */
    @Test
    void aSchemalessRowWithAddedFieldsReadsAsACopyAndLeavesTheInputAlone() {
        FlattenEnvelope<SinkRecord> xform = new FlattenEnvelope<>();
        xform.configure(Map.of("add.fields", "op,source.table", "delete.handling.mode", "rewrite"));
        Map<String, Object> row = ChangeEvents.rowMap(42, "x");
        Map<String, Object> before = new java.util.LinkedHashMap<>(row);
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) xform.apply(ChangeEvents.record(null,
                ChangeEvents.envelopeMap("c", null, row))).value();

        Map<String, Object> expected = new java.util.LinkedHashMap<>(row);
        expected.put("__op", "c");
        expected.put("__source_table", out.get("__source_table"));
        expected.put("__deleted", "false");
        assertEquals(expected, out);
        assertEquals(expected.hashCode(), out.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(out.keySet()));
        assertEquals(expected.size(), out.size());
        assertTrue(out.containsKey("__op") && out.containsKey("id") && !out.containsKey("nope"));

        out.put("extra", 1);
        out.remove("id");
        assertEquals(before, row, "the input row is never changed");
        assertTrue(out.containsKey("extra") && !out.containsKey("id") && out.containsKey("__op"));
    }
}
