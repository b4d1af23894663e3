package io.cdcbundle.transforms;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/** What Connect's REST validation (ConfigDef.validate, never configure()) reports for each property. */
final class ConfigDefErrors {

    private ConfigDefErrors() {
    }

    /** Fails unless ConfigDef.validate of {@code property=value} alone reports an error on it saying {@code says}. */
    static void assertErrorOn(ConfigDef def, String property, String value, String says) {
        List<String> errors = of(def, Map.of(property, value), property);
        org.junit.jupiter.api.Assertions.assertTrue(errors.stream().anyMatch(e -> e.contains(says)),
                property + "=" + value + ": " + errors);
    }

    /** The error messages ConfigDef.validate gives {@code property} for this configuration. */
    static List<String> of(ConfigDef def, Map<String, String> config, String property) {
        return def.validate(config).stream().filter(v -> v.name().equals(property)).findFirst()
                .map(ConfigValue::errorMessages).orElse(List.of());
    }
}
