package io.cdcbundle.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector settings for a purpose, applied over the seed's connector JSON. {@link #FAST} is the tuned preset: the
 * figures it reaches are in docs/pipeline-benchmark.md (lab/run.sh bench).
 */
public enum Preset {
    /** The seed's settings, Debezium's and Connect's defaults otherwise. */
    DEFAULT(Map.of(), Map.of()),
    /**
     * Shorter polls for latency, bigger batches for throughput. Source: Debezium polls its queue every 20 ms
     * instead of 500 ms and hands over up to 8192 records at a time; the producer batches 1 MiB for up to 20 ms; no
     * __debezium.context.* headers, which Connect parses and Debezium's sink turns into a struct for every record.
     * Sink: 5000-row batches, which the consumer must be allowed to deliver (max.poll.records), written by
     * cdc-bundle's dialect in multi-row statements. Not the reduction buffer with UNNEST: the buffer collapses an
     * insert and its update into the update, losing a TOASTed text the update carries only as a placeholder.
     * Both: cdc-bundle's SchemaCachingJsonConverter, which writes and reads JsonConverter's bytes without parsing or
     * writing each record's schema; the topic stays readable by JsonConverter.
     */
    FAST(ordered("poll.interval.ms", "20", "max.batch.size", "8192", "max.queue.size", "32768",
            "producer.override.batch.size", "1048576", "producer.override.linger.ms", "20",
            "topic.creation.default.partitions", "4", "topic.creation.default.replication.factor", "-1",
            "extended.headers.enabled", "false", "key.converter", Preset.SCHEMA_CACHING_JSON,
            "value.converter", Preset.SCHEMA_CACHING_JSON),
            ordered("tasks.max", "2", "batch.size", "5000", "consumer.override.max.poll.records", "5000",
                    "consumer.override.fetch.max.wait.ms", "20", "key.converter", Preset.SCHEMA_CACHING_JSON,
                    "value.converter", Preset.SCHEMA_CACHING_JSON));

    static final String SCHEMA_CACHING_JSON = "io.cdcbundle.converter.SchemaCachingJsonConverter";

    private final Map<String, String> source;
    private final Map<String, String> sink;

    Preset(Map<String, String> source, Map<String, String> sink) {
        this.source = source;
        this.sink = sink;
    }

    public Map<String, String> source() {
        return source;
    }

    public Map<String, String> sink() {
        return sink;
    }

    public Pipeline applyTo(Pipeline pipeline) {
        return pipeline.withSourceConfig(source).withSinkConfig(sink);
    }

    public static Preset of(String name) {
        for (Preset p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown preset '" + name + "': use default or fast");
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
