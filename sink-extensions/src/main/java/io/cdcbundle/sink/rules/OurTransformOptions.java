package io.cdcbundle.sink.rules;

import java.util.Map;
import java.util.Set;

/**
 * The option names of cdc-bundle's transforms, for checks of a sink's transform chain. The transforms live in another
 * plugin directory, out of this class loader's reach, so the names are listed here; SinkPropertiesTest pins them to
 * the transforms' real ConfigDefs. Plain Java: the linter uses them without Kafka.
 */
public final class OurTransformOptions {

    private OurTransformOptions() {
    }

    /**
     * The fields of the source block (union of Debezium's connectors) and of the transaction block, which
     * FlattenEnvelope's add.fields and add.headers name as source.FIELD and transaction.FIELD: a near miss of one of
     * them is a typo, since FlattenEnvelope adds a field the envelope lacks as null.
     */
    static final Map<String, Set<String>> ENVELOPE_FIELDS = Map.of(
            "source", Set.of("version", "connector", "name", "ts_ms", "ts_us", "ts_ns", "snapshot", "db", "sequence",
                    "schema", "table", "server_id", "gtid", "file", "pos", "row", "thread", "query", "txId", "lsn", "xmin",
                    "change_lsn", "commit_lsn", "event_serial_no", "scn", "commit_scn", "lcr_position", "rs_id", "ssn",
                    "redo_thread", "user_name", "row_id", "rs", "collection", "ord", "lsid", "txnNumber", "wallTime"),
            "transaction", Set.of("id", "total_order", "data_collection_order"));

    /** What Connect itself reads under transforms.ALIAS. of every transform. */
    static final Set<String> CONNECT = Set.of("type", "predicate", "negate");

    public static final Map<String, Set<String>> BY_CLASS = Map.of(
            "io.cdcbundle.transforms.FlattenEnvelope", Set.of("delete.handling.mode", "tombstone.handling.mode",
                    "non.row.handling.mode", "add.fields", "add.fields.prefix", "add.headers", "add.headers.prefix",
                    "delete.flag.field", "columns.include", "columns.exclude", "columns.rename", "flatten.nested",
                    "flatten.delimiter", "schema.cache.size"),
            "io.cdcbundle.transforms.RouteByTable", Set.of("route.to", "route.header", "table.format", "table.mapping",
                    "table.regex", "table.replacement", "table.case", "table.prefix", "table.suffix", "table.max.length",
                    "key.source.field", "metadata.prefix", "cache.size"));
}
