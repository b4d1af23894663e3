package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every option of our sink connector, transforms, converter and consistency checker, written wrong, against the real
 * worker's REST API: the
 * misspelt name, and a value of the wrong type. What the user sees (HTTP status of {@code POST /connectors} and the
 * message on the property) becomes docs/mistakes.md; every mistake must be refused with HTTP 400 on its property.
 * The options come from the worker itself ({@code GET /connector-plugins/<plugin>/config}), so a new option is
 * covered the day it is added.
 */
@ExtendWith(LabExtension.class)
class ConfigMistakesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINK = "io.cdcbundle.sink.ValidatedJdbcSinkConnector";
    private static final String CHECKER = "io.cdcbundle.checker.ConsistencyCheckConnector";
    /** The groups of the checker's own options in its ConfigDef. */
    private static final java.util.Set<String> CHECKER_GROUPS = java.util.Set.of("Source", "Target", "Check", "Repair");
    /** Plugin, and the prefix its options take in the sink's configuration. */
    private static final Map<String, String> PLUGINS = new LinkedHashMap<>();

    static {
        PLUGINS.put("io.cdcbundle.transforms.FlattenEnvelope", "transforms.flatten.");
        PLUGINS.put("io.cdcbundle.transforms.RouteByTable", "transforms.route.");
        PLUGINS.put(SINK, "");
        PLUGINS.put("io.cdcbundle.converter.SchemaCachingJsonConverter", "value.converter.");
    }

    /** One option written wrong, and what the worker answered. */
    record Mistake(String plugin, String property, String written, int status, String message) {
    }

    @Test
    void everyOptionWrittenWrongIsRefusedOnItsProperty(Lab lab) throws Exception {
        Map<String, String> valid = validConfig(lab);
        String reference = lab.secrets().reference("k");
        // The lab's secret directory is a new temporary one in every run: the doc shows <dir> instead.
        String secrets = reference.substring(reference.indexOf(':') + 1, reference.lastIndexOf(':'));
        ConnectRestClient rest = lab.rest();
        assertEquals(0, validate(rest, valid).path("error_count").asInt(), "the base configuration is valid");
        List<Mistake> mistakes = new ArrayList<>();
        for (Map.Entry<String, String> plugin : PLUGINS.entrySet()) {
            for (JsonNode option : rest.send("GET", "/connector-plugins/" + plugin.getKey() + "/config", null).json()) {
                String name = option.path("name").asText();
                if (plugin.getKey().equals(SINK) && !name.startsWith("bundle.") && !name.startsWith("validation.")) {
                    continue; // Debezium's own options: its validation, not ours
                }
                String property = plugin.getValue() + name;
                String misspelt = property.substring(0, property.length() - 1);
                Map<String, String> config = new LinkedHashMap<>(valid);
                config.put(misspelt, config.getOrDefault(property, "1"));
                config.remove(property);
                mistakes.add(attempt(rest, SINK, plugin.getKey(), misspelt, "(misspelt " + name + ")", config, secrets));
                String wrong = wrongValue(option.path("type").asText());
                if (wrong != null) {
                    config = new LinkedHashMap<>(valid);
                    config.put(property, wrong);
                    mistakes.add(attempt(rest, SINK, plugin.getKey(), property, wrong, config, secrets));
                }
            }
        }
        Map<String, String> checker = checkerConfig(lab);
        assertEquals(0, validate(rest, CHECKER, checker).path("error_count").asInt(), "the checker's base configuration");
        for (JsonNode option : rest.send("GET", "/connector-plugins/" + CHECKER + "/config", null).json()) {
            String name = option.path("name").asText();
            if (!CHECKER_GROUPS.contains(option.path("group").asText())) {
                continue; // Connect's own options (name, tasks.max, converters...): its validation, not ours
            }
            Map<String, String> config = new LinkedHashMap<>(checker);
            config.put(name.substring(0, name.length() - 1), config.getOrDefault(name, "1"));
            config.remove(name);
            mistakes.add(attempt(rest, CHECKER, CHECKER, name.substring(0, name.length() - 1), "(misspelt " + name + ")",
                    config, secrets));
            String wrong = wrongValue(option.path("type").asText());
            if (wrong != null) {
                config = new LinkedHashMap<>(checker);
                config.put(name, wrong);
                mistakes.add(attempt(rest, CHECKER, CHECKER, name, wrong, config, secrets));
            }
        }
        Map<String, String> repairWithoutSignal = new LinkedHashMap<>(checker);
        repairWithoutSignal.put("repair.enabled", "true");
        mistakes.add(attempt(rest, CHECKER, CHECKER, "repair.signal.table", "repair.enabled=true", repairWithoutSignal,
                secrets));
        Map<String, String> tables = new LinkedHashMap<>(checker);
        tables.put("tables", "orders=");
        mistakes.add(attempt(rest, CHECKER, CHECKER, "tables", "tables=orders=", tables, secrets));
        for (Map.Entry<String, Map<String, String>> everyday : everydayMistakes(lab).entrySet()) {
            Map<String, String> config = new LinkedHashMap<>(valid);
            everyday.getValue().forEach((k, v) -> {
                if (v == null) {
                    config.remove(k);
                } else {
                    config.put(k, v);
                }
            });
            // Sorted: Map.of's order changes from one JVM to the next, and the doc must not.
            String written = String.join(", ", everyday.getValue().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).toList());
            String property = everyday.getKey();
            String plugin = property.startsWith("transforms.flatten.") ? "FlattenEnvelope"
                    : property.startsWith("transforms.route.") ? "RouteByTable" : SINK;
            mistakes.add(attempt(rest, SINK, plugin, property, written, config, secrets));
        }
        MistakesDoc.check(mistakes);
        for (Mistake m : mistakes) {
            if (m.written().contains("${secrets:")) {
                continue; // Connect resolves references before any plugin validates: see docs/secrets-provider.md
            }
            assertEquals(400, m.status(), m.toString());
            assertTrue(!m.message().isEmpty(), "no message on " + m.property() + ": " + m);
        }
    }

    /** Mistakes seen in use, by the property whose message tells the user what to write; null removes a property. */
    private static Map<String, Map<String, String>> everydayMistakes(Lab lab) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("transforms.flatten.add.fields", Map.of("transforms.flatten.add.fields", "op,source.tabel"));
        m.put("transforms.flatten.delete.handling.mode", Map.of("transforms.flatten.delete.handling.mode", "rewrit"));
        m.put("transforms.flatten.columns.rename", Map.of("transforms.flatten.columns.rename", "name"));
        m.put("transforms.flatten.columns.exclude", Map.of("transforms.flatten.columns.include", "id,name",
                "transforms.flatten.columns.exclude", "name"));
        m.put("transforms.route.table.regex", Map.of("transforms.route.table.regex", "(orders"));
        m.put("transforms.route.table.replacement", Map.of("transforms.route.table.regex", "(.*)_[0-9]+",
                "transforms.route.table.replacement", "$2"));
        m.put("transforms.route.table.format", Map.of("transforms.route.table.format", "${tabel}"));
        m.put("transforms.route.table.mapping", Map.of("transforms.route.table.mapping", "orders"));
        m.put("transforms.route.route.to", Map.of("transforms.route.route.to", "headr"));
        m.put("transforms.route.table.case", Map.of("transforms.route.table.case", "camel"));
        m.put("collection.name.format", Map.of("collection.name.format", "target_table"));
        m.put("value.converter.schemas.enable", Map.of("value.converter.schemas.enable", "false"));
        m.put("primary.key.mode", Map.of("primary.key.mode", "none", "insert.mode", "insert"));
        m.put("insert.mode", Map.of("insert.mode", "upsrt"));
        m.put("connection.password", Map.of("connection.password", lab.secrets().reference("no-such-server.password")));
        return m;
    }

    /** A value no option of that type takes; null where every text is a value of the type. */
    private static String wrongValue(String type) {
        return switch (type) {
            case "BOOLEAN" -> "maybe";
            case "INT", "LONG", "SHORT", "DOUBLE" -> "lots";
            default -> null;
        };
    }

    /** Every plugin of ours in one sink, as VersionLinePipelineTest runs it. */
    private static Map<String, String> validConfig(Lab lab) throws Exception {
        Pipeline pipeline = VersionLinePipelineTest.everyPlugin(lab, "mistakes", DatabaseKind.MARIADB, DatabaseKind.POSTGRES);
        JsonNode config = JSON.readTree(pipeline.sinkConnectorJson(lab.bootstrapServers())).path("config");
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), e.getValue().asText());
        }
        values.put("name", "mistakes-sink");
        return values;
    }

    /** A checker comparing the lab's MariaDB source with its PostgreSQL target (validation does not connect). */
    private static Map<String, String> checkerConfig(Lab lab) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("name", "mistakes-checker");
        c.put("connector.class", CHECKER);
        c.put("source.connection.url", lab.source(DatabaseKind.MARIADB).jdbcUrl("mistakes"));
        c.put("source.connection.user", "checker");
        c.put("target.connection.url", lab.target(DatabaseKind.POSTGRES).jdbcUrl("mistakes"));
        c.put("target.connection.user", "checker");
        c.put("tables", "source_table=target_table");
        return c;
    }

    private static JsonNode validate(ConnectRestClient rest, Map<String, String> config) throws Exception {
        return validate(rest, SINK, config);
    }

    private static JsonNode validate(ConnectRestClient rest, String connector, Map<String, String> config)
            throws Exception {
        ConnectRestClient.Response response = rest.send("PUT", "/connector-plugins/"
                + connector.substring(connector.lastIndexOf('.') + 1) + "/config/validate", JSON.writeValueAsString(config));
        assertTrue(response.ok(), response.body());
        return response.json();
    }

    /** @param connector the connector whose configuration {@code config} is */
    private static Mistake attempt(ConnectRestClient rest, String connector, String plugin, String property,
                                   String written, Map<String, String> config, String secrets) throws Exception {
        List<String> messages = new ArrayList<>();
        ConnectRestClient.Response validated = rest.send("PUT", "/connector-plugins/"
                + connector.substring(connector.lastIndexOf('.') + 1) + "/config/validate", JSON.writeValueAsString(config));
        if (validated.ok()) {
            for (JsonNode value : validated.json().path("configs")) {
                if (value.path("value").path("name").asText().equals(property)) {
                    value.path("value").path("errors").forEach(e -> messages.add(e.asText()));
                }
            }
        } else {
            messages.add("(validate: HTTP " + validated.status() + ") " + validated.json().path("message").asText());
        }
        Map<String, Object> doc = Map.of("name", config.get("name"), "config", config);
        ConnectRestClient.Response created = rest.send("POST", "/connectors", JSON.writeValueAsString(doc));
        if (created.ok()) {
            rest.deleteConnector(config.get("name"));
        }
        return new Mistake(plugin.substring(plugin.lastIndexOf('.') + 1), property, written.replace(secrets, "<dir>"),
                created.status(), String.join(" / ", messages).replace(secrets, "<dir>"));
    }
}
