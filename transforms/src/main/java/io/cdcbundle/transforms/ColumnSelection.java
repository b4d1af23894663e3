package io.cdcbundle.transforms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Which row columns FlattenEnvelope keeps, under which names, and whether nested values become columns. */
record ColumnSelection(Set<String> include, Set<String> exclude, Map<String, String> rename,
                       boolean flattenNested, String delimiter) {

    static ColumnSelection of(List<String> include, List<String> exclude, List<String> rename,
                              boolean flattenNested, String delimiter) {
        if (!include.isEmpty() && !exclude.isEmpty()) {
            throw new ConfigException(FlattenEnvelope.COLUMNS_INCLUDE_CONFIG, String.join(",", include),
                    "set either " + FlattenEnvelope.COLUMNS_INCLUDE_CONFIG + " or " + FlattenEnvelope.COLUMNS_EXCLUDE_CONFIG
                            + ", not both");
        }
        return new ColumnSelection(Set.copyOf(include), Set.copyOf(exclude), renames(rename), flattenNested, delimiter);
    }

    /** columns.rename parsed by ConfigDef, so that REST validation answers with the property. */
    @SuppressWarnings("unchecked")
    static final ConfigDef.Validator RENAME_VALIDATOR = (property, value) ->
            renames(value == null ? List.of() : (List<String>) value);

    private static Map<String, String> renames(List<String> rename) {
        Map<String, String> renames = new HashMap<>();
        for (String entry : rename) {
            String[] parts = entry.split(":", -1);
            if (parts.length != 2 || parts[0].trim().isEmpty() || parts[1].trim().isEmpty()) {
                throw new ConfigException(FlattenEnvelope.COLUMNS_RENAME_CONFIG, entry,
                        "expected old:new pairs separated by commas, e.g. 'cust_id:customer_id,nm:name'");
            }
            if (renames.put(parts[0].trim(), parts[1].trim()) != null) {
                throw new ConfigException(FlattenEnvelope.COLUMNS_RENAME_CONFIG, entry, "renames '" + parts[0].trim() + "' twice");
            }
        }
        return Map.copyOf(renames);
    }

    /** True when the row's columns pass through as they are (nested values may still be flattened). */
    boolean keepsAllAsIs() {
        return include.isEmpty() && exclude.isEmpty() && rename.isEmpty();
    }

    boolean keeps(String column) {
        return include.isEmpty() ? !exclude.contains(column) : include.contains(column);
    }

    String outputName(String column) {
        return rename.getOrDefault(column, column);
    }
}
