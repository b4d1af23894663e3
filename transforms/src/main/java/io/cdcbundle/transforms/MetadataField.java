package io.cdcbundle.transforms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * One entry of {@code add.fields} or {@code add.headers}: a top-level envelope field ({@code op}, {@code ts_ms},
 * {@code ts_us}, {@code ts_ns}) or a field of the envelope's {@code source} or {@code transaction} block
 * ({@code source.table}), optionally renamed ({@code source.ts_ms:event_ts}).
 *
 * @param group   {@code source}, {@code transaction}, or null for a top-level field
 * @param name    the field's name in the envelope (or in its group)
 * @param output  the name of the added field or header, prefix included
 */
record MetadataField(String group, String name, String output) {

    static final Set<String> TOP_LEVEL = Set.of("op", "ts_ms", "ts_us", "ts_ns");
    static final Set<String> GROUPS = Set.of("source", "transaction");

    /** add.fields and add.headers parsed by ConfigDef, so that REST validation answers with the property. */
    @SuppressWarnings("unchecked")
    static final ConfigDef.Validator VALIDATOR = (property, value) ->
            parse(property, value == null ? List.of() : (List<String>) value, "");

    /** The top-level envelope field this entry reads: {@code op}, or the group's name. */
    String envelopeField() {
        return group == null ? name : group;
    }

    static List<MetadataField> parse(String property, List<String> entries, String prefix) {
        List<MetadataField> fields = new ArrayList<>();
        Set<String> outputs = new HashSet<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String path = entry;
            String alias = null;
            int colon = entry.indexOf(':');
            if (colon >= 0) {
                path = entry.substring(0, colon).trim();
                alias = entry.substring(colon + 1).trim();
                if (alias.isEmpty()) {
                    throw new ConfigException(property, raw, "the name after ':' is empty; write e.g. source.ts_ms:event_ts");
                }
            }
            MetadataField field;
            int dot = path.indexOf('.');
            if (dot < 0) {
                if (!TOP_LEVEL.contains(path)) {
                    throw invalid(property, raw);
                }
                field = new MetadataField(null, path, prefix + (alias != null ? alias : path));
            } else {
                String group = path.substring(0, dot);
                String name = path.substring(dot + 1);
                if (!GROUPS.contains(group) || name.isEmpty() || name.indexOf('.') >= 0) {
                    throw invalid(property, raw);
                }
                field = new MetadataField(group, name, prefix + (alias != null ? alias : group + "_" + name));
            }
            if (!outputs.add(field.output())) {
                throw new ConfigException(property, raw, "adds '" + field.output() + "' twice; give one a different name with ':'");
            }
            fields.add(field);
        }
        return List.copyOf(fields);
    }

    private static ConfigException invalid(String property, String entry) {
        return new ConfigException(property, entry, "expected one of " + TOP_LEVEL
                + ", source.<field> (e.g. source.table, source.ts_ms) or transaction.<field>, optionally followed by "
                + ":<name>, e.g. 'op,source.table,source.ts_ms:event_ts'");
    }
}
