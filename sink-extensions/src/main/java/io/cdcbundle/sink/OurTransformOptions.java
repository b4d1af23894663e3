package io.cdcbundle.sink;

import java.util.Map;
import java.util.Set;

/**
 * The option names of cdc-bundle's transforms, for checks of a sink's transform chain. The transforms live in another
 * plugin directory, out of this class loader's reach, so the names are listed here; SinkPropertiesTest pins them to
 * the transforms' real ConfigDefs. Plain Java: the linter uses them without Kafka.
 */
final class OurTransformOptions {

    private OurTransformOptions() {
    }

    /** What Connect itself reads under transforms.ALIAS. of every transform. */
    static final Set<String> CONNECT = Set.of("type", "predicate", "negate");

    static final Map<String, Set<String>> BY_CLASS = Map.of(
            "io.cdcbundle.transforms.FlattenEnvelope", Set.of("delete.handling.mode", "tombstone.handling.mode",
                    "non.row.handling.mode", "add.fields", "add.fields.prefix", "add.headers", "add.headers.prefix",
                    "delete.flag.field", "columns.include", "columns.exclude", "columns.rename", "flatten.nested",
                    "flatten.delimiter", "schema.cache.size"),
            "io.cdcbundle.transforms.RouteByTable", Set.of("route.to", "route.header", "table.format", "table.mapping",
                    "table.regex", "table.replacement", "table.case", "table.prefix", "table.suffix", "table.max.length",
                    "key.source.field", "metadata.prefix", "cache.size"));
}
