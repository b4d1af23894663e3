package io.cdcbundle.transforms;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Turns a Debezium change event into the row it describes, with or without a schema. See {@link #OVERVIEW_DOC}.
 */
public class FlattenEnvelope<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Replaces a Debezium change event (before/after/source/op envelope) by "
            + "the row it describes: 'after' for creates, reads and updates; for deletes what "
            + "delete.handling.mode says. Works on Struct values (a converter with schemas) and on Map values "
            + "(schemas.enable=false, including a JSON envelope of 'schema' and 'payload'), where Debezium's "
            + "ExtractNewRecordState passes records through unchanged. Envelope metadata can be added as fields or "
            + "headers. Heartbeats, schema changes, transaction markers, truncate and message events pass through "
            + "or are dropped (non.row.handling.mode). A malformed event fails with a DataException naming its "
            + "topic, partition and offset, so errors.tolerance and the dead-letter queue apply.";

    public static final String DELETE_HANDLING_CONFIG = "delete.handling.mode";
    public static final String TOMBSTONE_HANDLING_CONFIG = "tombstone.handling.mode";
    public static final String NON_ROW_HANDLING_CONFIG = "non.row.handling.mode";
    public static final String ADD_FIELDS_CONFIG = "add.fields";
    public static final String ADD_FIELDS_PREFIX_CONFIG = "add.fields.prefix";
    public static final String ADD_HEADERS_CONFIG = "add.headers";
    public static final String ADD_HEADERS_PREFIX_CONFIG = "add.headers.prefix";
    public static final String DELETE_FLAG_FIELD_CONFIG = "delete.flag.field";
    public static final String COLUMNS_INCLUDE_CONFIG = "columns.include";
    public static final String COLUMNS_EXCLUDE_CONFIG = "columns.exclude";
    public static final String COLUMNS_RENAME_CONFIG = "columns.rename";
    public static final String FLATTEN_NESTED_CONFIG = "flatten.nested";
    public static final String FLATTEN_DELIMITER_CONFIG = "flatten.delimiter";
    public static final String SCHEMA_CACHE_SIZE_CONFIG = "schema.cache.size";

    /** What becomes of a delete event ('d'). */
    public enum DeleteHandling {
        /** The delete is dropped: the target keeps the row. */
        DROP,
        /** Key with a null value: the Debezium JDBC sink deletes the row (delete.enabled=true), on 2.7 and 3.x. */
        TOMBSTONE,
        /** The row as it was before the delete, with the delete flag field set to "true". */
        REWRITE,
        /** As rewrite; the source's own tombstones are always kept, for compacted topics. */
        REWRITE_WITH_TOMBSTONE;

        String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final String[] DELETE_MODES = {"drop", "tombstone", "rewrite", "rewrite-with-tombstone"};

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DELETE_HANDLING_CONFIG, ConfigDef.Type.STRING, "tombstone",
                    ConfigDef.CaseInsensitiveValidString.in(DELETE_MODES), ConfigDef.Importance.HIGH,
                    "What a delete event becomes. 'tombstone' (default): the key with a null value, which the Debezium "
                            + "JDBC sink applies as a DELETE when delete.enabled=true, on every Debezium line (Debezium's "
                            + "own default dropped deletes up to 3.1). 'drop': nothing, the target keeps the row. "
                            + "'rewrite': the row before the delete with " + DELETE_FLAG_FIELD_CONFIG + "=\"true\" (and "
                            + "\"false\" on other rows). 'rewrite-with-tombstone': as rewrite, and the source's "
                            + "tombstones are kept.")
            .define(TOMBSTONE_HANDLING_CONFIG, ConfigDef.Type.STRING, "keep",
                    ConfigDef.CaseInsensitiveValidString.in("keep", "drop"), ConfigDef.Importance.MEDIUM,
                    "What becomes of the tombstone (null value) Debezium writes after each delete: 'keep' (default) "
                            + "passes it on, 'drop' removes it.")
            .define(NON_ROW_HANDLING_CONFIG, ConfigDef.Type.STRING, "passthrough",
                    ConfigDef.CaseInsensitiveValidString.in("passthrough", "drop"), ConfigDef.Importance.MEDIUM,
                    "What becomes of records that are not row changes: heartbeats, schema change events, transaction "
                            + "metadata, truncate ('t') and message ('m') events. 'passthrough' (default) or 'drop'.")
            .define(ADD_FIELDS_CONFIG, ConfigDef.Type.LIST, "", MetadataField.VALIDATOR, ConfigDef.Importance.MEDIUM,
                    "Envelope metadata to add to the row as fields: op, ts_ms, ts_us, ts_ns, source.<field> (e.g. "
                            + "source.db, source.schema, source.table, source.ts_ms, source.lsn, source.file, "
                            + "source.pos, source.gtid) or transaction.<field>, each optionally renamed with ':name' "
                            + "(source.ts_ms:event_ts). A field this connector's envelope lacks is null. The field "
                            + "name is the prefix plus the name, dots as underscores: __source_table.")
            .define(ADD_FIELDS_PREFIX_CONFIG, ConfigDef.Type.STRING, "__", ConfigDef.Importance.LOW,
                    "Prefix of the fields added by " + ADD_FIELDS_CONFIG + ".")
            .define(ADD_HEADERS_CONFIG, ConfigDef.Type.LIST, "", MetadataField.VALIDATOR, ConfigDef.Importance.MEDIUM,
                    "Envelope metadata to add as record headers, in the same form as " + ADD_FIELDS_CONFIG
                            + ". Headers are also added to delete tombstones.")
            .define(ADD_HEADERS_PREFIX_CONFIG, ConfigDef.Type.STRING, "__", ConfigDef.Importance.LOW,
                    "Prefix of the headers added by " + ADD_HEADERS_CONFIG + ".")
            .define(DELETE_FLAG_FIELD_CONFIG, ConfigDef.Type.STRING, "__deleted", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.LOW,
                    "The string field ('true'/'false') that the rewrite modes add to every row.")
            .define(COLUMNS_INCLUDE_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.LOW,
                    "Row columns to keep; all when empty. Not together with " + COLUMNS_EXCLUDE_CONFIG + ".")
            .define(COLUMNS_EXCLUDE_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.LOW,
                    "Row columns to leave out.")
            .define(COLUMNS_RENAME_CONFIG, ConfigDef.Type.LIST, "", ColumnSelection.RENAME_VALIDATOR, ConfigDef.Importance.LOW,
                    "Row columns to rename, as old:new pairs: 'cust_id:customer_id,nm:name'.")
            .define(FLATTEN_NESTED_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Turn nested structs or maps in the row into columns named parent<delimiter>child.")
            .define(FLATTEN_DELIMITER_CONFIG, ConfigDef.Type.STRING, "_", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.LOW, "Delimiter between parent and child names when " + FLATTEN_NESTED_CONFIG
                            + "=true.")
            .define(SCHEMA_CACHE_SIZE_CONFIG, ConfigDef.Type.INT, 256, ConfigDef.Range.between(1, 65536),
                    ConfigDef.Importance.LOW,
                    "How many envelope schemas (about one per table) keep a precomputed output schema.");

    private static final String NAME = "FlattenEnvelope";

    /** The configuration in the form the per-record path needs it. */
    record Settings(DeleteHandling deletes, boolean dropTombstones, boolean dropNonRows, List<MetadataField> fields,
                    List<MetadataField> headers, String deleteFlagField, ColumnSelection columns) {

        boolean rewritesDeletes() {
            return deletes == DeleteHandling.REWRITE || deletes == DeleteHandling.REWRITE_WITH_TOMBSTONE;
        }
    }

    private Settings settings;
    private MapPlan mapPlan;
    private IdentityCache<Schema, StructPlan> plans;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        DeleteHandling deletes = DeleteHandling.valueOf(
                config.getString(DELETE_HANDLING_CONFIG).toUpperCase(Locale.ROOT).replace('-', '_'));
        boolean dropTombstones = "drop".equalsIgnoreCase(config.getString(TOMBSTONE_HANDLING_CONFIG));
        if (deletes == DeleteHandling.REWRITE_WITH_TOMBSTONE && dropTombstones) {
            throw new ConfigException(TOMBSTONE_HANDLING_CONFIG, config.getString(TOMBSTONE_HANDLING_CONFIG),
                    DELETE_HANDLING_CONFIG + "=" + deletes.configValue() + " keeps tombstones by definition: use "
                            + DELETE_HANDLING_CONFIG + "=rewrite to drop them, or " + TOMBSTONE_HANDLING_CONFIG + "=keep");
        }
        List<MetadataField> fields = MetadataField.parse(ADD_FIELDS_CONFIG, config.getList(ADD_FIELDS_CONFIG),
                config.getString(ADD_FIELDS_PREFIX_CONFIG));
        List<MetadataField> headers = MetadataField.parse(ADD_HEADERS_CONFIG, config.getList(ADD_HEADERS_CONFIG),
                config.getString(ADD_HEADERS_PREFIX_CONFIG));
        String deleteFlag = config.getString(DELETE_FLAG_FIELD_CONFIG);
        for (MetadataField f : fields) {
            if (f.output().equals(deleteFlag) && deletes != DeleteHandling.DROP && deletes != DeleteHandling.TOMBSTONE) {
                throw new ConfigException(ADD_FIELDS_CONFIG, config.getList(ADD_FIELDS_CONFIG),
                        "adds '" + deleteFlag + "', the name of " + DELETE_FLAG_FIELD_CONFIG + ": rename one of them");
            }
        }
        ColumnSelection columns = ColumnSelection.of(config.getList(COLUMNS_INCLUDE_CONFIG),
                config.getList(COLUMNS_EXCLUDE_CONFIG), config.getList(COLUMNS_RENAME_CONFIG),
                config.getBoolean(FLATTEN_NESTED_CONFIG), config.getString(FLATTEN_DELIMITER_CONFIG));
        settings = new Settings(deletes, dropTombstones,
                "drop".equalsIgnoreCase(config.getString(NON_ROW_HANDLING_CONFIG)), fields, headers, deleteFlag, columns);
        mapPlan = new MapPlan(settings);
        plans = new IdentityCache<>(config.getInt(SCHEMA_CACHE_SIZE_CONFIG));
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value instanceof Struct struct) {
            return applyStruct(record, struct);
        }
        if (value instanceof Map<?, ?> map) {
            return applyMap(record, map);
        }
        if (value == null) {
            return settings.dropTombstones ? null : record;
        }
        throw RecordErrors.malformed(NAME, record, "expected a Debezium change event as a Struct or a Map, got a "
                + value.getClass().getSimpleName());
    }

    private R applyStruct(R record, Struct envelope) {
        Schema schema = record.valueSchema();
        if (schema == null) {
            throw RecordErrors.malformed(NAME, record, "the value is a Struct but the record has no value schema");
        }
        if (envelope.schema() != schema && !envelope.schema().equals(schema)) {
            throw RecordErrors.malformed(NAME, record, "the value's schema does not match the record's value schema");
        }
        StructPlan plan;
        try {
            plan = plans.computeIfAbsent(schema, s -> StructPlan.of(s, settings));
        } catch (DataException e) { // SchemaBuilder's own refusals, e.g. a field name twice
            throw RecordErrors.malformed(NAME, record, e.getMessage());
        }
        if (plan.malformed != null) {
            throw RecordErrors.malformed(NAME, record, plan.malformed);
        }
        if (!plan.rowChange) {
            return nonRow(record);
        }
        if (!(envelope.get(plan.op) instanceof String o)) {
            throw RecordErrors.malformed(NAME, record, "the change event has no 'op'");
        }
        switch (o.length() == 1 ? o.charAt(0) : '?') {
            case 'c', 'r', 'u' -> {
                return structRow(record, plan, envelope, plan.after, "after", o, false);
            }
            case 'd' -> {
                return switch (settings.deletes) {
                    case DROP -> null;
                    case TOMBSTONE -> record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(),
                            record.key(), plan.outputSchema, null, record.timestamp(), headers(record, plan, envelope));
                    case REWRITE, REWRITE_WITH_TOMBSTONE -> structRow(record, plan, envelope, plan.before, "before", o, true);
                };
            }
            case 't', 'm' -> {
                return nonRow(record);
            }
            default -> throw RecordErrors.malformed(NAME, record, "unknown op '" + o + "' (expected c, r, u, d, t or m)");
        }
    }

    private R structRow(R record, StructPlan plan, Struct envelope, Field side, String sideName, String op,
                        boolean deleted) {
        Object rowValue = envelope.get(side);
        if (!(rowValue instanceof Struct row)) {
            throw RecordErrors.malformed(NAME, record, rowValue == null
                    ? "op '" + op + "' without '" + sideName + "'"
                    : "'" + sideName + "' is a " + rowValue.getClass().getSimpleName() + ", not a Struct");
        }
        if (row.schema() != plan.rowSchema && !row.schema().equals(plan.rowSchema)) {
            throw RecordErrors.malformed(NAME, record, "'" + sideName + "' does not match its schema in the envelope");
        }
        Struct out;
        try {
            out = plan.output(row, envelope, deleted);
        } catch (DataException | ClassCastException e) {
            throw RecordErrors.malformed(NAME, record, "a value does not match its schema: " + e.getMessage());
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                plan.outputSchema, out, record.timestamp(), headers(record, plan, envelope));
    }

    private Headers headers(R record, StructPlan plan, Struct envelope) {
        if (plan.headerNames.length == 0) {
            return record.headers();
        }
        Headers headers = record.headers().duplicate();
        for (int i = 0; i < plan.headerNames.length; i++) {
            headers.add(plan.headerNames[i], StructPlan.read(envelope, plan.headerPaths[i]), plan.headerSchemas[i]);
        }
        return headers;
    }

    private R applyMap(R record, Map<?, ?> value) {
        Map<?, ?> envelope = value;
        // JsonConverter with schemas.enable=false hands a schema-carrying JSON envelope over as {schema, payload}.
        if (!envelope.containsKey("op") && envelope.containsKey("schema") && envelope.get("payload") instanceof Map<?, ?> p) {
            envelope = p;
        }
        Object op = envelope.get("op");
        if (op == null) {
            if (envelope.containsKey("op") || envelope.containsKey("after") || envelope.containsKey("before")) {
                throw RecordErrors.malformed(NAME, record, "the change event has no 'op'");
            }
            return nonRow(record);
        }
        if (!(op instanceof String o)) {
            throw RecordErrors.malformed(NAME, record, "'op' is a " + op.getClass().getSimpleName() + ", not a string");
        }
        switch (o.length() == 1 ? o.charAt(0) : '?') {
            case 'c', 'r', 'u' -> {
                return mapRow(record, envelope, "after", o, false);
            }
            case 'd' -> {
                return switch (settings.deletes) {
                    case DROP -> null;
                    case TOMBSTONE -> record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(),
                            record.key(), null, null, record.timestamp(), headers(record, envelope));
                    case REWRITE, REWRITE_WITH_TOMBSTONE -> mapRow(record, envelope, "before", o, true);
                };
            }
            case 't', 'm' -> {
                return nonRow(record);
            }
            default -> throw RecordErrors.malformed(NAME, record, "unknown op '" + o + "' (expected c, r, u, d, t or m)");
        }
    }

    private R mapRow(R record, Map<?, ?> envelope, String sideName, String op, boolean deleted) {
        Object rowValue = envelope.get(sideName);
        if (!(rowValue instanceof Map<?, ?> row)) {
            throw RecordErrors.malformed(NAME, record, rowValue == null
                    ? "op '" + op + "' without '" + sideName + "'"
                    : "'" + sideName + "' is a " + rowValue.getClass().getSimpleName() + ", not a map");
        }
        Map<?, ?> output;
        try {
            output = mapPlan.output(row, envelope, deleted);
        } catch (DataException e) {
            throw RecordErrors.malformed(NAME, record, e.getMessage());
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), null,
                output, record.timestamp(), headers(record, envelope));
    }

    private Headers headers(R record, Map<?, ?> envelope) {
        if (settings.headers.isEmpty()) {
            return record.headers();
        }
        Headers headers = record.headers().duplicate();
        for (MetadataField h : settings.headers) {
            headers.add(h.output(), MapPlan.read(envelope, h), null);
        }
        return headers;
    }

    private R nonRow(R record) {
        return settings.dropNonRows ? null : record;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return BundleVersion.VERSION;
    }

    @Override
    public void close() {
    }
}
