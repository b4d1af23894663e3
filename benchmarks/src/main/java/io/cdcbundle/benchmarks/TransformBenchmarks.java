package io.cdcbundle.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code benchmarks/run.sh}: runs {@link TransformBenchmark} and prints, per event shape and width, the median
 * throughput of each transform and the ratios the issues set targets for.
 */
public final class TransformBenchmarks {

    private TransformBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Options options = new OptionsBuilder()
                .include(TransformBenchmark.class.getName())
                .include(ConverterBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String table = table(results);
        System.out.println();
        System.out.print(table);
        // benchmarks/run.sh hands this file to the lab's BenchmarkReport, which writes docs/benchmarks.md.
        String report = System.getProperty("cdcbundle.report.file");
        if (report != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(report), table);
        }
    }

    /** Median of the measured iterations, in records per second: robust against a noisy shared machine. */
    static double median(BenchmarkResult result) {
        List<Double> scores = new ArrayList<>();
        for (IterationResult iteration : result.getIterationResults()) {
            scores.add(iteration.getPrimaryResult().getScore());
        }
        scores.sort(null);
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
    }

    static String table(Collection<RunResult> results) {
        Map<String, Map<String, Double>> byCase = new TreeMap<>();
        Map<String, Map<String, Double>> converterCases = new TreeMap<>();
        for (RunResult run : results) {
            if (run.getParams().getBenchmark().startsWith(ConverterBenchmark.class.getName())) {
                converterCases.computeIfAbsent(run.getParams().getParam("columns") + " columns", k -> new TreeMap<>())
                        .put(run.getParams().getBenchmark().replaceAll(".*\\.", ""), median(run.getAggregatedResult()));
                continue;
            }
            String method = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            String key = run.getParams().getParam("shape") + ", " + run.getParams().getParam("columns") + " columns";
            byCase.computeIfAbsent(key, k -> new TreeMap<>()).put(method, median(run.getAggregatedResult()));
        }
        String[] methods = {"flattenEnvelope", "extractNewRecordState", "flattenEnvelopeWithMetadata",
                "extractNewRecordStateWithMetadata", "kafkaFlatten", "copyingNoOp"};
        StringBuilder out = new StringBuilder("Median throughput, million records/s (JMH, 1 thread, 1 fork)\n\n");
        out.append("| events | FlattenEnvelope | ExtractNewRecordState | FlattenEnvelope +3 fields | ExtractNewRecordState "
                + "+3 fields | Kafka Flatten | copying no-op | plain ratio | +3 fields ratio |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (var entry : byCase.entrySet()) {
            Map<String, Double> m = entry.getValue();
            out.append("| ").append(entry.getKey());
            for (String method : methods) {
                Double v = m.get(method);
                out.append(" | ").append(millions(v));
            }
            out.append(" | ").append(ratio(m, "flattenEnvelope", "extractNewRecordState"));
            out.append(" | ").append(ratio(m, "flattenEnvelopeWithMetadata", "extractNewRecordStateWithMetadata"));
            out.append(" |\n");
        }
        out.append("\n| events | RouteByTable | Kafka RegexRouter | ratio |\n|---|---|---|---|\n");
        for (var entry : byCase.entrySet()) {
            Map<String, Double> m = entry.getValue();
            out.append("| ").append(entry.getKey()).append(" | ").append(millions(m.get("routeByTable")))
                    .append(" | ").append(millions(m.get("kafkaRegexRouter"))).append(" | ")
                    .append(ratio(m, "routeByTable", "kafkaRegexRouter")).append(" |\n");
        }
        out.append("\nValue converters, median thousand records/s\n\n| events | JsonConverter write "
                + "| SchemaCachingJsonConverter write | ratio | JsonConverter read | SchemaCachingJsonConverter read | ratio |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (var entry : converterCases.entrySet()) {
            Map<String, Double> m = entry.getValue();
            out.append("| ").append(entry.getKey()).append(" | ").append(thousands(m.get("jsonConverterWrite")))
                    .append(" | ").append(thousands(m.get("schemaCachingWrite"))).append(" | ")
                    .append(ratio(m, "schemaCachingWrite", "jsonConverterWrite")).append(" | ")
                    .append(thousands(m.get("jsonConverterRead"))).append(" | ")
                    .append(thousands(m.get("schemaCachingRead"))).append(" | ")
                    .append(ratio(m, "schemaCachingRead", "jsonConverterRead")).append(" |\n");
        }
        out.append("\nRatios are FlattenEnvelope over ExtractNewRecordState with the same fields (op, table, source ts_ms).\n"
                + "On MAP events ExtractNewRecordState passes records through unchanged, so its MAP figures and ratios\n"
                + "measure no work at all.\n");
        return out.toString();
    }

    private static String millions(Double recordsPerSecond) {
        return recordsPerSecond == null ? "-" : String.format("%.2f", recordsPerSecond / 1e6);
    }

    private static String thousands(Double recordsPerSecond) {
        return recordsPerSecond == null ? "-" : String.format("%.0f", recordsPerSecond / 1e3);
    }

    private static String ratio(Map<String, Double> m, String ours, String anchor) {
        Double a = m.get(ours);
        Double b = m.get(anchor);
        return a == null || b == null ? "-" : String.format("%.2fx", a / b);
    }
}
