package io.cdcbundle.load;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cdcbundle.checker.Table;
import io.cdcbundle.checker.Engine;

/**
 * A new pipeline's initial load without the initial snapshot's trip through Kafka: the rows of existing tables are
 * copied from the source database into the target by JDBC, and the pipeline takes over from there.
 *
 * <p>Why the target ends equal to the source: the source connector is created first and streams every change after
 * its (one-row) snapshot into Kafka. Its snapshot has the sink create each target table in the sink's own types.
 * The sink is then stopped, the rows are copied (each row as it is when read, upserted over anything the sink wrote)
 * and the sink resumed: it applies every change it had not yet applied, in order, over the copy. For every row, the
 * last thing written is then its latest change, or the copy of a row that did not change after it was read; a row
 * deleted after the copy read it is deleted again. This holds for any interleaving of the copy with the source's
 * writes, so the copy needs no snapshot of its own and takes no lock; it needs the sink to upsert by the record key.
 */
public final class BulkInitialLoad {

    /** The transforms that move a row to another table or into another shape without changing a value. */
    private static final Set<String> ROW_PRESERVING_TRANSFORMS = Set.of("io.cdcbundle.transforms.FlattenEnvelope",
            "io.cdcbundle.transforms.RouteByTable", "io.debezium.transforms.ExtractNewRecordState",
            "org.apache.kafka.connect.transforms.RegexRouter", "io.debezium.transforms.ByLogicalTableRouter");

    private static final Set<String> SNAPSHOTTING_MODES = Set.of("initial", "when_needed");

    /** One table's outcome. */
    public record TableResult(String table, long rows, double seconds, String snapshotReason) {
        @Override
        public String toString() {
            if (snapshotReason != null) {
                return table + ": left to Debezium's snapshot: " + snapshotReason;
            }
            return rows < 0 ? table + ": to be copied" : String.format(Locale.ROOT, "%s: %d rows copied in %.1f s", table, rows, seconds);
        }
    }

    private final BulkLoadOptions options;
    private final PrintStream log;
    private final ConnectClient connect;

    public BulkInitialLoad(BulkLoadOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.connect = new ConnectClient(options.connectUrl());
    }

    public static void main(String[] args) {
        try {
            if (args.length == 0 || Arrays.asList(args).contains("--help")) {
                System.out.println(BulkLoadOptions.USAGE);
                return;
            }
            for (TableResult r : new BulkInitialLoad(BulkLoadOptions.parse(args), System.out).run()) {
                System.out.println(r);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("cdc-bundle bulk load: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("cdc-bundle bulk load failed: " + e.getMessage() + "\nFix the cause and run the command "
                    + "again as it is: a repeated run leaves an existing source connector alone and copies again.");
            System.exit(1);
        }
    }

    public List<TableResult> run() throws Exception {
        ConnectorJson source = options.source();
        ConnectorJson sink = options.sink();
        Engine from = options.sourceDatabase().engine();
        Engine to = options.targetDatabase().engine();
        checkConnectors(source, sink, from);
        List<LoadPlan.Decision> plan;
        try (Connection c = openSource()) {
            plan = LoadPlan.plan(c, from, to, options.tables(), utc(sink.get("use.time.zone")), overridden(source));
        }
        if (options.planOnly()) {
            return plan.stream().map(t -> new TableResult(t.pair().source(), t.copied() ? -1 : 0, 0, t.snapshotReason())).toList();
        }
        long start = System.nanoTime();
        boolean sourceExisted = connect.exists(source.name());
        Map<String, String> overrides = LoadPlan.sourceOverrides(plan, source.config());
        boolean restore = !overrides.isEmpty();
        if (sourceExisted) {
            log.println("cdc-bundle bulk load: " + source.name() + " exists; left as it is (a load run again)");
            restore = hasLoadOverrides(connect.config(source.name()), source.config());
        } else {
            refuseTargetsWithRows(plan, to);
            connect.put(source.name(), source.with(overrides));
        }
        connect.put(sink.name(), sink.config());
        List<LoadPlan.Decision> copied = awaitTargetTables(plan, to, sourceExisted);
        progress(start, "the sink created the tables to copy");
        connect.stop(sink.name(), Duration.ofMinutes(2));
        progress(start, "the sink stopped");
        List<TableResult> results = new ArrayList<>();
        try {
            for (LoadPlan.Decision t : plan) {
                results.add(copied.contains(t) ? copy(t, from, to)
                        : new TableResult(t.pair().source(), 0, 0, t.snapshotReason() != null ? t.snapshotReason()
                        : "it had no rows when the sink was to create its table"));
            }
        } finally {
            // the sink applies every change since it stopped over the copy; after a failed copy too, so that the
            // pipeline runs as it would have (run the command again to copy what is missing)
            connect.resume(sink.name());
            progress(start, "the sink resumed");
        }
        if (restore) {
            restoreSource(source, start);
        }
        return results;
    }

    /** Whether an earlier run's one-row selects are still in the source connector's configuration. */
    static boolean hasLoadOverrides(Map<?, ?> current, Map<String, String> own) {
        for (Map.Entry<?, ?> e : current.entrySet()) {
            String key = String.valueOf(e.getKey());
            if ((key.equals(LoadPlan.OVERRIDES) || key.startsWith(LoadPlan.OVERRIDES + "."))
                    && !String.valueOf(e.getValue()).equals(own.get(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives the source connector back its own configuration once its one-row snapshot is committed, so that a
     * snapshot it takes later (offsets reset, {@code when_needed}) reads whole tables again. Before that commit a
     * restart would snapshot again, whole tables this time: harmless but long, so it is waited for.
     */
    private void restoreSource(ConnectorJson source, long start) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (!pastSnapshot(connect.offsets(source.name()))) {
            if (System.nanoTime() > deadline) {
                log.println("cdc-bundle bulk load: WARNING " + source.name() + " committed no offset past its snapshot "
                        + "within " + options.timeout() + "; once it has, PUT its own configuration back (without "
                        + LoadPlan.OVERRIDES + "), or a later snapshot reads one row per copied table");
                return;
            }
            Thread.sleep(200);
        }
        connect.put(source.name(), source.config());
        progress(start, "the source connector has its own configuration again");
    }

    /**
     * Whether Debezium's committed offsets are past its initial snapshot: its offsets carry {@code snapshot} while
     * the snapshot runs, and PostgreSQL's keep it on the last snapshot record, marked as such.
     */
    static boolean pastSnapshot(List<Map<?, ?>> offsets) {
        if (offsets.isEmpty()) {
            return false;
        }
        for (Map<?, ?> partition : offsets) {
            if (!(partition.get("offset") instanceof Map<?, ?> offset)) {
                return false;
            }
            if (offset.containsKey("snapshot") && !"true".equals(String.valueOf(offset.get("last_snapshot_record")))
                    && !"true".equals(String.valueOf(offset.get("snapshot_completed")))) {
                return false;
            }
        }
        return true;
    }

    private void progress(long start, String what) {
        log.printf(Locale.ROOT, "cdc-bundle bulk load: %s (%.1f s)%n", what, (System.nanoTime() - start) / 1e9);
    }

    private TableResult copy(LoadPlan.Decision t, Engine from, Engine to) throws Exception {
        Table target;
        try (Connection c = openTarget()) {
            target = Table.describe(c, to, t.pair().target());
        }
        LoadPlan.Copy copy = LoadPlan.copy(t, from, target, to);
        if (!copy.targetOnly().isEmpty()) {
            log.println("cdc-bundle bulk load: " + t.pair().target() + " has columns the source has not, left to their "
                    + "defaults in copied rows: " + copy.targetOnly());
        }
        long start = System.nanoTime();
        long rows = new TableCopy(options.sourceDatabase(), options.targetDatabase(), copy, options.batchRows(),
                options.writers()).run();
        return new TableResult(t.pair().source(), rows, (System.nanoTime() - start) / 1e9, null);
    }

    /**
     * A new source connector's first row in a target table is what shows that its stream has begun, so that the copy
     * reads nothing the stream misses: rows already there would show it too early.
     */
    private void refuseTargetsWithRows(List<LoadPlan.Decision> plan, Engine to) throws SQLException {
        try (Connection target = openTarget()) {
            for (LoadPlan.Decision t : plan) {
                Table existing = t.copied() ? Table.describe(target, to, t.pair().target()) : null;
                if (existing != null && !LoadPlan.isEmpty(target, existing.quoted())) {
                    throw new IllegalArgumentException("--tables: the target table " + t.pair().target() + " already "
                            + "holds rows; a bulk load starts a pipeline on an empty or absent target table (empty it, "
                            + "or run the command again only while its source connector exists)");
                }
            }
        }
    }

    /**
     * Waits until the sink has written the first row of every copied table (and so created it): the source's stream
     * then holds every change after that row was read. A source table emptied meanwhile has no row to snapshot and
     * is left out (its rows, if any come, are all changes the sink applies). When the source connector already ran,
     * its stream began long ago and the table's existence is enough.
     */
    private List<LoadPlan.Decision> awaitTargetTables(List<LoadPlan.Decision> plan, Engine to, boolean sourceExisted)
            throws Exception {
        List<LoadPlan.Decision> waiting = new ArrayList<>(plan.stream().filter(LoadPlan.Decision::copied).toList());
        List<LoadPlan.Decision> ready = new ArrayList<>();
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try (Connection target = openTarget(); Connection source = openSource()) {
            while (!waiting.isEmpty()) {
                for (LoadPlan.Decision t : List.copyOf(waiting)) {
                    Table created = Table.describe(target, to, t.pair().target());
                    if (created != null && (sourceExisted || !LoadPlan.isEmpty(target, created.quoted()))) {
                        ready.add(t);
                        waiting.remove(t);
                    } else if (LoadPlan.isEmpty(source, t.source().quoted())) {
                        waiting.remove(t);
                    }
                }
                for (String connector : List.of(options.source().name(), options.sink().name())) {
                    String failure = connect.failure(connector);
                    if (failure != null) {
                        throw new IllegalStateException(failure);
                    }
                }
                if (!waiting.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the sink " + options.sink().name() + " created no table "
                                + waiting.stream().map(t -> t.pair().target()).toList() + " within " + options.timeout()
                                + "; check that its topics and table naming give these target tables");
                    }
                    Thread.sleep(100);
                }
            }
        }
        return ready;
    }


    /** Refuses connectors with which a copy would not end equal to what the pipeline writes. */
    static void checkConnectors(ConnectorJson source, ConnectorJson sink, Engine from) {
        String clazz = String.valueOf(source.get("connector.class"));
        Engine connectorEngine = clazz.contains("Postgres") ? Engine.POSTGRES
                : clazz.contains("MySql") || clazz.contains("MariaDb") ? Engine.MARIADB : null;
        if (connectorEngine == null) {
            throw new IllegalArgumentException("--source-connector: connector.class " + clazz + " is not Debezium's "
                    + "MariaDB, MySQL or PostgreSQL connector");
        }
        if (connectorEngine != from) {
            throw new IllegalArgumentException("--source-url is a " + from + " URL but the source connector reads "
                    + connectorEngine + "; give the URL of the connector's database");
        }
        String mode = source.get("snapshot.mode");
        if (mode != null && !SNAPSHOTTING_MODES.contains(mode.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--source-connector: snapshot.mode=" + mode + " takes no initial "
                    + "snapshot, so there is nothing to load; remove it or write snapshot.mode=initial");
        }
        for (String key : source.config().keySet()) {
            if (key.startsWith("column.mask.") || key.startsWith("column.truncate.")) {
                throw new IllegalArgumentException("--source-connector: " + key + " changes values that a copy would "
                        + "carry unchanged; load these tables with Debezium's snapshot (without the bulk load)");
            }
        }
        for (ConnectorJson connector : List.of(source, sink)) {
            String aliases = connector.get("transforms");
            for (String alias : aliases == null ? new String[0] : aliases.split(",")) {
                String type = connector.get("transforms." + alias.trim() + ".type");
                if (type != null && !ROW_PRESERVING_TRANSFORMS.contains(type.trim())) {
                    throw new IllegalArgumentException((connector == source ? "--source-connector" : "--sink-connector")
                            + ": transform " + alias.trim() + " (" + type.trim() + ") may change or drop rows, which a "
                            + "copy would carry unchanged; load without the bulk load, or without that transform");
                }
            }
        }
        if (!"upsert".equalsIgnoreCase(String.valueOf(sink.get("insert.mode")).trim())) {
            throw new IllegalArgumentException("--sink-connector: insert.mode=" + sink.get("insert.mode") + "; the sink "
                    + "applies changes over the copy, which needs insert.mode=upsert");
        }
        if (!"record_key".equalsIgnoreCase(String.valueOf(sink.get("primary.key.mode")).trim())) {
            throw new IllegalArgumentException("--sink-connector: primary.key.mode=" + sink.get("primary.key.mode")
                    + "; the copy and the sink meet on the target's primary key, which needs primary.key.mode=record_key");
        }
    }

    private static boolean utc(String zone) {
        return zone == null || Set.of("UTC", "Z", "+00:00", "Etc/UTC", "GMT").contains(zone.trim());
    }

    private static Set<String> overridden(ConnectorJson source) {
        String list = source.get(LoadPlan.OVERRIDES);
        Set<String> ids = new HashSet<>();
        for (String id : list == null ? new String[0] : list.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        return ids;
    }

    private Connection openSource() throws SQLException {
        return options.sourceDatabase().open();
    }

    private Connection openTarget() throws SQLException {
        return options.targetDatabase().open();
    }
}
