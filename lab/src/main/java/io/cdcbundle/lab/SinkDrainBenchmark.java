package io.cdcbundle.lab;

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

/**
 * The sink alone ({@code lab/run.sh sink-bench}): a topic filled once with an upsert load (N inserts, then N/5
 * updates, then N/50 deletes) is drained by JDBC sink connectors that differ only in their dialect, each into a
 * database of its own, timed from the connector's creation until the target holds the source's final rows, then
 * compared with the source (counts and checksum). Each round starts with the next dialect, so that drift on a noisy
 * machine, and the first read of a cold topic, fall on each.
 */
public final class SinkDrainBenchmark {

    /** A dialect under measurement: extra sink properties over the seed's corrected sink connector. */
    public record Dialect(String name, Map<String, String> sink) {
    }

    public static final List<Dialect> DIALECTS = List.of(
            new Dialect("stock", Map.of("bundle.dialect.enabled", "false")),
            new Dialect("cdc-bundle", Map.of()));

    /** One drain. */
    public record Result(String dialect, DatabaseKind target, int events, double seconds, boolean equal) {
    }

    private static final List<String> COLUMNS = List.of("id", "name", "amount");

    private final Lab lab;
    private final String name;
    private final int rows;
    private final Map<String, String> sinkSettings;
    private int runs;

    /**
     * @param name         prefix of its databases and connectors: a PostgreSQL source database keeps its replication
     *                     slot after its connector is gone, so a second benchmark in the same lab needs its own
     * @param sinkSettings set on every dialect's sink, e.g. batch sizes
     */
    public SinkDrainBenchmark(Lab lab, String name, int rows, Map<String, String> sinkSettings) {
        this.lab = lab;
        this.name = name;
        this.rows = rows;
        this.sinkSettings = sinkSettings;
    }

    /** Fills the topic from a source of {@code kind}, then drains it {@code rounds} times per dialect. */
    public List<Result> run(DatabaseKind kind, int rounds) throws Exception {
        Pipeline source = lab.pipeline(name + "-" + kind.id(), lab.source(kind), lab.target(kind));
        source.source().recreateDatabase(source.database());
        source.source().execute(source.database(),
                "create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(32), amount int)");
        if (kind == DatabaseKind.POSTGRES) {
            source.source().execute(source.database(), "CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
        }
        lab.deploySource(source);
        try {
            int events = load(source);
            Target expected;
            try (Connection c = source.source().connect(source.database()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), max(id) from " + Pipeline.SOURCE_TABLE)) {
                rs.next();
                expected = new Target(rs.getInt(1), rs.getInt(2));
            }
            List<Result> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int d = 0; d < DIALECTS.size(); d++) {
                    results.add(drain(source, DIALECTS.get((d + round) % DIALECTS.size()), events, expected));
                }
            }
            return results;
        } finally {
            lab.rest().deleteConnector(source.sourceConnector());
        }
    }

    /** The load, and the number of events it puts in the topic once Debezium has read it all. */
    private int load(Pipeline pipeline) throws Exception {
        DatabaseServer server = pipeline.source();
        PipelineBenchmark.insertRows(server, pipeline.database(), 1, rows);
        String concat = server.kind() == DatabaseKind.POSTGRES ? "name || '-u'" : "concat(name, '-u')";
        int updates = inChunks(server, pipeline.database(), "update " + Pipeline.SOURCE_TABLE
                + " set amount = amount + 1, name = " + concat + " where mod(id, 5) = 0");
        int deletes = inChunks(server, pipeline.database(), "delete from " + Pipeline.SOURCE_TABLE + " where mod(id, 50) = 7");
        int events = rows + updates + 2 * deletes; // each delete is followed by its tombstone
        PipelineBenchmark.awaitTopic(lab, pipeline.topic(), events, System.nanoTime());
        return events;
    }

    /** Runs {@code sql} (ending in a WHERE clause) over 1000 ids at a time, as 1000-row transactions; rows changed. */
    private int inChunks(DatabaseServer server, String database, String sql) throws SQLException {
        int changed = 0;
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (int from = 1; from <= rows; from += 1000) {
                changed += s.executeUpdate(sql + " and id between " + from + " and " + Math.min(rows, from + 999));
            }
        }
        return changed;
    }

    /** What a drained target holds: the source's row count, and its last row (every insert applied). */
    private record Target(int rows, int lastId) {
    }

    private Result drain(Pipeline source, Dialect dialect, int events, Target expected) throws Exception {
        Pipeline sink = lab.pipeline(name + "-" + dialect.name().replace("-", "") + "-" + source.target().kind().id()
                + "-" + (++runs), source.source(), source.target())
                .withSinkConfig(Map.of("topics", source.topic())).withSinkConfig(sinkSettings).withSinkConfig(dialect.sink());
        sink.target().recreateDatabase(sink.database());
        long start = System.nanoTime();
        lab.deployConnector(sink.sinkConnectorJson(lab.cluster().bootstrapServers()), sink.sinkConnector());
        try {
            awaitDrained(sink, expected);
            double seconds = (System.nanoTime() - start) / 1e9;
            TableComparator.Comparison comparison = TableComparator.compare(source.source(), source.database(),
                    Pipeline.SOURCE_TABLE, sink.target(), sink.database(), Pipeline.TARGET_TABLE, COLUMNS);
            if (!comparison.equal()) {
                System.out.println("sink-bench: " + dialect.name() + " differs from the source: " + comparison);
            }
            return new Result(dialect.name(), source.target().kind(), events, seconds, comparison.equal());
        } finally {
            lab.rest().deleteConnector(sink.sinkConnector());
        }
    }

    /**
     * Waits until the source's last row is there (every insert applied) and the count is down to the source's (every
     * delete applied: they are the topic's last events, after the updates).
     */
    private void awaitDrained(Pipeline sink, Target expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String query = "select count(*), sum(case when id = " + expected.lastId() + " then 1 else 0 end) from "
                + Pipeline.TARGET_TABLE;
        try (Connection c = sink.target().connect(sink.database()); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(query)) {
                    if (rs.next() && rs.getInt(1) == expected.rows() && rs.getInt(2) == 1) {
                        return;
                    }
                } catch (SQLException notYet) {
                    // the sink has not created the table yet
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(sink.sinkConnector() + " did not drain its topic in 10 minutes: see its task's "
                + "state and trace (GET /connectors/" + sink.sinkConnector() + "/status) and lab/target/lab.log");
    }

    /** Medians per dialect and target, with cdc-bundle's as a ratio of the stock dialect's. */
    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder("| target | dialect | events | drain runs (s) | median s | median events/s "
                + "| vs stock | target equals source |\n|---|---|---|---|---|---|---|---|\n");
        for (DatabaseKind target : results.stream().map(Result::target).distinct().toList()) {
            double stock = median(runs(results, target, "stock"));
            for (Dialect dialect : DIALECTS) {
                List<Result> runs = runs(results, target, dialect.name());
                double median = median(runs);
                out.append(String.format("| %s | %s | %d | %s | %.1f | %.0f | %.2fx | %s |%n", target.id(), dialect.name(),
                        runs.get(0).events(), String.join(", ", runs.stream().map(r -> String.format("%.1f", r.seconds())).toList()),
                        median, runs.get(0).events() / median, stock / median,
                        runs.stream().allMatch(Result::equal) ? "yes, every run" : "NO"));
            }
        }
        return out.toString();
    }

    private static List<Result> runs(List<Result> results, DatabaseKind target, String dialect) {
        return results.stream().filter(r -> r.target() == target && r.dialect().equals(dialect)).toList();
    }

    private static double median(List<Result> runs) {
        return PipelineBenchmark.median(runs.stream().map(Result::seconds).toList());
    }
}
