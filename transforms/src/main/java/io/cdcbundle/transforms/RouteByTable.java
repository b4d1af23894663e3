package io.cdcbundle.transforms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/** Routes each change event to its target table by the table it came from. See {@link #OVERVIEW_DOC}. */
public class RouteByTable<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Sets the record's topic (or a header) to the name of the target table "
            + "for the source table the change came from, so that one JDBC sink connector with topics.regex and "
            + "collection.name.format=${topic} writes every table where it belongs. The source table is read from "
            + "the envelope's source block, else from the fields or headers FlattenEnvelope adds, else from the "
            + "Debezium topic name, so it works before or after flattening and on tombstones. Names come from an "
            + "explicit mapping, or from a template with regex rename, case style, prefix and suffix, and are kept "
            + "within the database's identifier length with a stable hash. Sharded tables can be merged, with the "
            + "source table added to the key so their primary keys cannot collide.";

    public static final String ROUTE_TO_CONFIG = "route.to";
    public static final String ROUTE_HEADER_CONFIG = "route.header";
    public static final String TABLE_FORMAT_CONFIG = "table.format";
    public static final String TABLE_MAPPING_CONFIG = "table.mapping";
    public static final String TABLE_REGEX_CONFIG = "table.regex";
    public static final String TABLE_REPLACEMENT_CONFIG = "table.replacement";
    public static final String TABLE_CASE_CONFIG = "table.case";
    public static final String TABLE_PREFIX_CONFIG = "table.prefix";
    public static final String TABLE_SUFFIX_CONFIG = "table.suffix";
    public static final String TABLE_MAX_LENGTH_CONFIG = "table.max.length";
    public static final String KEY_SOURCE_FIELD_CONFIG = "key.source.field";
    public static final String METADATA_PREFIX_CONFIG = "metadata.prefix";
    public static final String CACHE_SIZE_CONFIG = "cache.size";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ROUTE_TO_CONFIG, ConfigDef.Type.STRING, "topic", ConfigDef.CaseInsensitiveValidString.in("topic", "header"),
                    ConfigDef.Importance.HIGH, "Where the target table name goes: 'topic' (default; use "
                            + "collection.name.format=${topic} in the JDBC sink) or 'header' (" + ROUTE_HEADER_CONFIG + ").")
            .define(ROUTE_HEADER_CONFIG, ConfigDef.Type.STRING, "__target_table", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.LOW, "Header that holds the target table name when " + ROUTE_TO_CONFIG + "=header.")
            .define(TABLE_FORMAT_CONFIG, ConfigDef.Type.STRING, "${table}", (name, value) -> {
                        new ConfigDef.NonEmptyString().ensureValid(name, value);
                        TableNamer.checkFormat((String) value);
                    },
                    ConfigDef.Importance.HIGH, "Template of the target table name over ${db}, ${schema} and ${table}, "
                            + "e.g. '${table}', '${db}_${table}', '${schema}.${table}'. For MySQL and MariaDB ${schema} "
                            + "is the database. Read from a topic name, ${db} and ${schema} are its middle segment.")
            .define(TABLE_MAPPING_CONFIG, ConfigDef.Type.LIST, "",
                    (name, value) -> TableNamer.parseMapping(strings(value), 0), ConfigDef.Importance.MEDIUM,
                    "Explicit source:target names, used as they are, before any template: "
                            + "'orders_legacy:orders,inventory.items:stock_items' (a key may be table, db.table or "
                            + "schema.table; the qualified key wins).")
            .define(TABLE_REGEX_CONFIG, ConfigDef.Type.STRING, "", (name, value) -> {
                        if (value != null && !((String) value).isEmpty()) {
                            TableNamer.compile((String) value);
                        }
                    }, ConfigDef.Importance.MEDIUM,
                    "Regular expression the whole source table name must match to be renamed by "
                            + TABLE_REPLACEMENT_CONFIG + " before the template: 'orders_[0-9]+' merges shards.")
            .define(TABLE_REPLACEMENT_CONFIG, ConfigDef.Type.STRING, "", (name, value) -> {
                        if (value != null) {
                            TableNamer.checkGroupReferences((String) value, Integer.MAX_VALUE);
                        }
                    }, ConfigDef.Importance.MEDIUM,
                    "Replacement for " + TABLE_REGEX_CONFIG + ", with $1.. for its groups: '(.*)_[0-9]+' and '$1'.")
            .define(TABLE_CASE_CONFIG, ConfigDef.Type.STRING, "none",
                    ConfigDef.CaseInsensitiveValidString.in("none", "lower", "upper", "snake"), ConfigDef.Importance.LOW,
                    "Case style of db, schema and table in the template: none, lower, upper or snake (OrderItems -> "
                            + "order_items).")
            .define(TABLE_PREFIX_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    "Text put before every templated name.")
            .define(TABLE_SUFFIX_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    "Text put after every templated name.")
            .define(TABLE_MAX_LENGTH_CONFIG, ConfigDef.Type.INT, 63, (name, value) -> {
                        ConfigDef.Range.between(0, 1024).ensureValid(name, value);
                        if (value != null && (Integer) value > 0 && (Integer) value < 16) {
                            throw new ConfigException(name, value, "must be 0 (no limit) or at least 16, to leave room "
                                    + "for the hash that keeps cut names apart");
                        }
                    },
                    ConfigDef.Importance.MEDIUM, "Longest identifier, in UTF-8 bytes, of the target name (each part of a "
                            + "dotted name): longer ones are cut and end in '_' and 8 hex digits of their SHA-256, so two "
                            + "long names never collide. 63 suits PostgreSQL (NAMEDATALEN-1) and MySQL/MariaDB (64 "
                            + "characters); 0 turns it off; otherwise at least 16.")
            .define(KEY_SOURCE_FIELD_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "When set, a string field of this name holding the source table is added to the record key, so "
                            + "that rows of merged shards with the same primary key stay distinct (with the JDBC sink's "
                            + "primary.key.mode=record_key it joins the target's primary key). Struct and Map keys.")
            .define(METADATA_PREFIX_CONFIG, ConfigDef.Type.STRING, "__", ConfigDef.Importance.LOW,
                    "Prefix of the metadata fields and headers FlattenEnvelope added (__source_db, __source_schema, "
                            + "__source_table), read when the envelope is gone.")
            .define(CACHE_SIZE_CONFIG, ConfigDef.Type.INT, 1024, ConfigDef.Range.between(1, 1 << 20),
                    ConfigDef.Importance.LOW, "How many source tables keep their computed target name.");

    private static final String NAME = "RouteByTable";

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private TableNamer namer;
    private boolean toHeader;
    private String header;
    private String metadataPrefix;
    private String keySourceField;
    private Map<SourceTable, String> names;
    private IdentityCache<Schema, Schema> keySchemas;
    private SourceTable lastSource;
    private String lastName;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        int maxLength = config.getInt(TABLE_MAX_LENGTH_CONFIG);
        String regex = config.getString(TABLE_REGEX_CONFIG);
        if (regex.isEmpty() && !config.getString(TABLE_REPLACEMENT_CONFIG).isEmpty()) {
            throw new ConfigException(TABLE_REPLACEMENT_CONFIG, config.getString(TABLE_REPLACEMENT_CONFIG),
                    "has no effect without " + TABLE_REGEX_CONFIG);
        }
        namer = new TableNamer(config.getString(TABLE_FORMAT_CONFIG), config.getList(TABLE_MAPPING_CONFIG), regex,
                config.getString(TABLE_REPLACEMENT_CONFIG),
                TableNamer.Case.valueOf(config.getString(TABLE_CASE_CONFIG).toUpperCase(Locale.ROOT)),
                config.getString(TABLE_PREFIX_CONFIG), config.getString(TABLE_SUFFIX_CONFIG), maxLength);
        toHeader = "header".equalsIgnoreCase(config.getString(ROUTE_TO_CONFIG));
        header = config.getString(ROUTE_HEADER_CONFIG);
        metadataPrefix = config.getString(METADATA_PREFIX_CONFIG);
        keySourceField = config.getString(KEY_SOURCE_FIELD_CONFIG);
        int cacheSize = config.getInt(CACHE_SIZE_CONFIG);
        names = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SourceTable, String> eldest) {
                return size() > cacheSize;
            }
        };
        keySchemas = new IdentityCache<>(64);
        lastSource = null;
    }

    @Override
    public R apply(R record) {
        SourceTable source = SourceTable.of(record, metadataPrefix);
        if (source == null) {
            throw RecordErrors.malformed(NAME, record, "no source table: the value has no Debezium source block or "
                    + metadataPrefix + "source_table field, there is no " + metadataPrefix + "source_table header, and "
                    + "the topic is not named prefix.db.table");
        }
        String target = targetName(source);
        if (target.isEmpty()) {
            throw RecordErrors.malformed(NAME, record, "table '" + source.table() + "' is named '' by " + TABLE_REGEX_CONFIG
                    + "/" + TABLE_REPLACEMENT_CONFIG + " and the template: no table can have that name");
        }
        Schema keySchema = record.keySchema();
        Object key = record.key();
        if (!keySourceField.isEmpty()) {
            if (key instanceof Struct struct) {
                keySchema = keySchemas.computeIfAbsent(struct.schema(), this::keySchemaWithSource);
                if (keySchema == null) {
                    throw RecordErrors.malformed(NAME, record, "the key already has a field '" + keySourceField
                            + "'; set " + KEY_SOURCE_FIELD_CONFIG + " to a name the key does not use");
                }
                key = keyWithSource(struct, keySchema, source.table());
            } else if (key instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new HashMap<>(map);
                copy.put(keySourceField, source.table());
                key = copy;
            } else {
                throw RecordErrors.malformed(NAME, record, KEY_SOURCE_FIELD_CONFIG + " needs a Struct or Map key to add '"
                        + keySourceField + "' to, got " + (key == null ? "no key" : "a " + key.getClass().getSimpleName()));
            }
        }
        if (toHeader) {
            Headers headers = record.headers().duplicate();
            headers.addString(header, target);
            return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, record.valueSchema(),
                    record.value(), record.timestamp(), headers);
        }
        return record.newRecord(target, record.kafkaPartition(), keySchema, key, record.valueSchema(), record.value(),
                record.timestamp(), record.headers());
    }

    /** Consecutive records mostly come from one table: the last answer is checked before the cache. */
    private String targetName(SourceTable source) {
        if (source.equals(lastSource)) {
            return lastName;
        }
        String name = names.computeIfAbsent(source, namer::name);
        lastSource = source;
        lastName = name;
        return name;
    }

    /** The key schema plus the source table field; null when the key already has a field of that name. */
    private Schema keySchemaWithSource(Schema keySchema) {
        if (keySchema.field(keySourceField) != null) {
            return null;
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(keySchema.name()).version(keySchema.version())
                .doc(keySchema.doc());
        if (keySchema.isOptional()) {
            builder.optional();
        }
        for (Field f : keySchema.fields()) {
            builder.field(f.name(), f.schema());
        }
        return builder.field(keySourceField, Schema.STRING_SCHEMA).build();
    }

    private Struct keyWithSource(Struct key, Schema schema, String table) {
        Struct out = new Struct(schema);
        for (Field f : key.schema().fields()) {
            out.put(f.name(), key.getWithoutDefault(f.name()));
        }
        return out.put(keySourceField, table);
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
