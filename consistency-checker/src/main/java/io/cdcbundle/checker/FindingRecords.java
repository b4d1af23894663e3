package io.cdcbundle.checker;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Findings as Connect records: key = table and row key, value = what was found; the worker's converter writes them. */
final class FindingRecords {

    static final Schema KEY = SchemaBuilder.struct().name("io.cdcbundle.checker.FindingKey")
            .field("table", Schema.STRING_SCHEMA)
            .field("key", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .build();

    static final Schema VALUE = SchemaBuilder.struct().name("io.cdcbundle.checker.Finding")
            .field("kind", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("key", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("columns", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("pass", Schema.INT64_SCHEMA)
            .field("rows_checked", Schema.INT64_SCHEMA)
            .field("differences", Schema.INT64_SCHEMA)
            .field("pending", Schema.INT32_SCHEMA)
            .field("started_at", Schema.INT64_SCHEMA)
            .field("at", Schema.INT64_SCHEMA)
            .field("detail", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private FindingRecords() {
    }

    static SourceRecord of(Finding f, String topic, Map<String, Object> partition, Map<String, Object> offset) {
        Struct key = new Struct(KEY).put("table", f.table()).put("key", f.key());
        Struct value = new Struct(VALUE)
                .put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("table", f.table())
                .put("key", f.key())
                .put("columns", f.columns())
                .put("pass", f.pass())
                .put("rows_checked", f.rowsChecked())
                .put("differences", f.differences())
                .put("pending", f.pending())
                .put("started_at", f.startedAt())
                .put("at", f.at())
                .put("detail", f.detail());
        return new SourceRecord(partition, offset, topic, null, KEY, key, VALUE, value, f.at());
    }

    /** The key values as text for a finding: NULL marker as null, the rest as read. */
    static java.util.List<String> keyText(java.util.List<String> key) {
        return key.stream().map(k -> k.equals(ValueText.NULL) ? null : k).toList();
    }
}
