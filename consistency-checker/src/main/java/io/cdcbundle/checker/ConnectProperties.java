package io.cdcbundle.checker;

import java.util.List;
import java.util.Set;

/**
 * Properties Kafka Connect itself reads from a source connector's configuration, which the checker accepts beside
 * its own options; any other name is a mistake the checker names at validation.
 */
final class ConnectProperties {

    private static final Set<String> NAMES = Set.of("name", "connector.class", "tasks.max", "tasks.max.enforce",
            "key.converter", "value.converter", "header.converter", "transforms", "predicates", "config.action.reload",
            "errors.retry.timeout", "errors.retry.delay.max.ms", "errors.tolerance", "errors.log.enable",
            "errors.log.include.messages", "topic.creation.groups", "exactly.once.support", "transaction.boundary",
            "transaction.boundary.interval.ms", "offsets.storage.topic", "connector.plugin.version",
            "key.converter.plugin.version", "value.converter.plugin.version", "header.converter.plugin.version");

    private static final List<String> PREFIXES = List.of("key.converter.", "value.converter.", "header.converter.",
            "transforms.", "predicates.", "topic.creation.", "producer.override.", "consumer.override.",
            "admin.override.");

    private ConnectProperties() {
    }

    static boolean isConnects(String name) {
        return NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The option of {@code options} that shares the longest beginning with {@code name}, for "did you mean". */
    static String closest(String name, Set<String> options) {
        String best = null;
        int bestShared = 0;
        for (String option : options) {
            int shared = 0;
            while (shared < Math.min(name.length(), option.length()) && name.charAt(shared) == option.charAt(shared)) {
                shared++;
            }
            if (shared > bestShared) {
                best = option;
                bestShared = shared;
            }
        }
        return bestShared >= 3 ? best : null;
    }
}
