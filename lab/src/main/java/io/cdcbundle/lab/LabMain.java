package io.cdcbundle.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.LocalProcesses;

/**
 * {@code lab/run.sh}: starts the lab, runs the seed's scenario through each pipeline, prints each target table,
 * then serves the Connect REST API until Ctrl-C.
 */
public final class LabMain {

    private static final String USAGE = """
            Usage: lab/run.sh [--rest-port PORT] [--pipelines LIST] [--preset NAME] [--line LINE] [--exit]
                   lab/run.sh bench [--rest-port PORT] [--pipelines LIST] [--rows N] [--samples M] [--rounds R] [--variants LIST]
                   lab/run.sh soak [--rest-port PORT] [--rows N] [--outage-seconds S]
                   lab/run.sh sink-bench [--rest-port PORT] [--rows N] [--rounds R] [--targets LIST] [--sink k=v,...]
                   lab/run.sh check-bench [--rest-port PORT] [--rows N] [--rounds R] [--chunk-size C]
                   lab/run.sh load-bench [--rest-port PORT] [--rows N] [--pipelines LIST] [--table seed|wide]
              --rest-port PORT  Kafka Connect REST port (default 8083, as in the seed)
              --pipelines LIST  comma-separated, from: mariadb-to-mariadb, postgres-to-postgres,
                                mariadb-to-postgres, postgres-to-mariadb (default: all four; bench: the first two)
              --preset NAME     default, or fast: the tuned connector settings (docs/pipeline-benchmark.md)
              --line LINE       3.5 (default: Debezium 3.5.0 on Kafka 4.1.1, in the lab's JVM), 2.7 (Debezium 2.7.0
                                on a Kafka Connect 3.7.0 worker and a Kafka 3.9.1 broker, as debezium/connect:2.7.3.Final)
                                or newest (Debezium 3.5.0 on Kafka Connect 4.4.0); other lines run their broker and
                                worker in JVMs of their own, logging to lab/target/line-LINE-*.log
              --exit            stop after printing the target tables instead of serving until Ctrl-C
            bench: the pipeline benchmark. N rows (default 100000) through each pipeline, timed until the
            target holds them all (rows/s), then M (default 50) randomised single-row inserts timed until
            each is visible in the target (latency p50/p90/p99). Variants (default all): stock, smt, dialect, fast, fast+smt.
            R rounds (default 1), each starting at the next variant; the table gives medians over the rounds.
            soak: under a mixed load of N rows (default 50000), the Connect worker restarts, a two-worker cluster
            loses a worker, the target database is down for S seconds (default 30), the source database restarts,
            the broker is down for up to 10 s;
            after each, source and target are compared (counts, checksum, differing keys).
            sink-bench: the JDBC sink alone, Debezium's dialect against cdc-bundle's, on MariaDB and PostgreSQL
            targets: a topic of N inserts (default 100000), N/5 updates and N/50 deletes drained R times (default 3)
            by each, timed until the target holds the source's rows, then compared with the source; --targets picks
            mariadb, postgres or both (default); --sink sets sink properties for both dialects
            (e.g. batch.size=5000,consumer.override.max.poll.records=5000).
            check-bench: the consistency checker's full pass over an N-row table (default 1000000, equal on both
            sides) in both cross directions, against a plain select of the same table on each server; R passes and
            R selects each (default 3), C rows per chunk (default 10000, the checker's default).
            load-bench: a new pipeline's initial load of an existing N-row table (default 1000000): stock settings
            against the snapshot preset and the bulk initial load, beside a plain JDBC copy of the same rows; pipelines as --pipelines
            (default all four); --table seed (default: id, name, amount) or wide (20 columns: texts, decimals,
            integers, a date, a long text).
            """;

    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        int restPort = 8083;
        boolean bench = args.length > 0 && args[0].equals("bench");
        boolean soak = args.length > 0 && args[0].equals("soak");
        boolean sinkBench = args.length > 0 && args[0].equals("sink-bench");
        boolean checkBench = args.length > 0 && args[0].equals("check-bench");
        boolean loadBench = args.length > 0 && args[0].equals("load-bench");
        int rounds = sinkBench || checkBench ? 3 : 1;
        int chunkSize = 10_000;
        LoadTable loadTable = LoadTable.SEED;
        List<DatabaseKind> targets = Lab.LOCAL_KINDS;
        Map<String, String> sinkSettings = new LinkedHashMap<>();
        int outageSeconds = 30;
        List<String> names = bench ? List.of("mariadb-to-mariadb", "postgres-to-postgres")
                : List.of("mariadb-to-mariadb", "postgres-to-postgres", "mariadb-to-postgres", "postgres-to-mariadb");
        boolean exit = false;
        Preset preset = Preset.DEFAULT;
        VersionLine line = VersionLine.TESTED;
        int rows = 100_000;
        int samples = 50;
        List<String> variants = PipelineBenchmark.VARIANTS.stream().map(PipelineBenchmark.Variant::name).toList();
        if (soak) {
            rows = 50_000;
        }
        if (checkBench || loadBench) {
            rows = 1_000_000;
        }
        for (int i = bench || soak || sinkBench || checkBench || loadBench ? 1 : 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rest-port" -> restPort = Integer.parseInt(value(args, ++i));
                case "--pipelines" -> names = List.of(value(args, ++i).split(","));
                case "--preset" -> preset = Preset.of(value(args, ++i));
                case "--rows" -> rows = Integer.parseInt(value(args, ++i));
                case "--samples" -> samples = Integer.parseInt(value(args, ++i));
                case "--variants" -> variants = List.of(value(args, ++i).split(","));
                case "--outage-seconds" -> outageSeconds = Integer.parseInt(value(args, ++i));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--chunk-size" -> chunkSize = Integer.parseInt(value(args, ++i));
                case "--table" -> loadTable = loadTable(value(args, ++i));
                case "--targets" -> targets = Arrays.stream(value(args, ++i).split(","))
                        .map(String::trim).map(LabMain::kind).toList();
                case "--sink" -> {
                    for (String setting : value(args, ++i).split(",")) {
                        String[] kv = setting.split("=", 2);
                        if (kv.length != 2) {
                            fail("--sink takes key=value pairs separated by commas, not '" + setting + "'");
                        }
                        sinkSettings.put(kv[0].trim(), kv[1].trim());
                    }
                }
                case "--exit" -> exit = true;
                case "--line" -> line = VersionLine.of(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> fail("Unknown option " + args[i]);
            }
        }
        List<DatabaseKind[]> routes = new ArrayList<>();
        for (String name : names) {
            routes.add(route(name.trim()));
        }
        List<PipelineBenchmark.Variant> benchVariants = new ArrayList<>();
        for (String name : variants) {
            benchVariants.add(PipelineBenchmark.VARIANTS.stream().filter(v -> v.name().equals(name.trim())).findFirst()
                    .orElseGet(() -> {
                        fail("Unknown variant '" + name + "'\n" + USAGE);
                        return null;
                    }));
        }
        if (rounds < 1) {
            fail("--rounds " + rounds + ": write 1 or more");
        }

        System.out.println("cdc-bundle lab " + Lab.buildInfo().get("project.version") + " on " + line);
        System.out.println("Starting MariaDB and PostgreSQL main/replica instances, a KRaft broker and a Connect worker...");
        if (!line.inProcess() && (bench || soak || sinkBench || checkBench || loadBench || preset != Preset.DEFAULT)) {
            fail("--line " + line.id() + " runs the seed's scenario with the default settings only\n" + USAGE);
        }
        Lab lab;
        try {
            lab = line.inProcess() ? Lab.start(restPort) : Lab.start(LocalProcesses.freePort()).onLine(line, restPort);
        } catch (Exception e) {
            fail(e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(
                "Stopping the lab: the Connect worker, the broker and every database; their data is deleted."),
                "lab-stopping-message"));
        lab.servers().forEach(s -> System.out.println("  " + s + ": " + clientCommand(lab, s)));
        System.out.println("  " + lab.line() + ": kafka on " + lab.bootstrapServers() + ", Connect REST API on "
                + "http://127.0.0.1:" + restPort);
        if (bench) {
            runBenchmark(lab, routes, rows, samples, rounds, benchVariants, "lab/run.sh " + String.join(" ", args));
            lab.close();
            System.exit(0);
        }
        if (sinkBench) {
            boolean equal = runSinkBenchmark(lab, targets, rows, rounds, sinkSettings, "lab/run.sh " + String.join(" ", args));
            lab.close();
            System.exit(equal ? 0 : 1);
        }
        if (loadBench) {
            List<InitialLoadBenchmark.Result> results = new ArrayList<>();
            InitialLoadBenchmark benchmark = new InitialLoadBenchmark(lab, rows, loadTable);
            for (DatabaseKind[] route : routes) {
                System.out.println("load-bench: " + route[0].id() + " -> " + route[1].id() + ", " + rows + " rows");
                results.add(benchmark.run(route[0], route[1]));
            }
            String report = InitialLoadBenchmark.report(results, loadTable);
            System.out.println(report);
            System.out.println("Written to " + BenchmarkReport.write(loadTable.section(), loadTable.title(),
                    "lab/run.sh " + String.join(" ", args), report));
            lab.close();
            System.exit(results.stream().allMatch(InitialLoadBenchmark.Result::equal) ? 0 : 1);
        }
        if (checkBench) {
            List<ConsistencyCheckBenchmark.Result> results = new ArrayList<>();
            ConsistencyCheckBenchmark benchmark = new ConsistencyCheckBenchmark(lab, rows, rounds, chunkSize);
            for (DatabaseKind[] direction : new DatabaseKind[][] {{DatabaseKind.MARIADB, DatabaseKind.POSTGRES},
                    {DatabaseKind.POSTGRES, DatabaseKind.MARIADB}}) {
                System.out.println("check-bench: " + direction[0].id() + " -> " + direction[1].id() + ", " + rows + " rows");
                results.add(benchmark.run(direction[0], direction[1]));
            }
            String report = ConsistencyCheckBenchmark.report(results, chunkSize);
            System.out.println(report);
            System.out.println("Written to " + BenchmarkReport.write("check-bench", "Consistency checker: full pass",
                    "lab/run.sh " + String.join(" ", args), report));
            lab.close();
            System.exit(0);
        }
        if (soak) {
            boolean equal = runSoak(lab, rows, outageSeconds, "lab/run.sh " + String.join(" ", args));
            lab.close();
            System.exit(equal ? 0 : 1);
        }

        boolean allEqual = true;
        for (DatabaseKind[] route : routes) {
            Pipeline pipeline = preset.applyTo(lab.pipeline(route[0], route[1]));
            System.out.println();
            System.out.println("== " + pipeline.name() + ": " + pipeline.sourceConnector() + " -> " + pipeline.topic()
                    + " -> " + pipeline.sinkConnector());
            SeedScenario.prepare(pipeline);
            lab.deploy(pipeline);
            SeedScenario.run(pipeline);
            List<SeedScenario.Row> target = SeedScenario.awaitRows(pipeline.target(), pipeline.database(),
                    Pipeline.TARGET_TABLE, SeedScenario.EXPECTED, java.time.Duration.ofSeconds(60));
            System.out.println(pipeline.target().name() + " " + pipeline.database() + "." + Pipeline.TARGET_TABLE + ":");
            System.out.print(SeedScenario.format(target));
            boolean equal = target.equals(SeedScenario.EXPECTED);
            allEqual &= equal;
            System.out.println(equal ? "target equals the seed's expected rows " + SeedScenario.EXPECTED
                    : "MISMATCH: expected " + SeedScenario.EXPECTED + " but the target holds " + target);
        }

        System.out.println();
        if (exit) {
            lab.close();
            System.exit(allEqual ? 0 : 1);
        }
        String rest = "http://localhost:" + restPort;
        for (DatabaseKind[] route : routes) {
            if (route[0] == DatabaseKind.MARIADB) {
                Pipeline pipeline = lab.pipeline(route[0], route[1]);
                Path file = ownTablesSink(lab, pipeline);
                System.out.println("Your own tables: create them in database " + pipeline.database() + " on "
                        + pipeline.source().name() + " (its source captures the whole database), then");
                System.out.println("  curl -s -X POST -H 'Content-Type: application/json' --data @" + file + " " + rest
                        + "/connectors");
                System.out.println("  and each reaches " + pipeline.target().name() + " as a table of the same name.");
            }
        }
        System.out.println("The lab is up. Try:");
        System.out.println("  curl -s " + rest + "/connectors");
        String first = lab.pipeline(routes.get(0)[0], routes.get(0)[1]).sourceConnector();
        System.out.println("  curl -s " + rest + "/connectors/" + first + "/status");
        System.out.println("  curl -s " + rest + "/connectors/" + first + "/config   (passwords are ${secrets:...} references)");
        System.out.println("  curl -s '" + rest + "/connector-plugins?connectorsOnly=false'");
        System.out.println("Press Ctrl-C to stop everything (in the background: kill -TERM " + ProcessHandle.current().pid()
                + "; a background job ignores SIGINT).");
        Thread.currentThread().join();
    }

    /** A command line that logs in to the server, its password read from the lab's secret file. */
    static String clientCommand(Lab lab, io.cdcbundle.lab.db.DatabaseServer server) {
        Path password = lab.secrets().passwordFile(server);
        return switch (server.kind()) {
            case MARIADB, MYSQL -> "mariadb -h" + server.host() + " -P" + server.port() + " -u" + server.user()
                    + " -p\"$(cat " + password + ")\"";
            case POSTGRES -> "PGPASSWORD=\"$(cat " + password + ")\" psql -h " + server.host() + " -p " + server.port()
                    + " -U " + server.user();
        };
    }

    /**
     * A second sink for a MariaDB pipeline: every other table of the pipeline's database, each into a table of the
     * same name on the target (RouteByTable names it from the topic). Written next to the lab's log.
     */
    static Path ownTablesSink(Lab lab, Pipeline pipeline) throws java.io.IOException {
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("topics", null);
        sink.put("topics.regex", java.util.regex.Pattern.quote(pipeline.prefix() + "." + pipeline.database() + ".")
                + "(?!" + Pipeline.SOURCE_TABLE + "$).+");
        // New tables' topics appear after the sink starts: it looks for them every second, not every five minutes.
        sink.put("consumer.override.metadata.max.age.ms", "1000");
        sink.put("collection.name.format", "${topic}");
        sink.put("primary.key.fields", null);
        sink.put("transforms", "route");
        sink.put("transforms.route.type", "io.cdcbundle.transforms.RouteByTable");
        String json = lab.line().adapt(pipeline.withSinkConfig(sink).sinkConnectorJson(lab.bootstrapServers()))
                .replace("\"" + pipeline.sinkConnector() + "\"", "\"" + pipeline.name() + "-own-tables-sink\"");
        Path dir = Path.of(System.getProperty("cdcbundle.lab.logFile", "lab/target/lab.log")).toAbsolutePath().getParent();
        Path file = dir.resolve(pipeline.name() + "-own-tables-sink.json");
        java.nio.file.Files.writeString(file, json);
        return file;
    }

    private static void runBenchmark(Lab lab, List<DatabaseKind[]> routes, int rows, int samples, int rounds,
            List<PipelineBenchmark.Variant> variants, String command) throws Exception {
        PipelineBenchmark benchmark = new PipelineBenchmark(lab, rows, samples);
        // A first, unreported pass: JIT compilation and cold caches would otherwise count against the first variant.
        PipelineBenchmark warmUp = new PipelineBenchmark(lab, Math.min(rows, 20_000), Math.min(samples, 5));
        for (DatabaseKind[] route : routes) {
            System.out.println("bench: warm-up, " + route[0].id() + " -> " + route[1].id());
            warmUp.run(PipelineBenchmark.VARIANTS.get(0), route[0], route[1]);
        }
        List<PipelineBenchmark.Result> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Each round starts at another variant: no variant always runs first, on the coldest machine.
            for (int i = 0; i < variants.size(); i++) {
                PipelineBenchmark.Variant variant = variants.get((i + round) % variants.size());
                for (DatabaseKind[] route : routes) {
                    System.out.println("bench: round " + (round + 1) + "/" + rounds + ", " + variant.name() + " ("
                            + variant.description() + "), " + route[0].id() + " -> " + route[1].id() + ", " + rows
                            + " rows, " + samples + " latency samples");
                    results.add(benchmark.run(variant, route[0], route[1]));
                }
            }
        }
        String report = "Settings: the seed's corrected connectors (lab/src/main/resources/connectors/) with\n\n"
                + "- fast, source: `" + Preset.FAST.source() + "`\n"
                + "- fast, sink: `" + Preset.FAST.sink() + "`\n"
                + "- smt, sink: transforms=route,flatten (RouteByTable mapping source_table:target_table, "
                + "FlattenEnvelope defaults), collection.name.format=${topic}\n"
                + "- sink class: io.debezium.connector.jdbc.JdbcSinkConnector in stock and smt, "
                + "io.cdcbundle.sink.ValidatedJdbcSinkConnector (cdc-bundle's dialect) in dialect, fast and fast+smt\n"
                + "- raw copy: " + RawCopy.DESCRIPTION + ", after each round's pipeline; median of the rounds\n\n"
                + PipelineBenchmark.table(results);
        System.out.println();
        System.out.print(report);
        System.out.println("Written to " + BenchmarkReport.write("pipeline", "Pipeline: rows/s and latency end to end",
                command, report));
    }

    private static boolean runSinkBenchmark(Lab lab, List<DatabaseKind> targets, int rows, int rounds,
            Map<String, String> sinkSettings, String command) throws Exception {
        SinkDrainBenchmark benchmark = new SinkDrainBenchmark(lab, "drain", rows, sinkSettings);
        // An unreported first pass per target warms the JIT (each JDBC driver has its own paths) and the servers' caches.
        for (DatabaseKind kind : targets) {
            new SinkDrainBenchmark(lab, "warmup", Math.min(rows, 20_000), sinkSettings).run(kind, 1);
        }
        List<SinkDrainBenchmark.Result> results = new ArrayList<>();
        for (DatabaseKind kind : targets) {
            System.out.println("sink-bench: " + kind.id() + " -> " + kind.id() + ", " + rows + " rows, " + rounds + " rounds");
            results.addAll(benchmark.run(kind, rounds));
        }
        StringBuilder report = new StringBuilder("Settings: the seed's corrected sink connector (insert.mode=upsert, "
                + "delete.enabled=true, primary.key.mode=record_key), and " + (sinkSettings.isEmpty()
                ? "Debezium's batch.size and the consumer's max.poll.records (500)" : sinkSettings) + ":\n\n");
        for (SinkDrainBenchmark.Dialect dialect : SinkDrainBenchmark.DIALECTS) {
            report.append("- ").append(dialect.name()).append(": ValidatedJdbcSinkConnector with `")
                    .append(dialect.sink()).append("`\n");
        }
        report.append("\n").append(SinkDrainBenchmark.table(results));
        System.out.println();
        System.out.print(report);
        System.out.println("Written to " + BenchmarkReport.write("sink", "The JDBC sink alone: Debezium's dialect and ours",
                command, report.toString()));
        return results.stream().allMatch(SinkDrainBenchmark.Result::equal);
    }

    private static boolean runSoak(Lab lab, int rows, int outageSeconds, String command) throws Exception {
        FaultScenarios scenarios = new FaultScenarios(lab, rows, java.time.Duration.ofSeconds(outageSeconds));
        StringBuilder table = new StringBuilder("| fault | rows in the source | target equals source | seconds |\n|---|---|---|---|\n");
        boolean allEqual = true;
        for (Object[] scenario : List.<Object[]>of(
                new Object[] {"Connect worker stops a third into the load; a new worker joins", (Step) scenarios::workerRestart},
                new Object[] {"two-worker cluster loses the worker running the source", (Step) scenarios::workerLoss},
                new Object[] {"target PostgreSQL down for " + outageSeconds + " s", (Step) scenarios::targetOutage},
                new Object[] {"source MariaDB restarts between two halves of the load", (Step) scenarios::sourceRestart},
                new Object[] {"Kafka broker down for " + Math.min(10, outageSeconds) + " s", (Step) scenarios::brokerRestart})) {
            System.out.println("soak: " + scenario[0] + ", " + rows + " rows");
            long start = System.nanoTime();
            TableComparator.Comparison result = ((Step) scenario[1]).run();
            allEqual &= result.equal();
            table.append(String.format("| %s | %d | %s | %.0f |%n", scenario[0], result.sourceRows(),
                    result.equal() ? "yes (0 differences)" : "NO: " + result, (System.nanoTime() - start) / 1e9));
        }
        System.out.println();
        System.out.print(table);
        System.out.println("Written to " + BenchmarkReport.write("soak", "Soak: a part fails under load; is the target "
                + "equal to the source?", command, "A MariaDB source, a PostgreSQL target, rows inserted in batches of "
                + "500 (every 10th updated, every 25th deleted) while the fault happens; compared once caught up.\n\n"
                + table));
        return allEqual;
    }

    /** One fault scenario. */
    private interface Step {
        TableComparator.Comparison run() throws Exception;
    }

    private static DatabaseKind[] route(String name) {
        String[] parts = name.split("-to-");
        if (parts.length != 2) {
            fail("Unknown pipeline '" + name + "': write SOURCE-to-TARGET, e.g. mariadb-to-postgres\n" + USAGE);
        }
        return new DatabaseKind[] {kind(parts[0]), kind(parts[1])};
    }

    private static LoadTable loadTable(String name) {
        for (LoadTable table : LoadTable.values()) {
            if (table.name().equalsIgnoreCase(name)) {
                return table;
            }
        }
        fail("Unknown table '" + name + "': write seed or wide");
        return null;
    }

    private static DatabaseKind kind(String id) {
        for (DatabaseKind kind : Lab.LOCAL_KINDS) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        fail("Unknown database '" + id + "': write one of " + Lab.LOCAL_KINDS.stream().map(DatabaseKind::id).toList());
        return null;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("Option " + args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("lab: " + message);
        System.exit(2);
    }
}
