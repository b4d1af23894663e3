package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdcbundle.lab.TypeMatrix.Column;
import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bulk initial load ({@code BulkInitialLoad}, run from the checker's plugin directory as a user runs it) against
 * the real worker, connectors and servers: the target must end equal to the source although the source is written
 * all through the load, and every type the copy takes must read back as the sink writes it.
 */
@ExtendWith(LabExtension.class)
class BulkInitialLoadPipelineTest {

    private static final int ROWS = 20_000;

    /**
     * Inserts, updates and deletes run on the source from before the source connector exists until after the sink
     * was resumed, so that changes fall before, during and after the copy's reads and writes.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, MARIADB", "POSTGRES, POSTGRES", "MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void theTargetEndsEqualWhileTheSourceIsWrittenThroughTheLoad(DatabaseKind source, DatabaseKind target, Lab lab)
            throws Exception {
        Pipeline p = lab.pipeline("bulk-" + source.id() + "-to-" + target.id(), lab.source(source), lab.target(target));
        prepare(p, LoadTable.SEED.create(Pipeline.SOURCE_TABLE), LoadTable.SEED.fill(source, Pipeline.SOURCE_TABLE, ROWS));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        BulkLoadCommand.Outcome outcome = whileWriting(() -> writeUntilStopped(p, ROWS, writing, changes), writing,
                () -> BulkLoadCommand.run(lab, p, p.bulkLoadTables()));
        try {
            assertLoaded(lab, p, outcome, p.sourceCollection(Pipeline.SOURCE_TABLE), ROWS / 2);
            assertTrue(changes.get() > 100, "the source was written during the load: " + changes.get() + " changes");
            LoadAssertions.assertEqualAfterLoad(awaitEqual(p), ROWS);
        } finally {
            lab.undeploy(p);
        }
    }

    /**
     * One source and one sink (RouteByTable, FlattenEnvelope) for three tables: two are copied, the third has an
     * interval, which the sink turns into microseconds on MariaDB, so it is left to Debezium's snapshot. Rows are
     * inserted into it and the copied ones are updated while the command runs; every target table must end equal.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"POSTGRES, MARIADB"})
    void tablesCopiedAndATableLeftToTheSnapshotInOneLoad(DatabaseKind source, DatabaseKind target, Lab lab) throws Exception {
        List<String> tables = List.of("customers", "orders", "audit_log");
        Pipeline p = lab.pipeline("bulk-mixed-" + source.id() + "-to-" + target.id(), lab.source(source), lab.target(target));
        Map<String, String> sink = new HashMap<>();
        sink.put("topics", null);
        sink.put("topics.regex", p.prefix() + "\\.public\\..*");
        sink.put("collection.name.format", "${topic}");
        sink.put("consumer.override.metadata.max.age.ms", "1000"); // see RouteByTablePipelineTest
        sink.put("primary.key.fields", null);
        sink.put("transforms", "route,flatten");
        sink.put("transforms.route.type", "io.cdcbundle.transforms.RouteByTable");
        sink.put("transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope");
        Pipeline mixed = p.withSinkConfig(sink).withSourceConfig(Map.of("table.include.list",
                String.join(",", tables.stream().map(t -> "public." + t).toList())));
        mixed.source().recreateDatabase(mixed.database());
        mixed.target().recreateDatabase(mixed.database());
        mixed.source().execute(mixed.database(), LoadTable.SEED.create("customers"), LoadTable.SEED.create("orders"),
                "create table audit_log (id int primary key, name varchar(32), amount int, spent interval)",
                LoadTable.SEED.fill(source, "customers", 3000), LoadTable.SEED.fill(source, "orders", 5000),
                "insert into audit_log select g, 'audit', g % 1000, g * interval '1 second' from generate_series(1, 2000) g",
                "CREATE PUBLICATION dbz_publication FOR TABLE " + String.join(", ", tables));
        AtomicBoolean writing = new AtomicBoolean(true);
        Runnable writer = () -> {
            try (Connection c = mixed.source().connect(mixed.database());
                 PreparedStatement audit = c.prepareStatement("insert into audit_log values (?, 'later', 1, interval '1 day')");
                 PreparedStatement order = c.prepareStatement("update orders set amount = amount + 1 where id = ?")) {
                for (int id = 2001; writing.get(); id++) {
                    audit.setInt(1, id);
                    audit.executeUpdate();
                    order.setInt(1, 1 + id % 5000);
                    order.executeUpdate();
                    Thread.sleep(5);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("the writer failed", e);
            }
        };
        String pairs = String.join(",", tables.stream().map(t -> "public." + t + "=" + t).toList());
        BulkLoadCommand.Outcome outcome = whileWriting(writer, writing, () -> BulkLoadCommand.run(lab, mixed, pairs));
        try {
            assertLoaded(lab, mixed, outcome, "public.orders", 5000);
            assertEquals(3000, outcome.copied("public.customers"), outcome.lines().toString());
            assertTrue(outcome.about("public.audit_log").contains("left to Debezium's snapshot: column spent (interval)"),
                    outcome.lines().toString());
            for (String table : tables) {
                TableComparator.Comparison c = awaitEqual(mixed, table);
                assertTrue(c.equal() && c.sourceRows() >= 2000, table + ": " + c);
            }
        } finally {
            lab.undeploy(mixed);
        }
    }

    /**
     * The command killed while it copies leaves the sink stopped (changes wait in Kafka); run again as it is, it
     * copies again over what the first run wrote and resumes the sink: the target ends equal, although the source was
     * written all along, and the source has its own configuration back.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void aLoadKilledDuringTheCopyEndsEqualWhenRunAgain(DatabaseKind source, DatabaseKind target, Lab lab) throws Exception {
        int rows = 300_000;
        Pipeline p = lab.pipeline("bulk-killed-" + source.id() + "-to-" + target.id(), lab.source(source), lab.target(target));
        prepare(p, LoadTable.SEED.create(Pipeline.SOURCE_TABLE), LoadTable.SEED.fill(source, Pipeline.SOURCE_TABLE, rows));
        AtomicBoolean writing = new AtomicBoolean(true);
        BulkLoadCommand.Outcome second = whileWriting(() -> writeUntilStopped(p, rows, writing, new AtomicInteger()),
                writing, () -> {
            BulkLoadCommand.Running first = BulkLoadCommand.start(lab, p, p.bulkLoadTables());
            for (long deadline = System.nanoTime() + 120_000_000_000L;
                 !java.nio.file.Files.readString(first.output()).contains("the sink stopped"); Thread.sleep(20)) {
                assertTrue(System.nanoTime() < deadline && first.process().isAlive(),
                        "the first run reached its copy: " + java.nio.file.Files.readString(first.output()));
            }
            Thread.sleep(300);
            first.process().destroyForcibly().waitFor();
            assertEquals("STOPPED", lab.rest().status(p.sinkConnector()).path("connector").path("state").asText(),
                    "killed during the copy, before the sink was resumed");
            return BulkLoadCommand.run(lab, p, p.bulkLoadTables());
        });
        try {
            assertLoaded(lab, p, second, p.sourceCollection(Pipeline.SOURCE_TABLE), rows / 2);
            LoadAssertions.assertEqualAfterLoad(awaitEqual(p), rows);
        } finally {
            lab.undeploy(p);
        }
    }

    /**
     * Every type of the matrix that the copy takes (the command's {@code --plan} names the others, which leave their
     * table to Debezium's snapshot) reads back in the target as the sink writes it; then updates to and from NULL
     * and a delete, applied by the resumed sink over the copied rows.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, MARIADB", "POSTGRES, POSTGRES", "MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void everyTypeTheCopyTakesReadsBackAsTheSinkWritesIt(DatabaseKind source, DatabaseKind target, Lab lab)
            throws Exception {
        Pipeline p = lab.pipeline("bulk-types-" + source.id() + "-to-" + target.id(), lab.source(source), lab.target(target));
        List<Column> all = TypeMatrix.of(source).stream().filter(c -> c.runsTo(target)).toList();
        TypeMatrixPipelineTest.createSourceTable(p, all);
        TypeMatrixPipelineTest.insertRows(p, all);
        BulkLoadCommand.Outcome plan = BulkLoadCommand.run(lab, p, p.bulkLoadTables(), "--plan");
        assertEquals(0, plan.exitCode(), String.join("\n", plan.lines()));
        Set<String> notCopied = notCopied(plan.about(p.sourceCollection(Pipeline.SOURCE_TABLE)));
        List<Column> copied = all.stream().filter(c -> !notCopied.contains(c.name())).toList();
        assertTrue(copied.size() > all.size() / 2, "most types are copied: not " + notCopied);
        System.out.println("  bulk load " + source.id() + " -> " + target.id() + ": left to the snapshot " + notCopied);

        TypeMatrixPipelineTest.createSourceTable(p, copied);
        TypeMatrixPipelineTest.insertRows(p, copied);
        BulkLoadCommand.Outcome outcome = BulkLoadCommand.run(lab, p, p.bulkLoadTables());
        try {
            assertEquals(0, outcome.exitCode(), String.join("\n", outcome.lines()));
            assertEquals(3, outcome.copied(p.sourceCollection(Pipeline.SOURCE_TABLE)), "the three rows copied: " + outcome.lines());
            TypeMatrixPipelineTest.assertTargetReadsAsSource(lab, p, copied, Set.of(1, 2, 3), "after the bulk load");
            TypeMatrixPipelineTest.updateAndDelete(p, copied);
            TypeMatrixPipelineTest.assertTargetReadsAsSource(lab, p, copied, Set.of(1, 3), "after the updates and the delete");
        } finally {
            lab.undeploy(p);
        }
    }

    /**
     * A target table that already holds rows could hide that the new source connector's stream has not begun (the
     * command waits for the stream's first row there): refused before any connector is created.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, POSTGRES"})
    void aTargetTableWithRowsIsRefusedBeforeAnyConnectorExists(DatabaseKind source, DatabaseKind target, Lab lab)
            throws Exception {
        Pipeline p = lab.pipeline("bulk-refused-" + source.id() + "-to-" + target.id(), lab.source(source), lab.target(target));
        prepare(p, LoadTable.SEED.create(Pipeline.SOURCE_TABLE), LoadTable.SEED.fill(source, Pipeline.SOURCE_TABLE, 10));
        p.target().execute(p.database(), LoadTable.SEED.create(Pipeline.TARGET_TABLE),
                "insert into " + Pipeline.TARGET_TABLE + " values (1, 'old', 0)");
        BulkLoadCommand.Outcome outcome = BulkLoadCommand.run(lab, p, p.bulkLoadTables());
        assertEquals(2, outcome.exitCode(), String.join("\n", outcome.lines()));
        assertTrue(String.join("\n", outcome.lines()).contains("--tables: the target table target_table already holds rows"),
                outcome.lines().toString());
        assertEquals(404, lab.rest().send("GET", "/connectors/" + p.sourceConnector(), null).status());
        assertEquals(404, lab.rest().send("GET", "/connectors/" + p.sinkConnector(), null).status());
    }

    /** Runs {@code load} while {@code writer} writes the source, and stops the writer a second after the load. */
    private static BulkLoadCommand.Outcome whileWriting(Runnable writer, AtomicBoolean writing,
                                                        Callable<BulkLoadCommand.Outcome> load) throws Exception {
        Thread thread = new Thread(writer, "source-writer");
        thread.start();
        try {
            BulkLoadCommand.Outcome outcome = load.call();
            Thread.sleep(1000);
            return outcome;
        } finally {
            writing.set(false);
            thread.join();
        }
    }

    /** The command ended well, copied at least {@code rows} of {@code table}, and gave the source its own config back. */
    private static void assertLoaded(Lab lab, Pipeline p, BulkLoadCommand.Outcome outcome, String table, long rows) {
        assertEquals(0, outcome.exitCode(), String.join("\n", outcome.lines()));
        assertTrue(outcome.copied(table) >= rows, "copied, not snapshotted: " + outcome.lines());
        String config = lab.rest().send("GET", "/connectors/" + p.sourceConnector() + "/config", null).body();
        assertFalse(config.contains("snapshot.select.statement.overrides"), "the source has its own config back: " + config);
    }

    private static Set<String> notCopied(String planLine) {
        Set<String> names = new java.util.TreeSet<>();
        if (planLine != null) {
            Matcher m = Pattern.compile("column (\\S+) \\(").matcher(planLine);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void prepare(Pipeline p, String... statements) throws SQLException {
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), statements);
        if (p.source().kind() == DatabaseKind.POSTGRES) {
            p.source().execute(p.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
    }

    /** Random inserts (new ids), updates and deletes of the table's rows, one statement each, until stopped. */
    private static void writeUntilStopped(Pipeline p, int rows, AtomicBoolean writing, AtomicInteger changes) {
        Random random = new Random(7);
        int nextId = rows + 1;
        try (Connection c = p.source().connect(p.database());
             PreparedStatement insert = c.prepareStatement("insert into " + Pipeline.SOURCE_TABLE + " values (?, ?, ?)");
             PreparedStatement update = c.prepareStatement("update " + Pipeline.SOURCE_TABLE + " set name = ?, amount = amount + 1 where id = ?");
             PreparedStatement delete = c.prepareStatement("delete from " + Pipeline.SOURCE_TABLE + " where id = ?")) {
            while (writing.get()) {
                int op = random.nextInt(3);
                int id = 1 + random.nextInt(nextId - 1);
                if (op == 0) {
                    insert.setInt(1, nextId++);
                    insert.setString(2, "new-" + nextId);
                    insert.setInt(3, random.nextInt(1000));
                    insert.executeUpdate();
                } else if (op == 1) {
                    update.setString(1, "changed-" + changes.get());
                    update.setInt(2, id);
                    update.executeUpdate();
                } else {
                    delete.setInt(1, id);
                    delete.executeUpdate();
                }
                changes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("the source writer failed", e);
        }
    }

    private static TableComparator.Comparison awaitEqual(Pipeline p) throws Exception {
        return awaitEqual(p, Pipeline.SOURCE_TABLE, Pipeline.TARGET_TABLE);
    }

    private static TableComparator.Comparison awaitEqual(Pipeline p, String table) throws Exception {
        return awaitEqual(p, table, table);
    }

    private static TableComparator.Comparison awaitEqual(Pipeline p, String sourceTable, String targetTable) throws Exception {
        List<String> columns = new ArrayList<>(LoadTable.SEED.names());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        TableComparator.Comparison c;
        do {
            c = TableComparator.compare(p.source(), p.database(), sourceTable, p.target(), p.database(), targetTable, columns);
            if (c.equal()) {
                return c;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return c;
    }
}
