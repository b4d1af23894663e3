package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.TypeMatrix.Column;
import io.cdcbundle.lab.TypeMatrix.Compare;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PGInterval;

/**
 * The type-fidelity matrix ({@link TypeMatrix}) through cdc-bundle's dialect in each direction: every column of every
 * row must read back in the target as it reads in the source (compared as values: numbers by value, JSON as JSON,
 * times without trailing zeros, bytes as hex, bits as numbers, arrays element by element), after the inserts and
 * after updates to and from NULL and a delete. The column types the sink created are recorded in
 * {@code docs/type-mapping.md} ({@link TypeMappingDoc}), which fails the run when it is stale.
 */
@ExtendWith(LabExtension.class)
class TypeMatrixPipelineTest {

    /** The types each direction's sink created: source type -> target column type. */
    private static final Map<String, Map<String, String>> CREATED = new TreeMap<>();

    /**
     * Every direction with the seed's settings; with the fast preset (SchemaCachingJsonConverter on both sides), each
     * source's types once, and the topic's bytes checked to be JsonConverter's.
     */
    @ParameterizedTest(name = "{0} -> {1}, {2} preset")
    @CsvSource({"MARIADB, MARIADB, DEFAULT", "POSTGRES, POSTGRES, DEFAULT", "MARIADB, POSTGRES, DEFAULT",
        "POSTGRES, MARIADB, DEFAULT", "MARIADB, POSTGRES, FAST", "POSTGRES, MARIADB, FAST"})
    void everyTypeReadsBackAsInTheSource(DatabaseKind source, DatabaseKind target, Preset preset, Lab lab) throws Exception {
        Pipeline pipeline = preset.applyTo(lab.pipeline("types-" + source.id() + "-to-" + target.id()
                + (preset == Preset.DEFAULT ? "" : "-" + preset.name().toLowerCase()), lab.source(source), lab.target(target)));
        runMatrix(lab, pipeline, preset == Preset.DEFAULT, preset == Preset.FAST);
    }

    /** The matrix with the recommended sink transforms (docs/flatten-envelope.md): the row flattened by FlattenEnvelope before the sink. */
    @ParameterizedTest(name = "{0} -> {1}, FlattenEnvelope")
    @CsvSource({"MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void everyTypeReadsBackThroughFlattenEnvelope(DatabaseKind source, DatabaseKind target, Lab lab) throws Exception {
        Pipeline pipeline = lab.pipeline("types-flat-" + source.id() + "-to-" + target.id(), lab.source(source),
                lab.target(target)).withSinkConfig(Map.of("transforms", "flatten",
                "transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope",
                "transforms.flatten.add.fields", "op,source.table"));
        runMatrix(lab, pipeline, false, false);
    }

    private static void runMatrix(Lab lab, Pipeline pipeline, boolean recordTypes, boolean checkTopic) throws Exception {
        DatabaseKind source = pipeline.source().kind();
        DatabaseKind target = pipeline.target().kind();
        List<Column> columns = TypeMatrix.of(source).stream().filter(c -> c.runsTo(target)).toList();
        createSourceTable(pipeline, columns);
        lab.deploy(pipeline);
        try {
            insertRows(pipeline, columns);
            assertTargetReadsAsSource(lab, pipeline, columns, Set.of(1, 2, 3), "after the inserts");
            if (recordTypes) {
                CREATED.put(source.id() + " -> " + target.id(), TypeMappingDoc.created(pipeline, columns));
            }
            updateAndDelete(pipeline, columns);
            assertTargetReadsAsSource(lab, pipeline, columns, Set.of(1, 3), "after the updates and the delete");
            if (checkTopic) {
                assertTopicIsJsonConverters(lab, pipeline.topic());
            }
            // every type of the matrix through the consistency checker: the replica is equal, so no false alarm
            ConsistencyCheckerPipelineTest.assertTheCheckerFindsTheTablesEqual(lab, pipeline, 2);
        } finally {
            lab.undeploy(pipeline);
        }
    }

    /**
     * A composite primary key of everyday types (text with 4-byte unicode and empty, a timestamp, a decimal, an unsigned
     * bigint or uuid, bytes, a date): rows are inserted, updated by key, moved to another key and deleted, and the target
     * must hold the same rows.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, MARIADB", "POSTGRES, POSTGRES", "MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void keysOfEveryKindUpdateAndDelete(DatabaseKind source, DatabaseKind target, Lab lab) throws Exception {
        List<Column> keys = TypeMatrix.keys(source);
        List<Column> columns = new ArrayList<>(keys);
        columns.add(new Column("v", source == DatabaseKind.POSTGRES ? "text" : "VARCHAR(20)", Compare.TEXT,
                "'one'", "'two'", "'three'"));
        Pipeline pipeline = lab.pipeline("keys-" + source.id() + "-to-" + target.id(), lab.source(source), lab.target(target))
                .withSinkConfig(java.util.Collections.singletonMap("primary.key.fields", null)); // the whole record key
        pipeline.source().recreateDatabase(pipeline.database());
        pipeline.target().recreateDatabase(pipeline.database());
        StringBuilder create = new StringBuilder("create table " + Pipeline.SOURCE_TABLE + " (id int not null");
        columns.forEach(c -> create.append(", ").append(c.name()).append(' ').append(c.type())
                .append(keys.contains(c) ? " not null" : ""));
        create.append(", primary key (").append(String.join(", ", keys.stream().map(Column::name).toList())).append("))");
        pipeline.source().execute(pipeline.database(), create.toString());
        if (source == DatabaseKind.POSTGRES) {
            pipeline.source().execute(pipeline.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
        lab.deploy(pipeline);
        try {
            insertRows(pipeline, columns);
            assertTargetReadsAsSource(lab, pipeline, columns, Set.of(1, 2, 3), "after the inserts");
            pipeline.source().execute(pipeline.database(),
                    "update " + Pipeline.SOURCE_TABLE + " set v = 'changed' where id = 3",
                    "update " + Pipeline.SOURCE_TABLE + " set k_text = 'moved', v = 'moved' where id = 1",
                    "delete from " + Pipeline.SOURCE_TABLE + " where id = 2");
            assertTargetReadsAsSource(lab, pipeline, columns, Set.of(1, 3), "after the updates and the delete");
            // keys of every kind, composite: the checker must pair the rows up by them and find nothing different
            ConsistencyCheckerPipelineTest.assertTheCheckerFindsTheTablesEqual(lab, pipeline, 2);
        } finally {
            lab.undeploy(pipeline);
        }
    }

    /** What Debezium's own dialect makes of the matrix, per direction: recorded in the doc, not asserted. */
    private static final Map<String, String> DEBEZIUM_ALONE = new TreeMap<>();

    /**
     * The same matrix through Debezium's own dialect ({@code bundle.dialect.enabled=false}), so that the difference
     * ours makes is on record: the columns whose values differ after the inserts, or the failure that stopped the task.
     */
    @ParameterizedTest(name = "{0} -> {1}, Debezium's dialect")
    @CsvSource({"MARIADB, MARIADB", "POSTGRES, POSTGRES", "MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void debeziumsOwnDialectIsRecorded(DatabaseKind source, DatabaseKind target, Lab lab) throws Exception {
        List<Column> columns = TypeMatrix.of(source).stream().filter(c -> c.runsTo(target)).toList();
        Pipeline pipeline = lab.pipeline("types-stock-" + source.id() + "-to-" + target.id(), lab.source(source),
                lab.target(target)).withSinkConfig(Map.of("bundle.dialect.enabled", "false"));
        createSourceTable(pipeline, columns);
        lab.deploy(pipeline);
        try {
            insertRows(pipeline, columns);
            Map<Integer, Map<String, Object>> expected = read(pipeline.source(), pipeline.database(), Pipeline.SOURCE_TABLE, columns);
            Poll.until(Duration.ofSeconds(60), () -> !failure(lab, pipeline).isEmpty()
                    || read(pipeline.target(), pipeline.database(), Pipeline.TARGET_TABLE, columns).keySet().equals(expected.keySet()));
            String failed = failure(lab, pipeline);
            Map<Integer, Map<String, Object>> actual = read(pipeline.target(), pipeline.database(), Pipeline.TARGET_TABLE, columns);
            DEBEZIUM_ALONE.put(source.id() + " -> " + target.id(), failed.isEmpty()
                    ? TypeMappingDoc.differingColumns(differences(expected, actual, columns))
                    : TypeMappingDoc.rootCause(failed));
        } finally {
            lab.undeploy(pipeline);
        }
    }

    /** Once every direction ran, the committed type mapping must be what the sinks created. */
    @AfterAll
    static void theTypeMappingDocIsCurrent() throws Exception {
        TypeMappingDoc.check(CREATED, DEBEZIUM_ALONE);
    }

    /**
     * Every statement Debezium's dialects wrote for the matrix (upserts of every type, both engines) had the shape
     * our rewrites expect: a Debezium release that changes it would otherwise switch them off silently.
     */
    @AfterAll
    static void ourStatementRewritesRecognisedEveryStatement() throws Exception {
        String log = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("cdcbundle.lab.logFile")));
        int at = log.indexOf("cdc-bundle does not recognise this statement's shape");
        assertTrue(at < 0, "a statement rewrite was switched off: " + (at < 0 ? "" : log.substring(at, Math.min(log.length(), at + 700))));
    }

    /** Row 3 (the nulls) takes row 1's values, row 1 takes NULLs, row 2 goes: update and delete paths of every type. */
    static void updateAndDelete(Pipeline pipeline, List<Column> columns) throws SQLException {
        StringBuilder fromNull = new StringBuilder("update " + Pipeline.SOURCE_TABLE + " set ");
        StringBuilder toNull = new StringBuilder("update " + Pipeline.SOURCE_TABLE + " set ");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            fromNull.append(i == 0 ? "" : ", ").append(c.name()).append(" = ").append(c.literals()[0]);
            toNull.append(i == 0 ? "" : ", ").append(c.name()).append(" = NULL");
        }
        pipeline.source().execute(pipeline.database(), fromNull.append(" where id = 3").toString(),
                toNull.append(" where id = 1").toString(), "delete from " + Pipeline.SOURCE_TABLE + " where id = 2");
    }

    static void insertRows(Pipeline pipeline, List<Column> columns) throws SQLException {
        for (int row = 0; row < 3; row++) {
            StringBuilder insert = new StringBuilder("insert into " + Pipeline.SOURCE_TABLE + " values (" + (row + 1));
            for (Column c : columns) {
                insert.append(", ").append(c.literals()[row]);
            }
            pipeline.source().execute(pipeline.database(), insert.append(')').toString());
        }
    }

    static void createSourceTable(Pipeline pipeline, List<Column> columns) throws SQLException {
        DatabaseKind source = pipeline.source().kind();
        pipeline.source().recreateDatabase(pipeline.database());
        pipeline.target().recreateDatabase(pipeline.database());
        for (String sql : TypeMatrix.setUp(source)) {
            pipeline.source().execute(pipeline.database(), sql);
        }
        StringBuilder create = new StringBuilder("create table " + Pipeline.SOURCE_TABLE + " (id int primary key");
        columns.forEach(c -> create.append(", ").append(c.name()).append(' ').append(c.type()));
        pipeline.source().execute(pipeline.database(), create.append(')').toString());
        if (source == DatabaseKind.POSTGRES) {
            pipeline.source().execute(pipeline.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
    }

    /**
     * Each record the fast source wrote (3 inserts, two updates, a delete and its tombstone) is what JsonConverter
     * writes for the data it reads back from it: other consumers of the topic see JsonConverter's format. (The
     * converter is not on this classpath, only on the plugin path; its reading is checked against JsonConverter's in
     * its module.)
     */
    private static void assertTopicIsJsonConverters(Lab lab, String topic) {
        JsonConverter kafkas = new JsonConverter();
        kafkas.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
        int checked = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.cluster().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (checked < 7 && System.nanoTime() < deadline) {
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
        assertEquals(7, checked, "records on " + topic);
    }

    /** Waits until the target reads as the source (rows {@code ids}), then names every column that differs. */
    static void assertTargetReadsAsSource(Lab lab, Pipeline pipeline, List<Column> columns, Set<Integer> ids,
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
            assertEquals("", failure(lab, pipeline), "a task of " + pipeline.name() + " failed " + when);
            Thread.sleep(200);
        }
        assertEquals(expected.keySet(), actual.keySet(), "ids in the target " + when);
        assertEquals(List.of(), differences(expected, actual, columns), pipeline.sinkConnector() + " " + when);
    }

    /** The causes in the trace of a failed task of the pipeline, or "". */
    static String failure(Lab lab, Pipeline pipeline) {
        for (String connector : List.of(pipeline.sourceConnector(), pipeline.sinkConnector())) {
            for (JsonNode task : lab.rest().status(connector).path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    return connector + ": " + String.join("\n", task.path("trace").asText().lines()
                            .filter(line -> line.startsWith("Caused by")).toList());
                }
            }
        }
        return "";
    }

    static List<String> differences(Map<Integer, Map<String, Object>> expected, Map<Integer, Map<String, Object>> actual,
                                    List<Column> columns) {
        List<String> differences = new ArrayList<>();
        for (Integer id : expected.keySet()) {
            for (Column c : columns) {
                Object want = expected.get(id).get(c.name());
                Object got = actual.containsKey(id) ? actual.get(id).get(c.name()) : "(no row)";
                if (want == null ? got != null : !want.equals(got)) {
                    differences.add("id " + id + " " + c.name() + " (" + c.type() + "): source " + brief(want)
                            + ", target " + brief(got));
                }
            }
        }
        return differences;
    }

    private static String brief(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.length() + " characters starting " + text.substring(0, 40);
    }

    static Map<Integer, Map<String, Object>> read(DatabaseServer server, String database, String table,
                                                  List<Column> columns) throws SQLException {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from " + table + " order by id")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Column column : columns) {
                    row.put(column.name(), canonical(server.kind(), column.compare(), rs, column.name()));
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

    private static Object canonical(DatabaseKind server, Compare compare, ResultSet rs, String column) {
        try {
            Object value = switch (compare) {
                case BYTES -> {
                    byte[] bytes = rs.getBytes(column);
                    yield bytes == null ? null : HexFormat.of().formatHex(bytes);
                }
                case BOOLEAN -> {
                    boolean b = rs.getBoolean(column);
                    yield rs.wasNull() ? null : b;
                }
                case BITS -> bits(server, rs, column);
                case ARRAY -> array(rs, column);
                default -> {
                    String text = rs.getString(column);
                    yield text == null ? null : canonicalText(compare, text);
                }
            };
            return value;
        } catch (Exception e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static Object canonicalText(Compare compare, String text) throws Exception {
        return switch (compare) {
            case NUMBER -> number(text);
            case FLOAT -> Float.valueOf(text).toString();
            case JSON -> JSON.readTree(text);
            case TIME -> text.replace('T', ' ').replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
            case INSTANT -> OffsetDateTime.parse(text.replace(' ', 'T').replaceAll("([+-]\\d\\d)$", "$1:00")
                    .replaceAll("(T[0-9:.]+)$", "$1Z")).toInstant().toString();
            case INTERVAL -> intervalMicros(text);
            case TIME_TZ -> java.time.OffsetTime.parse(text.replaceAll("([+-]\\d\\d)$", "$1:00"))
                    .withOffsetSameInstant(java.time.ZoneOffset.UTC).toString();
            default -> text;
        };
    }

    /** Numbers by value; money's currency sign and separators dropped; NaN and infinities as they read. */
    private static Object number(String text) {
        String plain = text.replaceAll("[$,]", "");
        try {
            return new BigDecimal(plain).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return plain;
        }
    }

    /** A bit string as the number it spells: PostgreSQL reads as '0101', MariaDB as big-endian bytes. */
    private static Object bits(DatabaseKind server, ResultSet rs, String column) throws SQLException {
        if (server == DatabaseKind.POSTGRES) {
            String text = rs.getString(column);
            return text == null ? null : text.isEmpty() ? "0" : new BigInteger(text, 2).toString();
        }
        byte[] bytes = rs.getBytes(column);
        return bytes == null ? null : new BigInteger(1, bytes).toString();
    }

    /** A PostgreSQL array element by element, or the JSON array a MariaDB target holds it as. */
    private static Object array(ResultSet rs, String column) throws Exception {
        List<String> elements = new ArrayList<>();
        if (rs.getMetaData().getColumnType(rs.findColumn(column)) == java.sql.Types.ARRAY) {
            Array array = rs.getArray(column);
            if (array == null) {
                return null;
            }
            for (Object e : (Object[]) array.getArray()) {
                elements.add(e == null ? null : element(e.toString()));
            }
            return elements;
        }
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        for (JsonNode e : JSON.readTree(text)) {
            elements.add(e.isNull() ? null : element(e.asText()));
        }
        return elements;
    }

    /** An array element: numbers by value, anything else as its text. */
    private static String element(String text) {
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** An interval in microseconds, reckoned as Debezium does (a month of 30 days, a year of 365.25). */
    private static Object intervalMicros(String text) throws SQLException {
        if (text.matches("-?\\d+")) {
            return text;
        }
        PGInterval i = new PGInterval(text);
        BigDecimal days = BigDecimal.valueOf(i.getYears()).multiply(new BigDecimal("365.25"))
                .add(BigDecimal.valueOf(i.getMonths() * 30L)).add(BigDecimal.valueOf(i.getDays()));
        BigDecimal seconds = days.multiply(BigDecimal.valueOf(86400)).add(BigDecimal.valueOf(i.getHours() * 3600L
                + i.getMinutes() * 60L)).add(BigDecimal.valueOf(i.getSeconds()));
        return seconds.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
