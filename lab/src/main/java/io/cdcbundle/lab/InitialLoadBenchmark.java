package io.cdcbundle.lab;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;

/**
 * {@code lab/run.sh load-bench}: a new pipeline's initial load. An N-row table (the seed's shape: id, name, amount)
 * that exists before the pipeline does is snapshotted by Debezium's source and written by the sink, timed from the
 * connectors' creation until the target holds every row, then compared with the source (counts, checksum). Stock
 * settings against the snapshot preset and the bulk initial load ({@link BulkLoadCommand}), all beside the raw-copy
 * limit: the same rows copied by plain JDBC in one process (a streaming SELECT, multi-row INSERTs of 1000 rows).
 */
public final class InitialLoadBenchmark {

    /** One direction's figures, rows per second. */
    public record Result(DatabaseKind source, DatabaseKind target, int rows, double rawCopy, double stock,
                         double preset, double bulk, boolean equal) {
    }

    /** The snapshot preset: the tuned streaming preset, plus bigger snapshot reads. */
    static final Map<String, String> SNAPSHOT_SOURCE = Map.of("snapshot.fetch.size", "10000");

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Lab lab;
    private final int rows;
    private final LoadTable table;

    public InitialLoadBenchmark(Lab lab, int rows, LoadTable table) {
        this.lab = lab;
        this.rows = rows;
        this.table = table;
    }

    public Result run(DatabaseKind from, DatabaseKind to) throws Exception {
        Pipeline stock = lab.pipeline("load-stock-" + from.id() + "-" + to.id() + "-" + RUNS.incrementAndGet(),
                lab.source(from), lab.target(to)).withSinkConfig(Map.of("connector.class", PipelineBenchmark.STOCK_SINK));
        Pipeline preset = Preset.FAST.applyTo(lab.pipeline("load-preset-" + from.id() + "-" + to.id() + "-"
                + RUNS.incrementAndGet(), lab.source(from), lab.target(to))).withSourceConfig(SNAPSHOT_SOURCE);
        Pipeline bulk = Preset.FAST.applyTo(lab.pipeline("load-bulk-" + from.id() + "-" + to.id() + "-"
                + RUNS.incrementAndGet(), lab.source(from), lab.target(to)));
        prepare(stock);
        double raw = RawCopy.rate(stock, table);
        double stockRate = load(stock);
        boolean equal = equal(stock);
        prepare(preset);
        double presetRate = load(preset);
        equal &= equal(preset);
        prepare(bulk);
        double bulkRate = bulkLoad(bulk);
        equal &= equal(bulk);
        return new Result(from, to, rows, raw, stockRate, presetRate, bulkRate, equal);
    }

    /** Rows/s of the bulk initial load (the command, its JVM's start included) until the target holds every row. */
    private double bulkLoad(Pipeline p) throws Exception {
        long start = System.nanoTime();
        try {
            BulkLoadCommand.Running command = BulkLoadCommand.start(lab, p, p.bulkLoadTables());
            PipelineBenchmark.awaitCount(p.target(), p.database(), rows, Duration.ofMinutes(30));
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            // the command then gives the source its own configuration back, once its snapshot is committed
            BulkLoadCommand.Outcome outcome = command.await();
            if (outcome.exitCode() != 0) {
                throw new IllegalStateException("the bulk load failed: " + String.join("\n", outcome.lines()));
            }
            return rate;
        } finally {
            lab.undeploy(p);
        }
    }

    private void prepare(Pipeline p) throws SQLException {
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), table.create(Pipeline.SOURCE_TABLE),
                table.fill(p.source().kind(), Pipeline.SOURCE_TABLE, rows));
        if (p.source().kind() == DatabaseKind.POSTGRES) {
            p.source().execute(p.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
    }

    /** Rows/s from the connectors' creation until the target holds every row. */
    private double load(Pipeline p) throws Exception {
        long start = System.nanoTime();
        lab.deploy(p);
        try {
            PipelineBenchmark.awaitCount(p.target(), p.database(), rows, Duration.ofMinutes(30));
            return rows / ((System.nanoTime() - start) / 1e9);
        } finally {
            lab.undeploy(p);
        }
    }

    private boolean equal(Pipeline p) throws SQLException {
        TableComparator.Comparison c = TableComparator.compare(p.source(), p.database(), Pipeline.SOURCE_TABLE,
                p.target(), p.database(), Pipeline.TARGET_TABLE, table.names());
        if (!c.equal()) {
            System.out.println("NOT EQUAL after the load of " + p.name() + ": " + c);
        }
        return c.equal();
    }

    /** The docs/benchmarks.md section. */
    static String report(List<Result> results, LoadTable table) {
        Map<String, String> presetSettings = new LinkedHashMap<>(Preset.FAST.source());
        presetSettings.putAll(SNAPSHOT_SOURCE);
        StringBuilder out = new StringBuilder("Initial load of an existing table (" + String.join(", ", table.names())
                + "), rows/s from the "
                + "connectors' creation (the bulk load: the command's start) until the target holds every row\n\n"
                + "| source -> target | rows | raw copy | stock | snapshot preset | bulk load | preset / stock "
                + "| preset / raw copy | bulk / stock | bulk / raw copy | equal |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format("| %s -> %s | %d | %.0f | %.0f | %.0f | %.0f | %.2fx | %.2f | %.2fx | %.2f | %s |%n",
                    r.source().id(), r.target().id(), r.rows(), r.rawCopy(), r.stock(), r.preset(), r.bulk(),
                    r.preset() / r.stock(), r.preset() / r.rawCopy(), r.bulk() / r.stock(), r.bulk() / r.rawCopy(),
                    r.equal() ? "yes" : "NO"));
        }
        out.append("\n- raw copy: " + RawCopy.DESCRIPTION + "\n- stock: Debezium's source and JDBC sink with the seed's corrected settings\n"
                + "- snapshot preset: the fast preset (docs/pipeline-benchmark.md) plus source " + SNAPSHOT_SOURCE
                + "\n- bulk load: the fast preset's connectors created by the bulk initial load command (docs/bulk-load.md),"
                + " which copies the rows by JDBC (two writers) and resumes the sink after the copy\n"
                + "- equal: source and target compared after each load (counts, checksum)\n"
                + "Targets: the initial load >= 3x stock and >= 0.50 of the raw copy.\n");
        return out.toString();
    }
}
