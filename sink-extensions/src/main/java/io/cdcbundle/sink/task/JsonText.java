package io.cdcbundle.sink.task;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;

import io.cdcbundle.sink.dialect.DebeziumValues;

/** Connect data as JSON text: array columns for targets without arrays ({@link ArraysAsJson}). */
final class JsonText {

    private JsonText() {
    }

    static String of(Schema schema, Object value) {
        StringBuilder out = new StringBuilder();
        write(out, schema, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Schema schema, Object value) {
        Object debezium = value == null ? null : DebeziumValues.standFor(schema, value);
        if (value == null) {
            out.append("null");
        } else if (debezium != null) {
            if (debezium instanceof BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else {
                string(out, debezium.toString());
            }
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, schema == null ? null : schema.valueSchema(), list.get(i));
            }
            out.append(']');
        } else if (value instanceof Struct struct) {
            out.append('{');
            List<Field> fields = struct.schema().fields();
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(out, fields.get(i).name());
                out.append(':');
                write(out, fields.get(i).schema(), struct.getWithoutDefault(fields.get(i).name()));
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, schema == null ? null : schema.valueSchema(), e.getValue());
            }
            out.append('}');
        } else if (value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                out.append(value);
            } else {
                string(out, value.toString()); // JSON has no NaN or Infinity
            }
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof byte[] bytes) {
            string(out, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            string(out, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof java.util.Date date) {
            string(out, isoText(schema, date));
        } else {
            string(out, value.toString());
        }
    }

    private static String isoText(Schema schema, java.util.Date date) {
        String name = schema == null ? null : schema.name();
        java.time.Instant instant = date.toInstant();
        if (Date.LOGICAL_NAME.equals(name)) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return instant.atOffset(ZoneOffset.UTC).toLocalTime().toString();
        }
        return instant.toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
