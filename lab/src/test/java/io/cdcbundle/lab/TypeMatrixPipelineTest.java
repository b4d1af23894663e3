package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The types our sources emit, through cdc-bundle's dialect, in each direction: every column of every row must read
 * back in the target as it reads in the source (compared as values: numbers by value, JSON as JSON, times without
 * trailing zeros, bytes as hex). Rows: edge values, everyday values, nulls; one update and one delete on top.
 */
@ExtendWith(LabExtension.class)
class TypeMatrixPipelineTest {

    enum Compare { TEXT, NUMBER, BOOLEAN, JSON, TIME, BYTES }

    /** A source column: its type on the source server, its literal in each of the three rows, how to compare. */
    record Column(String name, String type, Compare compare, String... literals) {
    }

    static final List<Column> MARIADB = List.of(
            new Column("c_tinyint", "TINYINT", Compare.NUMBER, "-128", "7", "NULL"),
            new Column("c_bool", "BOOLEAN", Compare.BOOLEAN, "TRUE", "FALSE", "NULL"),
            new Column("c_smallint_u", "SMALLINT UNSIGNED", Compare.NUMBER, "65535", "0", "NULL"),
            new Column("c_int_u", "INT UNSIGNED", Compare.NUMBER, "4294967295", "1", "NULL"),
            new Column("c_bigint", "BIGINT", Compare.NUMBER, "-9223372036854775808", "42", "NULL"),
            new Column("c_bigint_u", "BIGINT UNSIGNED", Compare.NUMBER, "18446744073709551615", "1", "NULL"),
            new Column("c_decimal", "DECIMAL(12,3)", Compare.NUMBER, "-123456789.125", "0.5", "NULL"),
            new Column("c_double", "DOUBLE", Compare.NUMBER, "1.5e300", "-0.25", "NULL"),
            new Column("c_varchar", "VARCHAR(50)", Compare.TEXT, "'한글 ✓ ''quoted'''", "''", "NULL"),
            new Column("c_text", "TEXT", Compare.TEXT, "REPEAT('x', 5000)", "'line1\\nline2'", "NULL"),
            new Column("c_char", "CHAR(3)", Compare.TEXT, "'abc'", "'a'", "NULL"),
            new Column("c_date", "DATE", Compare.TIME, "'1969-12-31'", "'2024-02-29'", "NULL"),
            new Column("c_datetime", "DATETIME(6)", Compare.TIME, "'2024-01-02 03:04:05.123456'", "'1999-12-31 23:59:59'", "NULL"),
            new Column("c_time", "TIME(6)", Compare.TIME, "'23:59:59.5'", "'00:00:00'", "NULL"),
            new Column("c_json", "JSON", Compare.JSON, "'{\"a\": [1, 2, {\"b\": null}], \"s\": \"x\"}'", "'[]'", "NULL"),
            new Column("c_enum", "ENUM('red','green')", Compare.TEXT, "'green'", "'red'", "NULL"),
            new Column("c_blob", "BLOB", Compare.BYTES, "X'00FF10'", "X''", "NULL"));

    static final List<Column> POSTGRES = List.of(
            new Column("c_smallint", "smallint", Compare.NUMBER, "-32768", "7", "NULL"),
            new Column("c_int", "integer", Compare.NUMBER, "2147483647", "0", "NULL"),
            new Column("c_bigint", "bigint", Compare.NUMBER, "-9223372036854775808", "42", "NULL"),
            new Column("c_numeric", "numeric(12,3)", Compare.NUMBER, "-123456789.125", "0.5", "NULL"),
            new Column("c_double", "double precision", Compare.NUMBER, "1.5e300", "-0.25", "NULL"),
            new Column("c_bool", "boolean", Compare.BOOLEAN, "true", "false", "NULL"),
            new Column("c_varchar", "varchar(50)", Compare.TEXT, "'한글 ✓ ''quoted'''", "''", "NULL"),
            new Column("c_text", "text", Compare.TEXT, "repeat('x', 5000)", "E'line1\\nline2'", "NULL"),
            new Column("c_date", "date", Compare.TIME, "'1969-12-31'", "'2024-02-29'", "NULL"),
            new Column("c_timestamp", "timestamp(6)", Compare.TIME, "'2024-01-02 03:04:05.123456'", "'1999-12-31 23:59:59'", "NULL"),
            new Column("c_time", "time(6)", Compare.TIME, "'23:59:59.5'", "'00:00:00'", "NULL"),
            new Column("c_jsonb", "jsonb", Compare.JSON, "'{\"a\": [1, 2, {\"b\": null}], \"s\": \"x\"}'", "'[]'", "NULL"),
            new Column("c_uuid", "uuid", Compare.TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'", "NULL"),
            new Column("c_bytea", "bytea", Compare.BYTES, "'\\x00ff10'", "''", "NULL"));

    /**
     * Every direction with the seed's settings; with the fast preset (SchemaCachingJsonConverter on both sides), each
     * source's types once, and the topic's bytes checked to be JsonConverter's.
     */
    @ParameterizedTest(name = "{0} -> {1}, {2} preset")
    @CsvSource({"MARIADB, MARIADB, DEFAULT", "POSTGRES, POSTGRES, DEFAULT", "MARIADB, POSTGRES, DEFAULT",
        "POSTGRES, MARIADB, DEFAULT", "MARIADB, POSTGRES, FAST", "POSTGRES, MARIADB, FAST"})
    void everyTypeReadsBackAsInTheSource(DatabaseKind source, DatabaseKind target, Preset preset, Lab lab) throws Exception {
        List<Column> columns = source == DatabaseKind.MARIADB ? MARIADB : POSTGRES;
        Pipeline pipeline = preset.applyTo(lab.pipeline("types-" + source.id() + "-to-" + target.id()
                + (preset == Preset.DEFAULT ? "" : "-" + preset.name().toLowerCase()), lab.source(source), lab.target(target)));
        pipeline.source().recreateDatabase(pipeline.database());
        pipeline.target().recreateDatabase(pipeline.database());
        StringBuilder create = new StringBuilder("create table " + Pipeline.SOURCE_TABLE + " (id int primary key");
        columns.forEach(c -> create.append(", ").append(c.name()).append(' ').append(c.type()));
        pipeline.source().execute(pipeline.database(), create.append(')').toString());
        if (source == DatabaseKind.POSTGRES) {
            pipeline.source().execute(pipeline.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
        lab.deploy(pipeline);
        try {
            for (int row = 0; row < 3; row++) {
                StringBuilder insert = new StringBuilder("insert into " + Pipeline.SOURCE_TABLE + " values (" + (row + 1));
                for (Column c : columns) {
                    insert.append(", ").append(c.literals()[row]);
                }
                pipeline.source().execute(pipeline.database(), insert.append(')').toString());
            }
            assertTargetReadsAsSource(pipeline, columns, Set.of(1, 2, 3), "after the inserts");
            // Row 3 (the nulls) takes row 1's values, row 2 goes: the update and delete paths of every type.
            StringBuilder update = new StringBuilder("update " + Pipeline.SOURCE_TABLE + " set ");
            for (int i = 0; i < columns.size(); i++) {
                update.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append(" = ").append(columns.get(i).literals()[0]);
            }
            pipeline.source().execute(pipeline.database(), update.append(" where id = 3").toString(),
                    "delete from " + Pipeline.SOURCE_TABLE + " where id = 2");
            assertTargetReadsAsSource(pipeline, columns, Set.of(1, 3), "after the update and the delete");
            if (preset == Preset.FAST) {
                assertTopicIsJsonConverters(lab, pipeline.topic());
            }
        } finally {
            lab.undeploy(pipeline);
        }
    }

    /**
     * Each record the fast source wrote (3 inserts, an update, a delete and its tombstone) is what JsonConverter writes
     * for the data it reads back from it: other consumers of the topic see JsonConverter's format. (The converter is
     * not on this classpath, only on the plugin path; its reading is checked against JsonConverter's in its module.)
     */
    private static void assertTopicIsJsonConverters(Lab lab, String topic) {
        JsonConverter kafkas = new JsonConverter();
        kafkas.configure(Map.of("schemas.enable", "true"), false);
        int checked = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.cluster().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (checked < 6 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SchemaAndValue expected = kafkas.toConnectData(topic, r.value());
                    if (r.value() != null) {
                        assertArrayEquals(r.value(), kafkas.fromConnectData(topic, expected.schema(), expected.value()),
                                "offset " + r.offset());
                    }
                    checked++;
                }
            }
        }
        assertEquals(6, checked, "records on " + topic);
    }

    /** Waits until the target reads as the source (rows {@code ids}), then names every column that differs. */
    private static void assertTargetReadsAsSource(Pipeline pipeline, List<Column> columns, Set<Integer> ids,
                                                  String when) throws Exception {
        Map<Integer, Map<String, Object>> expected = read(pipeline.source(), pipeline.database(), Pipeline.SOURCE_TABLE, columns);
        assertEquals(ids, expected.keySet(), "ids in the source " + when);
        Map<Integer, Map<String, Object>> actual = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            actual = read(pipeline.target(), pipeline.database(), Pipeline.TARGET_TABLE, columns);
            if (actual.equals(expected)) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(expected.keySet(), actual.keySet(), "ids in the target " + when);
        List<String> differences = new ArrayList<>();
        for (Integer id : expected.keySet()) {
            for (Column c : columns) {
                Object want = expected.get(id).get(c.name());
                Object got = actual.get(id).get(c.name());
                if (want == null ? got != null : !want.equals(got)) {
                    differences.add("id " + id + " " + c.name() + " (" + c.type() + "): source " + want + ", target " + got);
                }
            }
        }
        assertEquals(List.of(), differences, pipeline.sinkConnector() + " " + when);
    }

    private static Map<Integer, Map<String, Object>> read(DatabaseServer server, String database, String table,
                                                          List<Column> columns) throws SQLException {
        Map<Integer, Map<String, Object>> rows = new java.util.TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from " + table + " order by id")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Column column : columns) {
                    row.put(column.name(), canonical(column.compare(), rs, column.name()));
                }
                rows.put(rs.getInt("id"), row);
            }
        } catch (SQLException e) {
            if (!SeedScenario.isMissingTable(server.kind(), e)) {
                throw e;
            }
        }
        return rows;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Object canonical(Compare compare, ResultSet rs, String column) throws SQLException {
        if (compare == Compare.BYTES) {
            byte[] bytes = rs.getBytes(column);
            return bytes == null ? null : HexFormat.of().formatHex(bytes);
        }
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return switch (compare) {
                case NUMBER -> new BigDecimal(text).stripTrailingZeros().toPlainString();
                case BOOLEAN -> text.equals("1") || text.equalsIgnoreCase("t") || text.equalsIgnoreCase("true");
                case JSON -> JSON.readTree(text);
                case TIME -> text.replace('T', ' ').replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
                default -> text;
            };
        } catch (Exception e) {
            return "unparseable: " + text;
        }
    }

}
