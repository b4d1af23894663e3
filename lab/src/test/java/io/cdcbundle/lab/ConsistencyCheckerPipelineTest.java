package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The consistency checker on a running pipeline: while a load inserts and updates rows on the source, rows of the
 * target are deleted, added and changed behind the sink's back (one change per type class of the table), and the
 * checker must report exactly those, with the changed column, and nothing for the rows the load keeps in flight.
 */
@ExtendWith(LabExtension.class)
class ConsistencyCheckerPipelineTest {

    static final int ROWS = 300;
    /** The load touches only rows from here on, so that it never heals an injected difference through the sink. */
    private static final int LOAD_FROM = 101;
    static final long LAG_ALLOWANCE_MS = 3000;
    static final ObjectMapper JSON = new ObjectMapper();

    /** Column changed on the target -> the row it is changed in. */
    static final Map<String, Integer> CHANGED = new TreeMap<>(Map.of("name", 1, "amount", 2, "score", 3,
            "flag", 4, "born", 5, "seen", 6, "at_tz", 7, "data", 8, "note", 12));
    static final List<Integer> DELETED = List.of(9, 10, 11);
    static final List<Integer> ADDED = List.of(900001, 900002);

    /**
     * An int key is read side by side on both servers; a text key (sorted by each server's collation: MariaDB's
     * ignores case, PostgreSQL's here does not) is looked up instead.
     */
    @ParameterizedTest(name = "{0} -> {1}, {2} key")
    @CsvSource({"MARIADB, POSTGRES, int", "POSTGRES, MARIADB, int", "MARIADB, MARIADB, int", "POSTGRES, POSTGRES, int",
            "MARIADB, POSTGRES, text", "POSTGRES, MARIADB, text"})
    void reportsExactlyTheRowsChangedBehindTheSinkWhileALoadRuns(DatabaseKind from, DatabaseKind to, String keyType,
                                                                Lab lab) throws Exception {
        boolean textKey = keyType.equals("text");
        Pipeline p = lab.pipeline("check-" + from.id() + "-" + to.id() + "-" + keyType, lab.source(from), lab.target(to));
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), createTable(from, textKey));
        List<String> inserts = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            inserts.add(insert(from, i, textKey));
        }
        p.source().execute(p.database(), inserts.toArray(new String[0]));
        lab.deploy(p);
        String checker = p.name() + "-checker";
        String topic = p.prefix() + ".consistency";
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicReference<Exception> loadFailure = new AtomicReference<>();
        Thread load = new Thread(() -> load(p, from, textKey, loading, loadFailure), "load-" + p.name());
        try {
            PipelineBenchmark.awaitCount(p.target(), p.database(), ROWS, Duration.ofSeconds(90));
            load.start();
            inject(p.target(), p.database(), to, textKey);

            lab.deployConnector(checkerJson(checker, topic, p, Map.of()), checker);
            Set<String> found = new TreeSet<>();
            JsonNode pass = collect(lab, topic, found);
            assertTrue(pass != null, "no pass finished; findings so far: " + found);
            assertEquals(expected(textKey), found, "findings of pass " + pass);
            assertTrue(pass.path("rows_checked").asLong() >= ROWS - DELETED.size(), pass.toString());
            assertEquals(expected(textKey).size(), pass.path("differences").asInt(), pass.toString());
            assertEquals(1, pass.path("pass").asInt(), pass.toString());
            assertEquals(null, loadFailure.get(), "the load ran throughout");

            // The tested line's worker runs in this JVM: its platform MBean server holds the checker's metrics.
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName bean = new ObjectName("io.cdcbundle.checker:type=consistency-check,connector=\"" + checker
                    + "\",task=\"0\"");
            assertEquals((long) expected(textKey).size(), jmx.getAttribute(bean, "DifferencesReported"));
            assertTrue((long) jmx.getAttribute(bean, "RowsChecked") >= ROWS - DELETED.size());
            assertTrue((long) jmx.getAttribute(bean, "LastFullPassEpochMs") > 0);
        } finally {
            loading.set(false);
            if (load.isAlive()) {
                load.join(10_000);
            }
            lab.rest().deleteConnector(checker);
            lab.undeploy(p);
        }
    }

    static Set<String> expected(boolean textKey) {
        Set<String> expected = new TreeSet<>();
        CHANGED.forEach((column, id) -> expected.add("changed " + keyText(id, textKey) + " " + column));
        DELETED.forEach(id -> expected.add("missing " + keyText(id, textKey)));
        ADDED.forEach(id -> expected.add("extra " + keyText(id, textKey)));
        return expected;
    }

    /** Text keys in mixed case: the two servers sort them differently. */
    static String keyText(int id, boolean textKey) {
        return textKey ? (id % 2 == 0 ? "K" : "k") + id : String.valueOf(id);
    }

    static String key(int id, boolean textKey) {
        return textKey ? "'" + keyText(id, true) + "'" : String.valueOf(id);
    }

    /**
     * Reads findings until the first pass is over (its suspects all re-checked), then for twice the lag allowance
     * more: a late false alarm would show there.
     */
    private static JsonNode collect(Lab lab, String topic, Set<String> found) throws Exception {
        JsonNode pass = null;
        try (KafkaConsumer<byte[], byte[]> consumer = findings(lab, topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long settledAt = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settledAt)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode f = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
                    String kind = f.path("kind").asText();
                    switch (kind) {
                        case "pass" -> {
                            if (pass == null) {
                                pass = f;
                                settledAt = System.nanoTime() + Duration.ofMillis(2 * LAG_ALLOWANCE_MS).toNanos();
                            }
                        }
                        case "progress" -> {
                        }
                        default -> {
                            String columns = f.path("columns").size() == 0 ? ""
                                    : " " + String.join(",", JSON.convertValue(f.path("columns"), String[].class));
                            found.add(kind + " " + f.path("key").get(0).asText() + columns);
                        }
                    }
                }
            }
        }
        return pass;
    }

    /** A consumer of the checker's findings topic (one partition), from its first record. */
    static KafkaConsumer<byte[], byte[]> findings(Lab lab, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        return consumer;
    }

    /** One pass of the checker over {@code pipeline}'s tables, which must find them equal, {@code rows} rows each. */
    static void assertTheCheckerFindsTheTablesEqual(Lab lab, Pipeline pipeline, int rows) throws Exception {
        String checker = pipeline.name() + "-checker";
        String topic = pipeline.prefix() + ".consistency";
        lab.deployConnector(checkerJson(checker, topic, pipeline, Map.of()), checker);
        try {
            JsonNode pass = awaitFirstPass(lab, topic, Duration.ofSeconds(60));
            assertTrue(pass != null, "no pass of the checker on " + lab.line() + " over " + pipeline.name());
            assertEquals(0, pass.path("differences").asInt(), pipeline.name() + ": " + pass);
            assertEquals(rows, pass.path("rows_checked").asInt(), pipeline.name() + ": " + pass);
        } finally {
            lab.rest().deleteConnector(checker);
        }
    }

    /** The first pass record on the checker's topic, or null if none came within {@code timeout}. */
    static JsonNode awaitFirstPass(Lab lab, String topic, Duration timeout) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = findings(lab, topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode f = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
                    if (f.path("kind").asText().equals("pass")) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    /** The checker's connector JSON for pipeline {@code p}, with {@code more} set over the test's settings. */
    static String checkerJson(String name, String topic, Pipeline p, Map<String, String> more) throws Exception {
        ObjectNode config = JSON.createObjectNode()
                .put("connector.class", "io.cdcbundle.checker.ConsistencyCheckConnector")
                .put("tasks.max", "1")
                .put("source.connection.url", p.source().jdbcUrl(p.database()))
                .put("source.connection.user", p.source().user())
                .put("source.connection.password", p.source().password())
                .put("target.connection.url", p.target().jdbcUrl(p.database()))
                .put("target.connection.user", p.target().user())
                .put("target.connection.password", p.target().password())
                .put("tables", Pipeline.SOURCE_TABLE + "=" + Pipeline.TARGET_TABLE)
                .put("topic", topic)
                .put("chunk.size", "40")
                .put("lag.allowance.ms", String.valueOf(LAG_ALLOWANCE_MS))
                .put("pass.interval.ms", "3600000")
                .put("progress.interval.ms", "1000")
                .put("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .put("key.converter.schemas.enable", "false")
                .put("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .put("value.converter.schemas.enable", "false");
        more.forEach(config::put);
        ObjectNode connector = JSON.createObjectNode().put("name", name);
        connector.set("config", config);
        return JSON.writeValueAsString(connector);
    }

    static String createTable(DatabaseKind kind, boolean textKey) {
        String id = textKey ? "id varchar(20) primary key" : "id int primary key";
        return kind == DatabaseKind.POSTGRES
                ? "create table " + Pipeline.SOURCE_TABLE + " (" + id + ", name varchar(100), amount numeric(12,3), "
                        + "score double precision, flag boolean, born date, seen timestamp(6), at_tz timestamptz, "
                        + "data bytea, note text)"
                : "create table " + Pipeline.SOURCE_TABLE + " (" + id + ", name varchar(100), amount decimal(12,3), "
                        + "score double, flag boolean, born date, seen datetime(6), at_tz timestamp(6) null default null, "
                        + "data varbinary(16), note text)";
    }

    static String insert(DatabaseKind kind, int i, boolean textKey) {
        LocalDateTime seen = LocalDateTime.of(2024, 1, 1, 10, 0).plusMinutes(i).plusNanos(123_456_000L);
        String bytes = kind == DatabaseKind.POSTGRES ? "decode('" + String.format("%04x", i) + "', 'hex')"
                : "unhex('" + String.format("%04x", i) + "')";
        String tz = kind == DatabaseKind.POSTGRES ? "'" + seen.toString().replace('T', ' ') + "+00'"
                : "'" + seen.toString().replace('T', ' ') + "'";
        return "insert into " + Pipeline.SOURCE_TABLE + " values (" + key(i, textKey) + ", 'n" + i + "', " + (i * 1.25) + ", "
                + (i * 0.5) + ", " + (i % 2 == 0) + ", '" + LocalDate.of(2024, 1, 1).plusDays(i) + "', '"
                + seen.toString().replace('T', ' ') + "', " + tz + ", " + bytes + ", " + (i % 7 == 0 ? "null" : "'" + note(i) + "'")
                + ")";
    }

    /** Every third note longer than the checker's digests take as it is (they take its MD5), and not ASCII. */
    static String note(int i) {
        return i % 3 == 0 ? "t" + i + " " + "grüße, 東京, €; ".repeat(6) : "t" + i;
    }

    /** Differences made on the target alone: each changed column, deleted rows, rows the source never had. */
    static void inject(DatabaseServer target, String database, DatabaseKind kind, boolean textKey)
            throws Exception {
        boolean pg = kind == DatabaseKind.POSTGRES;
        String t = Pipeline.TARGET_TABLE;
        Map<String, String> change = Map.of(
                "name", "name = 'changed'",
                "amount", "amount = amount + 0.001",
                "score", "score = score + 0.25",
                "flag", "flag = null",
                "born", pg ? "born = born + 1" : "born = born + interval 1 day",
                "seen", pg ? "seen = seen + interval '1 microsecond'" : "seen = seen + interval 1 microsecond",
                "at_tz", pg ? "at_tz = at_tz + interval '1 hour'" : "at_tz = at_tz + interval 1 hour",
                "data", pg ? "data = decode('ff', 'hex')" : "data = unhex('ff')",
                // a long note (see note()) changed at its end: only its MD5 in the digest shows it
                "note", "note = concat(note, '!')");
        List<String> statements = new ArrayList<>();
        CHANGED.forEach((column, id) -> statements.add("update " + t + " set " + change.get(column) + " where id = "
                + key(id, textKey)));
        DELETED.forEach(id -> statements.add("delete from " + t + " where id = " + key(id, textKey)));
        ADDED.forEach(id -> statements.add("insert into " + t + " (id, name) values (" + key(id, textKey) + ", 'only here')"));
        target.execute(database, statements.toArray(new String[0]));
    }

    /** Inserts new rows and updates existing ones (from LOAD_FROM on) about 50 times a second. */
    private static void load(Pipeline p, DatabaseKind kind, boolean textKey, AtomicBoolean loading,
                             AtomicReference<Exception> failure) {
        Random random = new Random(7);
        int next = 10_000;
        try (var c = p.source().connect(p.database()); var s = c.createStatement()) {
            while (loading.get()) {
                s.execute(insert(kind, next++, textKey));
                int id = LOAD_FROM + random.nextInt(ROWS - LOAD_FROM);
                s.execute("update " + Pipeline.SOURCE_TABLE + " set name = 'u" + next + "', amount = amount + 1 where id = "
                        + key(id, textKey));
                Thread.sleep(20);
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }
}
