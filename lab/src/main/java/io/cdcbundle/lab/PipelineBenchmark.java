package io.cdcbundle.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;

/**
 * The pipeline benchmark ({@code lab/run.sh bench}): for each variant and pipeline, N rows inserted at the source
 * as fast as it takes them, timed until the target holds them all (rows/s), then randomised single-row inserts
 * timed until each is visible in the target (latency percentiles).
 */
public final class PipelineBenchmark {

    static final String STOCK_SINK = "io.debezium.connector.jdbc.JdbcSinkConnector";

    /** A way to configure the pipeline under measurement. */
    public record Variant(String name, String description, UnaryOperator<Pipeline> configure) {
    }

    public static final List<Variant> VARIANTS = List.of(
            new Variant("stock", "Debezium source and JDBC sink, the seed's corrected settings",
                    p -> p.withSinkConfig(Map.of("connector.class", STOCK_SINK))),
            new Variant("smt", "stock, plus RouteByTable and FlattenEnvelope in the sink",
                    p -> p.withSinkConfig(smtChain()).withSinkConfig(Map.of("connector.class", STOCK_SINK))),
            // The lab's sink templates are ValidatedJdbcSinkConnector: cdc-bundle's dialect needs no setting.
            new Variant("dialect", "ValidatedJdbcSinkConnector, writing through cdc-bundle's dialect", p -> p),
            new Variant("fast", "cdc-bundle's sink with the tuned preset (--preset fast)", Preset.FAST::applyTo),
            new Variant("fast+smt", "the tuned preset with RouteByTable and FlattenEnvelope",
                    p -> Preset.FAST.applyTo(p.withSinkConfig(smtChain()))));

    private static Map<String, String> smtChain() {
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("collection.name.format", "${topic}");
        sink.put("transforms", "route,flatten");
        sink.put("transforms.route.type", "io.cdcbundle.transforms.RouteByTable");
        sink.put("transforms.route.table.mapping", Pipeline.SOURCE_TABLE + ":" + Pipeline.TARGET_TABLE);
        sink.put("transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope");
        return sink;
    }

    /**
     * One measurement.
     *
     * @param sourceSeconds until the topic held all rows: the source side's share of {@code seconds}
     * @param rawCopy rows/s of the raw-copy limit ({@link RawCopy}) for the same rows, right after the pipeline ran
     */
    public record Result(String variant, String pipeline, int rows, double sourceSeconds, double seconds,
                         List<Double> latenciesMs, double rawCopy) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        public double percentile(double p) {
            return PipelineBenchmark.percentile(latenciesMs, p);
        }
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private final Lab lab;
    private final int rows;
    private final int samples;
    private final Random random = new Random(7);
    /** Every run gets its own databases and connectors, also across benchmark instances (warm-up, measured). */
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    public PipelineBenchmark(Lab lab, int rows, int samples) {
        this.lab = lab;
        this.rows = rows;
        this.samples = samples;
    }

    public Result run(Variant variant, DatabaseKind source, DatabaseKind target) throws Exception {
        String name = "bench-" + variant.name().replace('+', '-') + "-" + source.id() + "-to-" + target.id() + "-" + RUNS.incrementAndGet();
        Pipeline pipeline = variant.configure().apply(lab.pipeline(name, lab.source(source), lab.target(target)));
        prepare(pipeline);
        lab.deploy(pipeline);
        double sourceSeconds;
        double seconds;
        List<Double> latencies = new ArrayList<>();
        try {
            long start = System.nanoTime();
            insertRows(pipeline.source(), pipeline.database(), 1, rows);
            sourceSeconds = awaitTopic(lab, pipeline.topic(), rows, start);
            awaitCount(pipeline.target(), pipeline.database(), rows, Duration.ofMinutes(10));
            seconds = (System.nanoTime() - start) / 1e9;
            for (int i = 1; i <= samples; i++) {
                Thread.sleep(20 + random.nextInt(80));
                latencies.add(latencyOfOneInsert(pipeline, rows + i));
            }
        } finally {
            lab.undeploy(pipeline);
        }
        // the same rows by plain JDBC, with the connectors gone: what this machine allows for them
        double rawCopy = RawCopy.rate(pipeline, LoadTable.SEED);
        return new Result(variant.name(), source.id() + " -> " + target.id(), rows, sourceSeconds, seconds, latencies,
                rawCopy);
    }

    private static void prepare(Pipeline pipeline) throws SQLException {
        pipeline.source().recreateDatabase(pipeline.database());
        pipeline.target().recreateDatabase(pipeline.database());
        try (Connection c = pipeline.source().connect(pipeline.database()); Statement s = c.createStatement()) {
            s.execute("create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(32), amount int)");
            if (pipeline.source().kind() == DatabaseKind.POSTGRES) {
                s.execute("CREATE PUBLICATION dbz_publication FOR TABLE " + Pipeline.SOURCE_TABLE);
            }
        }
    }

    /** Rows first..last, 1000 to a statement, each statement its own transaction. */
    static void insertRows(DatabaseServer server, String database, int first, int last) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (int from = first; from <= last; from += 1000) {
                StringBuilder sql = new StringBuilder("insert into " + Pipeline.SOURCE_TABLE + " (id, name, amount) values ");
                for (int id = from; id <= Math.min(last, from + 999); id++) {
                    sql.append(id == from ? "" : ",").append('(').append(id).append(",'row-").append(id).append("',")
                            .append(id % 1000).append(')');
                }
                s.executeUpdate(sql.toString());
            }
        }
    }

    /** Seconds from {@code start} until the topic holds {@code records} records, over all its partitions. */
    static double awaitTopic(Lab lab, String topic, int records, long start) throws InterruptedException {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
                // Asking for a topic must not create it: the broker would give it one partition, not the source's.
                "bootstrap.servers", lab.cluster().bootstrapServers(), "allow.auto.create.topics", "false"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
                long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (end >= records) {
                    return (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("Topic " + topic + " did not reach " + records + " records");
    }

    static void awaitCount(DatabaseServer server, String database, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = server.connect(database)) {
            while (System.nanoTime() < deadline) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select count(*) from " + Pipeline.TARGET_TABLE)) {
                    if (rs.next() && rs.getInt(1) >= expected) {
                        return;
                    }
                } catch (SQLException notYet) {
                    // the sink has not created the table yet
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("The target of " + database + " did not reach " + expected + " rows in " + timeout);
    }

    private static double latencyOfOneInsert(Pipeline pipeline, int id) throws Exception {
        try (Connection source = pipeline.source().connect(pipeline.database());
             Connection target = pipeline.target().connect(pipeline.database());
             PreparedStatement insert = source.prepareStatement("insert into " + Pipeline.SOURCE_TABLE
                     + " (id, name, amount) values (?, 'latency', 0)");
             PreparedStatement probe = target.prepareStatement("select 1 from " + Pipeline.TARGET_TABLE + " where id = ?")) {
            probe.setInt(1, id);
            insert.setInt(1, id);
            long start = System.nanoTime();
            insert.executeUpdate();
            long deadline = start + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = probe.executeQuery()) {
                    if (rs.next()) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                }
                Thread.sleep(2);
            }
        }
        throw new IllegalStateException("Row " + id + " never reached the target of " + pipeline.name());
    }

    /**
     * One row per variant and pipeline, in the order of {@link #VARIANTS}: each round's rows/s, their median and its
     * ratio to stock's median, the median time to the topic, and latency percentiles over every round's samples.
     */
    public static String table(List<Result> results) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Variant variant : VARIANTS) {
            for (Result r : results) {
                if (r.variant().equals(variant.name())) {
                    groups.computeIfAbsent(r.variant() + "|" + r.pipeline(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        StringBuilder out = new StringBuilder("| variant | pipeline | rows | rows/s per round | median rows/s | vs stock "
                + "| raw copy rows/s | vs raw copy | seconds to topic | latency p50 ms | p90 ms | p99 ms |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (List<Result> group : groups.values()) {
            Result first = group.get(0);
            List<Result> stock = groups.get("stock|" + first.pipeline());
            double median = median(group.stream().map(Result::rowsPerSecond).toList());
            List<Double> latencies = group.stream().flatMap(r -> r.latenciesMs().stream()).toList();
            double rawCopy = median(group.stream().map(Result::rawCopy).toList());
            out.append(String.format("| %s | %s | %d | %s | %.0f | %s | %.0f | %.2f | %.1f | %.0f | %.0f | %.0f |%n",
                    first.variant(), first.pipeline(), first.rows(), String.join(", ", group.stream()
                            .map(r -> String.format("%.0f", r.rowsPerSecond())).toList()), median,
                    stock == null ? "-" : String.format("%.2fx", median / median(stock.stream().map(Result::rowsPerSecond).toList())),
                    rawCopy, median / rawCopy,
                    median(group.stream().map(Result::sourceSeconds).toList()),
                    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99)));
        }
        return out.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
