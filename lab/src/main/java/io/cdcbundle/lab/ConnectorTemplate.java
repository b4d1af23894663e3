package io.cdcbundle.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A connector JSON file from {@code connectors/} with {@code {{name}}} tokens for what only the running lab knows
 * (ports, the broker's address, the pipeline's names). Rendering fails on a token it has no value for, so a
 * file can never reach the REST API half-filled.
 */
public final class ConnectorTemplate {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([a-z0-9.]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String resource;
    private final String text;

    private ConnectorTemplate(String resource, String text) {
        this.resource = resource;
        this.text = text;
    }

    public static ConnectorTemplate load(String fileName) {
        String resource = "connectors/" + fileName;
        try (InputStream in = ConnectorTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No connector template " + resource + " on the lab's classpath");
            }
            return new ConnectorTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    static ConnectorTemplate of(String name, String text) {
        return new ConnectorTemplate(name, text);
    }

    /** A rendered connector JSON document with {@code overrides} set in its "config" object; null removes a key. */
    public static String withConfig(String connectorJson, Map<String, String> overrides) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode doc =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(connectorJson);
            com.fasterxml.jackson.databind.node.ObjectNode config =
                    (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("config");
            overrides.forEach((k, v) -> {
                if (v == null) {
                    config.remove(k);
                } else {
                    config.put(k, v);
                }
            });
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a connector JSON document: " + e.getOriginalMessage(), e);
        }
    }

    /** The connector JSON with every token replaced; the result is checked to be valid JSON. */
    public String render(Map<String, String> values) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(resource + " uses {{" + m.group(1) + "}}, which the lab does not "
                        + "define; defined are " + new java.util.TreeSet<>(values.keySet()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String json = out.toString();
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(resource + " is not valid JSON once rendered: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), e);
        }
        return json;
    }
}
