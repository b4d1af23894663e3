package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * cdc-bundle's sink dialect (SafeJdbcSinkTask, the task of every lab sink) beside Debezium's own dialect
 * ({@code bundle.dialect.enabled=false}): both sinks read the same topic into databases of their own.
 */
@ExtendWith(LabExtension.class)
class SafeDialectPipelineTest {

    /**
     * primary.key.fields naming no field of the record key (a typo: {@code uid} for {@code id}) passes every
     * validation and leaves the records without key fields: Debezium's dialect turns a delete into
     * {@code DELETE FROM t}, emptying the target; ours refuses it and the task stops, naming the record.
     */
    @ParameterizedTest(name = "mariadb -> {0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "POSTGRES"})
    void aDeleteWithoutKeyIsRefusedNotApplied(DatabaseKind target, Lab lab) throws Exception {
        Pipeline ours = lab.pipeline("nokey-to-" + target.id(), lab.source(DatabaseKind.MARIADB), lab.target(target))
                .withSinkConfig(Map.of("insert.mode", "insert", "primary.key.fields", "uid"));
        Pipeline stock = secondSink(lab, ours, "nokey-stock-to-" + target.id());
        ours.source().recreateDatabase(ours.database());
        ours.target().recreateDatabase(ours.database());
        ours.source().execute(ours.database(), "create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(10))");
        lab.deploy(ours);
        lab.deployConnector(stock.sinkConnectorJson(lab.cluster().bootstrapServers()), stock.sinkConnector());
        try {
            ours.source().execute(ours.database(), "insert into " + Pipeline.SOURCE_TABLE
                    + " values (1, 'a'), (2, 'b'), (3, 'c')");
            awaitCount(ours, 3);
            awaitCount(stock, 3);

            ours.source().execute(ours.database(), "delete from " + Pipeline.SOURCE_TABLE + " where id = 2");

            awaitCount(stock, 0);
            String trace = awaitFailedTask(lab, ours.sinkConnector());
            assertTrue(trace.contains("Refused to DELETE") && trace.contains("primary.key.mode"), trace);
            assertEquals(3, count(ours), "our dialect applied nothing of the unkeyed delete");
        } finally {
            lab.rest().deleteConnector(stock.sinkConnector());
            lab.undeploy(ours);
        }
    }

    /**
     * PostgreSQL sends Debezium's placeholder for an unchanged TOASTed column: Debezium's dialect writes it over the
     * target's text; ours keeps the text.
     */
    @ParameterizedTest(name = "postgres -> {0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRES", "MARIADB"})
    void anUnavailableToastValueKeepsTheTargetsText(DatabaseKind target, Lab lab) throws Exception {
        Pipeline ours = lab.pipeline("toast-to-" + target.id(), lab.source(DatabaseKind.POSTGRES), lab.target(target));
        Pipeline stock = secondSink(lab, ours, "toast-stock-to-" + target.id());
        ours.source().recreateDatabase(ours.database());
        ours.target().recreateDatabase(ours.database());
        String body = randomText(8000);
        // EXTERNAL: stored out of line uncompressed, so the 8 kB value is TOASTed whatever it compresses to.
        ours.source().execute(ours.database(),
                "CREATE TABLE public." + Pipeline.SOURCE_TABLE + " (id int PRIMARY KEY, body text, n int)",
                "ALTER TABLE public." + Pipeline.SOURCE_TABLE + " ALTER COLUMN body SET STORAGE EXTERNAL",
                "CREATE PUBLICATION dbz_publication FOR TABLE public." + Pipeline.SOURCE_TABLE);
        lab.deploy(ours);
        lab.deployConnector(stock.sinkConnectorJson(lab.cluster().bootstrapServers()), stock.sinkConnector());
        try {
            ours.source().execute(ours.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (1, '" + body + "', 0)");
            ours.source().execute(ours.database(), "update " + Pipeline.SOURCE_TABLE + " set n = 1 where id = 1");

            String kept = awaitBodyWithN(ours, 1);
            assertTrue(body.equals(kept), "our dialect kept the 8000-character text; the target holds " + brief(kept));
            assertEquals("__debezium_unavailable_value", brief(awaitBodyWithN(stock, 1)),
                    "Debezium's dialect writes the placeholder (if this fails, Debezium fixed it)");
        } finally {
            lab.rest().deleteConnector(stock.sinkConnector());
            lab.undeploy(ours);
        }
    }

    /**
     * A source delete reaches the sink as a delete event and its tombstone. Debezium's sink deletes the row twice and,
     * the tombstone having no value schema, flushes its buffer at every switch between the two: one transaction per
     * record. Ours merges each pair into one delete at the tombstone's offset: a transaction per batch, and the
     * committed offset still reaches the end of the topic. Each sink drains the same topic alone, counted by the
     * target server's COMMITs.
     */
    @Test
    void deletesAndTheirTombstonesCommitPerBatchNotPerRecord(Lab lab) throws Exception {
        int rows = 300;
        Pipeline ours = lab.pipeline("tombstones-to-mariadb", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.MARIADB));
        Pipeline stock = secondSink(lab, ours, "tombstones-stock-to-mariadb");
        ours.source().recreateDatabase(ours.database());
        ours.target().recreateDatabase(ours.database());
        ours.source().execute(ours.database(), "create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(10))");
        StringBuilder values = new StringBuilder();
        for (int id = 1; id <= rows; id++) {
            values.append(id == 1 ? "" : ", ").append("(").append(id).append(", 'n").append(id).append("')");
        }
        ours.source().execute(ours.database(), "insert into " + Pipeline.SOURCE_TABLE + " values " + values);
        lab.deploySource(ours);
        try {
            // The snapshot has read the rows once they are in the topic; the deletes then come from the binlog.
            PipelineBenchmark.awaitTopic(lab, ours.topic(), rows, System.nanoTime());
            ours.source().execute(ours.database(), "delete from " + Pipeline.SOURCE_TABLE + " where id > 0");
            PipelineBenchmark.awaitTopic(lab, ours.topic(), 3 * rows, System.nanoTime());

            long ourCommits = commitsWhileDraining(lab, ours, ours.topic(), 3 * rows);
            long stockCommits = commitsWhileDraining(lab, stock, ours.topic(), 3 * rows);

            assertEquals(0, count(ours), "every row deleted by ours");
            assertEquals(0, count(stock), "every row deleted by Debezium's dialect");
            assertTrue(ourCommits <= 20, "ours committed " + ourCommits + " times (Debezium's dialect " + stockCommits + ") for " + rows + " inserts and "
                    + rows + " delete/tombstone pairs");
            assertTrue(stockCommits >= 2L * rows, "Debezium's dialect committed " + stockCommits + " times (if this "
                    + "fails, Debezium no longer flushes at each tombstone)");
        } finally {
            lab.rest().deleteConnector(ours.sourceConnector());
        }
    }

    /**
     * The dialect keeps target table descriptions between batches; a column added at the source makes the sink ALTER
     * the target, and the batches after it must see the new column (a stale description would ALTER again and fail
     * on the duplicate column).
     */
    @ParameterizedTest(name = "mariadb -> {0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "POSTGRES"})
    void aColumnAddedAtTheSourceReachesTheTarget(DatabaseKind target, Lab lab) throws Exception {
        Pipeline pipeline = runningWithRowOne(lab, "evolve-to-" + target.id(), target);
        try {
            pipeline.source().execute(pipeline.database(), "alter table " + Pipeline.SOURCE_TABLE + " add column note varchar(20)",
                    "insert into " + Pipeline.SOURCE_TABLE + " values (2, 'b', 'second')");
            awaitCount(pipeline, 2);
            pipeline.source().execute(pipeline.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (3, 'c', 'third')",
                    "update " + Pipeline.SOURCE_TABLE + " set note = 'first' where id = 1");
            awaitCount(pipeline, 3);
            List<String> written = List.of("first", "second", "third");
            Poll.until(Duration.ofSeconds(60), () -> notes(pipeline, "").equals(written));
            assertEquals(written, notes(pipeline, ""), "the added column, written in later batches");
            assertEquals("RUNNING", lab.rest().status(pipeline.sinkConnector()).path("tasks").path(0).path("state").asText());
        } finally {
            lab.undeploy(pipeline);
        }
    }

    /**
     * A column added to the target by hand (or by another task of the sink) before the source sends it: the dialect's
     * kept description of the table lacks it, and must be read again instead of making Debezium ALTER the table a
     * second time (which fails on the existing column and stops the task).
     */
    @Test
    void aColumnAddedToTheTargetFirstIsSeen(Lab lab) throws Exception {
        Pipeline pipeline = runningWithRowOne(lab, "premade-to-postgres", DatabaseKind.POSTGRES);
        try {
            pipeline.target().execute(pipeline.database(), "alter table " + Pipeline.TARGET_TABLE + " add column note varchar(20)");
            pipeline.source().execute(pipeline.database(), "alter table " + Pipeline.SOURCE_TABLE + " add column note varchar(20)",
                    "insert into " + Pipeline.SOURCE_TABLE + " values (2, 'b', 'second')");
            awaitCount(pipeline, 2);
            assertEquals(List.of("second"), notes(pipeline, "where id = 2"));
            assertEquals("RUNNING", lab.rest().status(pipeline.sinkConnector()).path("tasks").path(0).path("state").asText());
        } finally {
            lab.undeploy(pipeline);
        }
    }

    /** A MariaDB source's (id, name) table replicating to {@code target}, whose table the sink has made: row 1 is in. */
    private static Pipeline runningWithRowOne(Lab lab, String name, DatabaseKind target) throws Exception {
        Pipeline pipeline = lab.pipeline(name, lab.source(DatabaseKind.MARIADB), lab.target(target));
        pipeline.source().recreateDatabase(pipeline.database());
        pipeline.target().recreateDatabase(pipeline.database());
        pipeline.source().execute(pipeline.database(), "create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(10))");
        lab.deploy(pipeline);
        try {
            pipeline.source().execute(pipeline.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (1, 'a')");
            awaitCount(pipeline, 1);
            return pipeline;
        } catch (Exception | AssertionError e) {
            lab.undeploy(pipeline);
            throw e;
        }
    }

    private static List<String> notes(Pipeline pipeline, String where) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Connection c = pipeline.target().connect(pipeline.database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select note from " + Pipeline.TARGET_TABLE + " " + where + " order by id")) {
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
        }
        return notes;
    }

    /** Runs the sink of {@code pipeline} until its committed offset is the end of {@code topic}; COMMITs the target counted. */
    private static long commitsWhileDraining(Lab lab, Pipeline pipeline, String topic, long records) throws Exception {
        long before = comCommit(pipeline.target());
        lab.deployConnector(pipeline.sinkConnectorJson(lab.cluster().bootstrapServers()), pipeline.sinkConnector());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                lab.cluster().bootstrapServers()))) {
            var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long committed = -1;
            while (committed < records && System.nanoTime() < deadline) {
                Thread.sleep(200);
                var offsets = admin.listConsumerGroupOffsets("connect-" + pipeline.sinkConnector())
                        .partitionsToOffsetAndMetadata().get();
                committed = offsets.get(partition) == null ? -1 : offsets.get(partition).offset();
            }
            assertEquals(records, committed, "offset committed by " + pipeline.sinkConnector());
        } finally {
            lab.rest().deleteConnector(pipeline.sinkConnector());
        }
        return comCommit(pipeline.target()) - before;
    }

    private static long comCommit(DatabaseServer server) throws SQLException {
        try (Connection c = server.connect(server.kind().maintenanceDatabase()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_commit'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** Through a jdbc:mysql: URL Hibernate takes MariaDB for MySQL 5.5; the dialect still writes for MariaDB. */
    @Test
    void mariadbBehindAMysqlUrl(Lab lab) throws Exception {
        DatabaseServer target = lab.target(DatabaseKind.MARIADB);
        Pipeline pipeline = lab.pipeline("mysql-url-to-mariadb", lab.source(DatabaseKind.POSTGRES), target);
        pipeline = pipeline.withSinkConfig(Map.of("connection.url", "jdbc:mysql://" + target.host() + ":" + target.port()
                + "/" + pipeline.database() + "?nullDatabaseMeansCurrent=true&sslMode=DISABLED&allowPublicKeyRetrieval=true"));
        SeedScenarioPipelineTest.assertSeedScenarioReplicates(lab, pipeline);
    }

    /**
     * A sink task that Connect gave up stopping (here: blocked by a table lock while Connect restarts it) still
     * commits the batch it holds once it can; its successor has taken the next generation of the task's write fence
     * by then, so that commit is rolled back instead of landing after the successor's writes.
     */
    @Test
    void aSinkTaskReplacedWhileBlockedCannotCommit(Lab lab) throws Exception {
        Pipeline pipeline = lab.pipeline("fence-to-postgres", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.POSTGRES));
        SeedScenario.prepare(pipeline);
        lab.deploy(pipeline);
        String task = pipeline.sinkConnector() + "/0";
        try {
            pipeline.source().execute(pipeline.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (1, 'a')");
            awaitName(pipeline, "a");
            assertEquals(1, generation(pipeline, task));
            try (Connection lock = pipeline.target().connect(pipeline.database()); Statement s = lock.createStatement()) {
                lock.setAutoCommit(false);
                s.execute("LOCK TABLE " + Pipeline.TARGET_TABLE + " IN EXCLUSIVE MODE");
                pipeline.source().execute(pipeline.database(), "update " + Pipeline.SOURCE_TABLE + " set name = 'b' where id = 1");
                Thread.sleep(3000); // the sink task is now waiting for the lock, inside its write
                lab.rest().send("POST", "/connectors/" + pipeline.sinkConnector() + "/tasks/0/restart", null);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (generation(pipeline, task) < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(2, generation(pipeline, task), "the successor took the next generation");
                pipeline.source().execute(pipeline.database(), "update " + Pipeline.SOURCE_TABLE + " set name = 'c' where id = 1");
                lock.rollback();
            }
            awaitName(pipeline, "c");
            String log = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("cdcbundle.lab.logFile")));
            assertTrue(log.contains("Fenced: a newer instance of sink task '" + task + "' (generation 2) started after this "
                    + "one (generation 1)"), "the replaced instance's commit was refused");
        } finally {
            lab.undeploy(pipeline);
        }
    }

    private static long generation(Pipeline pipeline, String task) throws SQLException {
        try (Connection c = pipeline.target().connect(pipeline.database());
             java.sql.PreparedStatement s = c.prepareStatement("select generation from cdc_bundle_fence where name = ?")) {
            s.setString(1, task);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void awaitName(Pipeline pipeline, String name) throws Exception {
        List<SeedScenario.Row> expected = List.of(new SeedScenario.Row(1, name));
        assertEquals(expected, SeedScenario.awaitRows(pipeline.target(), pipeline.database(), Pipeline.TARGET_TABLE,
                expected, Duration.ofSeconds(60)), "target of " + pipeline.sinkConnector());
    }

    /** A sink connector named {@code name}, with Debezium's own dialect, writing {@code ours}' topic into its own database. */
    private static Pipeline secondSink(Lab lab, Pipeline ours, String name) throws SQLException {
        Pipeline stock = lab.pipeline(name, ours.source(), ours.target()).withSinkConfig(ours.sinkOverrides())
                .withSinkConfig(Map.of("topics", ours.topic(), "bundle.dialect.enabled", "false"));
        stock.target().recreateDatabase(stock.database());
        return stock;
    }

    private static String brief(String text) {
        return text == null || text.length() <= 40 ? text : text.length() + " characters starting " + text.substring(0, 20);
    }

    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }


    private static int count(Pipeline pipeline) throws SQLException {
        return pipeline.targetRowCount();
    }

    private static void awaitCount(Pipeline pipeline, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last = count(pipeline);
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = count(pipeline);
        }
        assertEquals(expected, last, "rows in the target of " + pipeline.sinkConnector());
    }

    private static String awaitBodyWithN(Pipeline pipeline, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = pipeline.target().connect(pipeline.database()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select body from " + Pipeline.TARGET_TABLE + " where id = 1 and n = " + n)) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            } catch (SQLException noTableYet) {
                // the sink has not created it yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("row 1 with n=" + n + " never reached the target of " + pipeline.sinkConnector());
    }

    private static String awaitFailedTask(Lab lab, String connector) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> states = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (var task : lab.rest().status(connector).path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    return task.path("trace").asText();
                }
                states.add(task.path("state").asText());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(connector + " did not fail; its tasks were " + states.subList(Math.max(0, states.size() - 3), states.size()));
    }
}
