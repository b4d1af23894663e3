package io.cdcbundle.transforms;

import java.util.Map;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;

/**
 * The table a change event came from. Read, in this order, from the envelope's {@code source} block, from the
 * fields or headers FlattenEnvelope adds ({@code __source_db}, {@code __source_schema}, {@code __source_table}),
 * or from the topic name Debezium gave it ({@code prefix.db.table}, {@code prefix.schema.table}). Explicit
 * metadata comes before the topic, which an earlier transform may have renamed.
 *
 * @param db     the database; null when unknown
 * @param schema the schema (PostgreSQL); null for MySQL/MariaDB, whose databases are their schemas
 * @param table  the table; never null
 */
record SourceTable(String db, String schema, String table) {

    /** The source table of {@code record}, or null when nothing in it names one. */
    static SourceTable of(ConnectRecord<?> record, String metadataPrefix) {
        Object value = record.value();
        SourceTable found = null;
        if (value instanceof Struct struct) {
            found = fromStruct(struct, metadataPrefix);
        } else if (value instanceof Map<?, ?> map) {
            found = fromMap(map, metadataPrefix);
        }
        if (found == null) {
            found = fromHeaders(record, metadataPrefix);
        }
        return found != null ? found : fromTopic(record.topic());
    }

    private static SourceTable fromStruct(Struct value, String prefix) {
        Field source = value.schema().field("source");
        if (source != null && value.get(source) instanceof Struct block) {
            SourceTable t = of(string(block, "db"), string(block, "schema"), string(block, "table"));
            if (t != null) {
                return t;
            }
        }
        return of(string(value, prefix + "source_db"), string(value, prefix + "source_schema"),
                string(value, prefix + "source_table"));
    }

    private static String string(Struct struct, String name) {
        Field f = struct.schema().field(name);
        return f != null && struct.get(f) instanceof String s ? s : null;
    }

    private static SourceTable fromMap(Map<?, ?> value, String prefix) {
        Map<?, ?> envelope = value;
        if (!envelope.containsKey("source") && envelope.get("payload") instanceof Map<?, ?> payload) {
            envelope = payload;
        }
        if (envelope.get("source") instanceof Map<?, ?> block) {
            SourceTable t = of(string(block, "db"), string(block, "schema"), string(block, "table"));
            if (t != null) {
                return t;
            }
        }
        return of(string(envelope, prefix + "source_db"), string(envelope, prefix + "source_schema"),
                string(envelope, prefix + "source_table"));
    }

    private static String string(Map<?, ?> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    private static SourceTable fromHeaders(ConnectRecord<?> record, String prefix) {
        if (record.headers().isEmpty()) {
            return null;
        }
        return of(header(record, prefix + "source_db"), header(record, prefix + "source_schema"),
                header(record, prefix + "source_table"));
    }

    private static String header(ConnectRecord<?> record, String name) {
        Header h = record.headers().lastWithName(name);
        return h != null && h.value() != null ? h.value().toString() : null;
    }

    /** {@code prefix.db.table} (MySQL, MariaDB) or {@code prefix.schema.table} (PostgreSQL). */
    static SourceTable fromTopic(String topic) {
        if (topic == null) {
            return null;
        }
        int last = topic.lastIndexOf('.');
        if (last <= 0 || last == topic.length() - 1) {
            return null;
        }
        int before = topic.lastIndexOf('.', last - 1);
        String middle = topic.substring(before + 1, last);
        return new SourceTable(before < 0 ? null : middle, before < 0 ? null : middle, topic.substring(last + 1));
    }

    private static SourceTable of(String db, String schema, String table) {
        return table == null || table.isEmpty() ? null : new SourceTable(db, schema, table);
    }
}
