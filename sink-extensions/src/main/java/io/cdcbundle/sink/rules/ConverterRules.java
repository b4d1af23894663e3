package io.cdcbundle.sink.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules on a connector's own converter settings, for sources and sinks alike. Plain Java: the linter runs them
 * without Kafka.
 */
public final class ConverterRules {

    private ConverterRules() {
    }

    /**
     * Kafka's JsonConverter (and SchemaCachingJsonConverter, which writes and reads as it does) replaces a NULL in a
     * field that has a default by the default, on write and on read (replace.null.with.default, true by default since
     * Kafka 3.5): a NULL in a column declared with DEFAULT reaches the target as the default, silently (type matrix).
     */
    public static Optional<Finding> nullsKept(Map<String, String> config) {
        String converter = config.get("value.converter");
        if (converter == null || !converter.trim().endsWith("JsonConverter")) {
            return Optional.empty();
        }
        String replace = config.get("value.converter.replace.null.with.default");
        if (replace != null && replace.trim().equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        return Optional.of(Finding.warning("value.converter.replace.null.with.default", "set it to false: with the "
                + "converter's default (true) a NULL in a column that has a DEFAULT is written and read as the default, "
                + "so the target holds the default where the source holds NULL"));
    }

    /**
     * A connector's {@code value.converter.schemas.enable} (or any {@code value.converter.*} setting) applies only
     * together with its own {@code value.converter}; without it the worker's converter and settings decide, silently
     * (the seed's sink set schemas.enable=true that way on a worker with false).
     */
    public static List<Finding> settingsWithoutConverter(Map<String, String> config) {
        List<Finding> findings = new ArrayList<>();
        for (String side : List.of("key", "value")) {
            String converter = side + ".converter";
            if (config.containsKey(converter)) {
                continue;
            }
            config.keySet().stream().filter(k -> k.startsWith(converter + ".")).sorted().findFirst().ifPresent(k ->
                    findings.add(Finding.warning(k, "is ignored: " + converter + " is not set in this connector, so "
                            + "the worker's converter and its settings apply. Set " + converter + " here too (e.g. "
                            + "org.apache.kafka.connect.json.JsonConverter)")));
        }
        return findings;
    }

    /**
     * The Debezium JDBC sink builds its statements from each record's schema: a JSON converter without schemas gives
     * it none (values, and with primary.key.mode=record_key keys).
     */
    public static List<Finding> sinkSchemas(Map<String, String> config, boolean keysNeeded) {
        List<Finding> findings = new ArrayList<>();
        for (String side : keysNeeded ? List.of("key", "value") : List.of("value")) {
            String converter = config.get(side + ".converter");
            String schemas = config.get(side + ".converter.schemas.enable");
            if (converter != null && converter.trim().endsWith("JsonConverter") && schemas != null
                    && schemas.trim().equalsIgnoreCase("false")) {
                findings.add(Finding.error(side + ".converter.schemas.enable", "is false: the Debezium JDBC sink needs "
                        + "each record's " + side + " schema and fails on every record without one. Write true (the "
                        + "source must write schemas too)"));
            }
        }
        return findings;
    }

    /** JsonConverter's options (and so SchemaCachingJsonConverter's), and Connect's own per-converter option. */
    public static final List<String> JSON_OPTIONS = List.of("schemas.enable", "schemas.cache.size", "decimal.format",
            "replace.null.with.default", "converter.type", "plugin.version");

    /**
     * A misspelt option of a JSON converter is ignored by the converter and by Connect's validation, and its default
     * applies silently: {@code value.converter.schemas.enabel=false} leaves schemas on.
     */
    public static List<Finding> misspeltJsonOptions(Map<String, String> config) {
        List<Finding> findings = new ArrayList<>();
        for (String side : List.of("key", "value")) {
            String converter = config.get(side + ".converter");
            if (converter == null || !converter.trim().endsWith("JsonConverter")) {
                continue;
            }
            String prefix = side + ".converter.";
            String simpleName = converter.trim().substring(converter.trim().lastIndexOf('.') + 1);
            config.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().forEach(key -> {
                String option = key.substring(prefix.length());
                if (JSON_OPTIONS.contains(option)) {
                    return;
                }
                String suggestion = Suggestions.closest(option, JSON_OPTIONS);
                findings.add(suggestion == null
                        ? Finding.warning(key, "is not an option of " + simpleName + " and is ignored; its options are "
                                + JSON_OPTIONS)
                        : Finding.error(key, "is not an option of " + simpleName + ", so its default applies: did you "
                                + "mean '" + prefix + suggestion + "'?"));
            });
        }
        return findings;
    }
}
