package io.cdcbundle.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.common.config.ConfigDef;

/**
 * Writes the configuration reference of every plugin our jars declare in their service manifests, from the
 * plugins' own ConfigDefs, so the documentation cannot drift from what {@code configure()} reads.
 */
public final class ConfigReference {

    /** Plugin kinds as Connect's service manifests name them, and how the reference calls them. */
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("org.apache.kafka.connect.transforms.Transformation", "transform");
        KINDS.put("org.apache.kafka.connect.transforms.predicates.Predicate", "predicate");
        KINDS.put("org.apache.kafka.common.config.provider.ConfigProvider", "config provider");
        KINDS.put("org.apache.kafka.connect.storage.Converter", "converter");
        KINDS.put("org.apache.kafka.connect.sink.SinkConnector", "sink connector");
        KINDS.put("org.apache.kafka.connect.source.SourceConnector", "source connector");
    }

    private ConfigReference() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: ConfigReference OUTPUT.md");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(ConfigReference.class.getClassLoader()), StandardCharsets.UTF_8);
    }

    /** Our plugin classes (io.cdcbundle.*) named in service manifests visible to {@code loader}, by kind. */
    static Map<String, List<String>> declaredPlugins(ClassLoader loader) throws IOException {
        Map<String, List<String>> plugins = new LinkedHashMap<>();
        for (String kind : KINDS.keySet()) {
            TreeSet<String> classes = new TreeSet<>();
            Enumeration<URL> manifests = loader.getResources("META-INF/services/" + kind);
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                            .filter(l -> l.startsWith("io.cdcbundle.")).forEach(classes::add);
                }
            }
            if (!classes.isEmpty()) {
                plugins.put(kind, new ArrayList<>(classes));
            }
        }
        return plugins;
    }

    static String render(ClassLoader loader) throws Exception {
        StringBuilder out = new StringBuilder("# cdc-bundle configuration reference\n\n"
                + "Generated from each plugin's ConfigDef by the build (`packaging/target/generated-docs/config-reference.md`); "
                + "docs/configuration.md is that file, committed, and the build fails when they differ. Regenerate "
                + "with `mvn -B package -DskipTests && cp packaging/target/generated-docs/config-reference.md "
                + "docs/configuration.md`.\n");
        for (Map.Entry<String, List<String>> kind : declaredPlugins(loader).entrySet()) {
            for (String className : kind.getValue()) {
                Class<?> plugin = Class.forName(className, true, loader);
                out.append("\n## ").append(plugin.getSimpleName()).append("\n\n`").append(className).append("`, ")
                        .append(KINDS.get(kind.getKey())).append(".\n\n");
                String overview = staticString(plugin, "OVERVIEW_DOC");
                if (overview != null) {
                    out.append(overview).append("\n\n");
                }
                out.append("| property | type | default | valid values | importance | description |\n");
                out.append("|---|---|---|---|---|---|\n");
                for (ConfigDef.ConfigKey key : configDef(plugin).configKeys().values()) {
                    out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                            .append(" | ").append(defaultValue(key)).append(" | ")
                            .append(validValues(key.validator)).append(" | ")
                            .append(key.importance.name().toLowerCase()).append(" | ")
                            .append(cell(key.documentation)).append(" |\n");
                }
            }
        }
        return out.toString();
    }

    /** The plugin's ConfigDef: its public static CONFIG_DEF, else what a new instance's config() returns. */
    static ConfigDef configDef(Class<?> plugin) throws ReflectiveOperationException {
        try {
            Field field = plugin.getField("CONFIG_DEF");
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ConfigDef def) {
                return def;
            }
        } catch (NoSuchFieldException e) {
            // fall through to config()
        }
        Object instance = plugin.getDeclaredConstructor().newInstance();
        return (ConfigDef) plugin.getMethod("config").invoke(instance);
    }

    private static String staticString(Class<?> plugin, String name) {
        try {
            Object value = plugin.getField(name).get(null);
            return value instanceof String s ? s : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (key.defaultValue == ConfigDef.NO_DEFAULT_VALUE) {
            return "(required)";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value == null || value.isEmpty() ? "\"\"" : "`" + cell(value) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Kafka's validators describe themselves; a lambda's toString is its class name and hash, which would tell the
     * reader nothing and change with every build: its property's description says what it accepts.
     */
    static String validValues(ConfigDef.Validator validator) {
        if (validator == null) {
            return "";
        }
        if (validator.getClass().isSynthetic() || validator.getClass().isHidden()) {
            return "see description";
        }
        return cell(validator.toString());
    }
}
