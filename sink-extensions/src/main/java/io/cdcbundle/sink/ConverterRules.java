package io.cdcbundle.sink;

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
}
