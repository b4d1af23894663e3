package io.cdcbundle.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cdcbundle.transforms.ChangeEvents.Shape;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RouteByTableTest {

    private final RouteByTable<SinkRecord> xform = new RouteByTable<>();

    private RouteByTable<SinkRecord> configure(String... keyValues) {
        xform.configure(TransformTesting.props(keyValues));
        return xform;
    }

    /** A change event of {@code db.table} on a topic that does not say which table, to see where names come from. */
    private static SinkRecord eventOf(Shape shape, String db, String table, String topic) {
        SinkRecord r = shape.event("c", null, 1);
        Object value = r.value();
        if (value instanceof Struct s) {
            s.getStruct("source").put("db", db).put("table", table);
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> envelope = (Map<String, Object>) (((Map<?, ?>) value).containsKey("payload")
                    ? ((Map<?, ?>) value).get("payload") : value);
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) envelope.get("source");
            source.put("db", db);
            source.put("table", table);
        }
        return r.newRecord(topic, 0, r.keySchema(), r.key(), r.valueSchema(), r.value(), null);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void namesFromTheEnvelopeSourceBlock(Shape shape) {
        configure(RouteByTable.TABLE_FORMAT_CONFIG, "${db}_${table}");
        assertEquals("shop_orders", xform.apply(eventOf(shape, "shop", "orders", "renamed")).topic());
    }

    @Test
    void namesFromFlattenEnvelopeFieldsAndHeaders() {
        FlattenEnvelope<SinkRecord> flatten = new FlattenEnvelope<>();
        flatten.configure(Map.of(FlattenEnvelope.ADD_FIELDS_CONFIG, "source.db,source.table",
                FlattenEnvelope.ADD_HEADERS_CONFIG, "source.db,source.table"));
        configure(RouteByTable.TABLE_FORMAT_CONFIG, "${db}_${table}");
        for (Shape shape : Shape.values()) {
            SinkRecord flat = flatten.apply(eventOf(shape, "shop", "orders", "renamed"));
            assertEquals("shop_orders", xform.apply(flat).topic(), shape + " row");
            SinkRecord tombstone = flatten.apply(shape.event("d", 1, null)).newRecord("renamed", 0, null, null, null, null, null);
            assertEquals("db_t", xform.apply(flatten.apply(shape.event("d", 1, null))).topic(), shape + " tombstone");
            assertEquals("renamed", tombstone.topic());
        }
    }

    @Test
    void tombstonesWithoutMetadataAreNamedFromTheDebeziumTopic() {
        configure(RouteByTable.TABLE_FORMAT_CONFIG, "${schema}.${table}");
        SinkRecord tombstone = new SinkRecord("pg.public.orders", 0, null, Map.of("id", 1), null, null, 7);
        assertEquals("public.orders", xform.apply(tombstone).topic());
        // Inserts and deletes of one table must land in the same place.
        assertEquals(xform.apply(eventOf(Shape.STRUCT, "public", "orders", "x")).topic(), xform.apply(tombstone).topic());
    }

    @Test
    void aRecordThatNamesNoTableIsMalformed() {
        configure();
        SinkRecord bare = new SinkRecord("plain", 3, null, null, null, "text", 99);
        DataException e = assertThrows(DataException.class, () -> xform.apply(bare));
        assertTrue(e.getMessage().contains("topic=plain, partition=3, offset=99"), e.getMessage());
    }

    @Test
    void explicitMappingWinsQualifiedKeysFirst() {
        configure(RouteByTable.TABLE_MAPPING_CONFIG, "orders:all_orders,shop.orders:shop_orders",
                RouteByTable.TABLE_CASE_CONFIG, "upper");
        assertEquals("shop_orders", xform.apply(eventOf(Shape.STRUCT, "shop", "orders", "x")).topic());
        assertEquals("all_orders", xform.apply(eventOf(Shape.STRUCT, "other", "orders", "x")).topic());
        assertEquals("ITEMS", xform.apply(eventOf(Shape.STRUCT, "shop", "items", "x")).topic());
    }

    @Test
    void mergesShardsWithARegexRename() {
        configure(RouteByTable.TABLE_REGEX_CONFIG, "(.*)_[0-9]+", RouteByTable.TABLE_REPLACEMENT_CONFIG, "$1");
        assertEquals("orders", xform.apply(eventOf(Shape.MAP, "shop", "orders_0", "x")).topic());
        assertEquals("orders", xform.apply(eventOf(Shape.MAP, "shop", "orders_31", "x")).topic());
        assertEquals("customers", xform.apply(eventOf(Shape.MAP, "shop", "customers", "x")).topic());
    }

    @Test
    void caseStylesPrefixAndSuffix() {
        configure(RouteByTable.TABLE_CASE_CONFIG, "snake", RouteByTable.TABLE_PREFIX_CONFIG, "cdc_",
                RouteByTable.TABLE_SUFFIX_CONFIG, "_v1");
        assertEquals("cdc_order_items_v1", xform.apply(eventOf(Shape.STRUCT, "shop", "OrderItems", "x")).topic());
        assertEquals("order_items", TableNamer.snake("orderItems"));
        assertEquals("order_items", TableNamer.snake("order-items"));
        assertEquals("http_request_log", TableNamer.snake("HTTPRequestLog"));
        configure(RouteByTable.TABLE_CASE_CONFIG, "lower");
        assertEquals("orderitems", xform.apply(eventOf(Shape.STRUCT, "shop", "OrderItems", "x")).topic());
    }

    @Test
    void longNamesAreCutWithAStableHashAndNeverCollide() {
        configure(RouteByTable.TABLE_PREFIX_CONFIG, "replica_of_");
        String base = "a_table_name_that_is_far_too_long_for_postgresql_identifiers_of_63_bytes";
        String one = xform.apply(eventOf(Shape.STRUCT, "db", base + "_one", "x")).topic();
        String two = xform.apply(eventOf(Shape.STRUCT, "db", base + "_two", "x")).topic();
        assertTrue(one.getBytes(StandardCharsets.UTF_8).length <= 63, one);
        assertNotEquals(one, two);
        assertTrue(one.matches("replica_of_a_table.*_[0-9a-f]{8}"), one);
        assertEquals(one, new RouteByTable<SinkRecord>() {{
            configure(Map.of(RouteByTable.TABLE_PREFIX_CONFIG, "replica_of_"));
        }}.apply(eventOf(Shape.STRUCT, "db", base + "_one", "x")).topic(), "the same name in every task and restart");

        // Bytes, not characters, and never half a character: Hangul takes 3 bytes each in UTF-8.
        String korean = "주문_내역_테이블".repeat(4);
        String cut = xform.apply(eventOf(Shape.STRUCT, "db", korean, "x")).topic();
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 63, cut);
        assertTrue(cut.startsWith("replica_of_주문"), cut);
    }

    @Test
    void eachIdentifierOfADottedNameIsLimited() {
        configure(RouteByTable.TABLE_FORMAT_CONFIG, "${schema}.${table}", RouteByTable.TABLE_MAX_LENGTH_CONFIG, "20");
        String name = xform.apply(eventOf(Shape.STRUCT, "short", "a_very_long_table_name_indeed", "x")).topic();
        String[] parts = name.split("\\.");
        assertEquals("short", parts[0]);
        assertEquals(20, parts[1].length(), name);
    }

    @Test
    void canRouteToAHeaderInstead() {
        configure(RouteByTable.ROUTE_TO_CONFIG, "header", RouteByTable.ROUTE_HEADER_CONFIG, "target");
        SinkRecord out = xform.apply(eventOf(Shape.STRUCT, "shop", "orders", "srv.shop.orders"));
        assertEquals("srv.shop.orders", out.topic());
        assertEquals("orders", out.headers().lastWithName("target").value());
    }

    @Test
    void addsTheSourceTableToStructAndMapKeysSoShardsCannotCollide() {
        configure(RouteByTable.TABLE_REGEX_CONFIG, "(.*)_[0-9]+", RouteByTable.TABLE_REPLACEMENT_CONFIG, "$1",
                RouteByTable.KEY_SOURCE_FIELD_CONFIG, "__shard");
        SinkRecord fromShard0 = xform.apply(eventOf(Shape.STRUCT, "shop", "orders_0", "x"));
        SinkRecord fromShard1 = xform.apply(eventOf(Shape.STRUCT, "shop", "orders_1", "x"));
        assertEquals(fromShard0.topic(), fromShard1.topic());
        assertEquals(1, ((Struct) fromShard0.key()).get("id"));
        assertEquals("orders_0", ((Struct) fromShard0.key()).get("__shard"));
        assertNotEquals(fromShard0.key(), fromShard1.key());
        assertEquals(List.of("id", "__shard"), fromShard0.keySchema().fields().stream().map(f -> f.name()).toList());
        assertTrue(fromShard0.keySchema() == fromShard1.keySchema(), "one key schema per input key schema");

        SinkRecord tombstone = new SinkRecord("srv.shop.orders_1", 0, null, Map.of("id", 1), null, null, 1);
        assertEquals(Map.of("id", 1, "__shard", "orders_1"), xform.apply(tombstone).key());
        assertEquals("orders", xform.apply(tombstone).topic());
    }

    @Test
    void keyAugmentationNeedsAStructOrMapKeyWithoutThatField() {
        configure(RouteByTable.KEY_SOURCE_FIELD_CONFIG, "id");
        DataException e = assertThrows(DataException.class, () -> xform.apply(eventOf(Shape.STRUCT, "d", "t", "x")));
        assertTrue(e.getMessage().contains("already has a field 'id'"), e.getMessage());
        configure(RouteByTable.KEY_SOURCE_FIELD_CONFIG, "__shard");
        SinkRecord noKey = new SinkRecord("srv.db.t", 0, null, null, null, null, 5);
        e = assertThrows(DataException.class, () -> xform.apply(noKey));
        assertTrue(e.getMessage().contains("offset=5"), e.getMessage());
    }

    @Test
    void rejectsBadConfigurationNamingTheProperty() {
        assertConfigError(RouteByTable.TABLE_FORMAT_CONFIG, RouteByTable.TABLE_FORMAT_CONFIG, "${tabel}");
        assertConfigError(RouteByTable.TABLE_FORMAT_CONFIG, RouteByTable.TABLE_FORMAT_CONFIG, "all_in_one");
        assertConfigError(RouteByTable.TABLE_REGEX_CONFIG, RouteByTable.TABLE_REGEX_CONFIG, "orders_[0-9");
        assertConfigError(RouteByTable.TABLE_REPLACEMENT_CONFIG, RouteByTable.TABLE_REGEX_CONFIG, "(.*)_[0-9]+",
                RouteByTable.TABLE_REPLACEMENT_CONFIG, "$2");
        assertConfigError(RouteByTable.TABLE_REPLACEMENT_CONFIG, RouteByTable.TABLE_REPLACEMENT_CONFIG, "$1");
        assertConfigError(RouteByTable.TABLE_MAPPING_CONFIG, RouteByTable.TABLE_MAPPING_CONFIG, "a=b");
        assertConfigError(RouteByTable.TABLE_MAPPING_CONFIG, RouteByTable.TABLE_MAPPING_CONFIG, "a:" + "x".repeat(64));
        assertConfigError(RouteByTable.TABLE_MAX_LENGTH_CONFIG, RouteByTable.TABLE_MAX_LENGTH_CONFIG, "5");
        assertConfigError(RouteByTable.TABLE_CASE_CONFIG, RouteByTable.TABLE_CASE_CONFIG, "camel");
    }

    private void assertConfigError(String property, String... keyValues) {
        TransformTesting.assertConfigError(xform, property, keyValues);
    }

    @Test
    void everyOptionIsDocumented() {
        TransformTesting.assertEveryOptionDocumented(xform);
    }

    @Test
    void aSchemaOnlyKeyIsAugmentedToo() {
        Schema key = SchemaBuilder.struct().name("k").field("a", Schema.INT32_SCHEMA).field("b", Schema.STRING_SCHEMA).build();
        configure(RouteByTable.KEY_SOURCE_FIELD_CONFIG, "__src");
        SinkRecord in = new SinkRecord("srv.db.t", 0, key, new Struct(key).put("a", 1).put("b", "x"), null, null, 1);
        Struct out = (Struct) xform.apply(in).key();
        assertEquals("t", out.get("__src"));
        assertEquals("x", out.get("b"));
    }

    /** Each option is parsed by ConfigDef, so that REST validation names it, not only configure() at task start. */
    @ParameterizedTest(name = "{0} = {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "table.format|${tabel}|unknown placeholder ${tabel}",
        "table.format|${db}_x|must contain ${table}",
        "table.regex|orders_[0-9+|not a valid regular expression",
        "table.replacement|$1\\|lone backslash",
        "table.replacement|$\u0661|refers to no group",
        "table.replacement|$99999999999|refers to group 99999999999",
        "table.replacement|${name}|refers to no group",
        "table.mapping|orders|expected source:target pairs",
        "table.mapping|a:b,a:c|maps 'a' twice",
        "table.max.length|8|at least 16"})
    void aBadOptionIsAnErrorOnItsPropertyAtValidation(String property, String value, String says) {
        ConfigDefErrors.assertErrorOn(RouteByTable.CONFIG_DEF, property, value, says);
        RouteByTable<SinkRecord> xform = new RouteByTable<>();
        Map<String, String> config = new HashMap<>(Map.of(property, value));
        if (property.equals("table.replacement")) {
            config.put("table.regex", "(.*)");
        }
        assertThrows(ConfigException.class, () -> xform.configure(config), "configure() refuses it too");
    }

    @Test
    void goodOptionsPassValidation() {
        Map<String, String> config = Map.of("table.format", "${db}_${table}", "table.regex", "(.*)_[0-9]+",
                "table.replacement", "$1\\$", "table.mapping", "a:b,db.c:d", "table.max.length", "0");
        for (String property : config.keySet()) {
            assertEquals(List.of(), ConfigDefErrors.of(RouteByTable.CONFIG_DEF, config, property), property);
        }
    }

    @Test
    void aNullTopicWithoutTableInformationAndAnEmptyTargetNameAreDataExceptions() {
        RouteByTable<SinkRecord> xform = new RouteByTable<>();
        xform.configure(Map.of());
        SinkRecord noTopic = new SinkRecord(null, 0, null, null, Schema.STRING_SCHEMA, "x", 7);
        DataException e = assertThrows(DataException.class, () -> xform.apply(noTopic));
        assertTrue(e.getMessage().contains("no source table"), e.getMessage());

        RouteByTable<SinkRecord> emptying = new RouteByTable<>();
        emptying.configure(Map.of("table.regex", "orders", "table.replacement", ""));
        SinkRecord orders = new SinkRecord("server.db.orders", 0, null, null, Schema.STRING_SCHEMA, "x", 8);
        e = assertThrows(DataException.class, () -> emptying.apply(orders));
        assertTrue(e.getMessage().contains("is named ''") && e.getMessage().contains("offset=8"), e.getMessage());
    }
}
