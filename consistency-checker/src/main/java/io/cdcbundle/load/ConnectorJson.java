package io.cdcbundle.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector as a user POSTs it to {@code /connectors}: {@code {"name": ..., "config": {...}}}, or the bare config
 * of {@code PUT /connectors/<name>/config} with its {@code name}.
 */
record ConnectorJson(String name, Map<String, String> config) {

    static ConnectorJson read(Path file, String option) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, option + " (" + file + ")");
    }

    static ConnectorJson parse(String text, String where) {
        Object json;
        try {
            json = JsonReader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(where + ": not a JSON object; write {\"name\": ..., \"config\": {...}}");
        }
        Map<?, ?> config = top.get("config") instanceof Map<?, ?> c ? c : top;
        Map<String, String> values = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (v instanceof Map || v instanceof java.util.List) {
                throw new IllegalArgumentException(where + ": " + k + " is not a string; Connect takes every property as a string");
            }
            values.put(String.valueOf(k), v == null ? null : v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v));
        });
        Object name = top.get("name") != null ? top.get("name") : config.get("name");
        if (name == null || String.valueOf(name).isBlank()) {
            throw new IllegalArgumentException(where + ": no \"name\"; write {\"name\": ..., \"config\": {...}}");
        }
        values.put("name", String.valueOf(name));
        return new ConnectorJson(String.valueOf(name), values);
    }

    /** The name only: the configuration may hold a password. */
    @Override
    public String toString() {
        return "connector " + name;
    }

    String get(String key) {
        return config.get(key);
    }

    /** The configuration with {@code overrides} set over it. */
    Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> out = new LinkedHashMap<>(config);
        out.putAll(overrides);
        return out;
    }
}
