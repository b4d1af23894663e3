package io.cdcbundle.converter;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Reads a JsonConverter payload straight from the parser's tokens into Connect data, given its schema. It gives the
 * values JsonConverter gives for the inputs JsonConverter itself writes; for any other input (a number where a string
 * belongs, a field the schema lacks, a missing required field...) it throws {@link ToJsonConverter} and the caller
 * hands the whole record to JsonConverter, so that odd input gets JsonConverter's own result or error.
 */
final class PayloadReader {

    private final boolean replaceNullWithDefault;

    PayloadReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /** Reads the value whose first token is the parser's current token. */
    Object read(JsonParser parser, Schema schema) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return absent(schema);
        }
        String logicalName = schema.name();
        if (logicalName != null) {
            switch (logicalName) {
                case Decimal.LOGICAL_NAME:
                    return decimal(parser, schema);
                case Date.LOGICAL_NAME:
                    return Date.toLogical(schema, intToken(parser));
                case Time.LOGICAL_NAME:
                    return Time.toLogical(schema, intToken(parser));
                case Timestamp.LOGICAL_NAME:
                    return Timestamp.toLogical(schema, longToken(parser));
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case BOOLEAN:
                expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
                return token == JsonToken.VALUE_TRUE;
            case INT8:
                return (byte) longToken(parser);
            case INT16:
                return (short) longToken(parser);
            case INT32:
                return (int) longToken(parser);
            case INT64:
                return longToken(parser);
            case FLOAT32:
                // JsonConverter reads floats as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS) and narrows from there.
                return token == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDecimalValue().floatValue() : (float) longToken(parser);
            case FLOAT64:
                return token == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDecimalValue().doubleValue() : (double) longToken(parser);
            case STRING:
                expect(token == JsonToken.VALUE_STRING);
                return parser.getText();
            case BYTES:
                return base64(parser);
            case ARRAY:
                return array(parser, schema);
            case MAP:
                return schema.keySchema().type() == Schema.Type.STRING ? objectMap(parser, schema) : pairMap(parser, schema);
            case STRUCT:
                return struct(parser, schema);
            default:
                throw ToJsonConverter.INSTANCE;
        }
    }

    /**
     * BASE64 (the default decimal.format) writes the unscaled bytes; NUMERIC writes a number, which JsonConverter
     * takes as it is, whatever its scale (its tree keeps exact BigDecimals, and floats are read as BigDecimal).
     */
    private static Object decimal(JsonParser parser, Schema schema) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return Decimal.toLogical(schema, base64(parser));
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue()) : BigDecimal.valueOf(parser.getLongValue());
            default:
                throw ToJsonConverter.INSTANCE;
        }
    }

    /**
     * As JsonConverter decodes a text node. Not {@code parser.getBinaryValue()}: that decodes straight from the input
     * and skips a raw control character inside the string as white space, where JSON, and so JsonConverter, refuses
     * the whole record (found by the generated-input test).
     */
    private static byte[] base64(JsonParser parser) throws IOException {
        expect(parser.currentToken() == JsonToken.VALUE_STRING);
        try {
            return Base64Variants.getDefaultVariant().decode(parser.getText());
        } catch (IllegalArgumentException e) {
            throw ToJsonConverter.INSTANCE;
        }
    }

    /** JSON null or a missing field: the schema's default, null, or JsonConverter's error. */
    private Object absent(Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return schema.defaultValue();
        }
        if (schema.isOptional()) {
            return null;
        }
        throw ToJsonConverter.INSTANCE;
    }

    private Struct struct(JsonParser parser, Schema schema) throws IOException {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        Struct struct = new Struct(schema);
        boolean[] present = new boolean[schema.fields().size()];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Field field = schema.field(parser.currentName());
            // JsonConverter never writes a field its schema lacks; skipping one would also skip Jackson's limits.
            expect(field != null);
            parser.nextToken();
            struct.put(field, read(parser, field.schema()));
            present[field.index()] = true;
        }
        for (Field field : schema.fields()) {
            if (!present[field.index()]) {
                struct.put(field, absent(field.schema()));
            }
        }
        return struct;
    }

    private List<Object> array(JsonParser parser, Schema schema) throws IOException {
        expect(parser.currentToken() == JsonToken.START_ARRAY);
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(parser, schema.valueSchema()));
        }
        return list;
    }

    private Map<Object, Object> objectMap(JsonParser parser, Schema schema) throws IOException {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        Map<Object, Object> map = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            map.put(key, read(parser, schema.valueSchema()));
        }
        return map;
    }

    /** Maps with non-string keys: an array of [key, value] pairs. */
    private Map<Object, Object> pairMap(JsonParser parser, Schema schema) throws IOException {
        expect(parser.currentToken() == JsonToken.START_ARRAY);
        Map<Object, Object> map = new HashMap<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser.currentToken() == JsonToken.START_ARRAY);
            parser.nextToken();
            expect(parser.currentToken() != JsonToken.END_ARRAY);
            Object key = read(parser, schema.keySchema());
            parser.nextToken();
            expect(parser.currentToken() != JsonToken.END_ARRAY);
            Object value = read(parser, schema.valueSchema());
            expect(parser.nextToken() == JsonToken.END_ARRAY);
            map.put(key, value);
        }
        return map;
    }

    /** An integer token in long range; JsonConverter narrows int and long nodes by a plain cast. */
    private static long longToken(JsonParser parser) throws IOException {
        expect(parser.currentToken() == JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = parser.getNumberType();
        expect(type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG);
        return parser.getLongValue();
    }

    /** Date and Time accept only an int-sized integer. */
    private static int intToken(JsonParser parser) throws IOException {
        expect(parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT);
        return parser.getIntValue();
    }

    private static void expect(boolean canonical) {
        if (!canonical) {
            throw ToJsonConverter.INSTANCE;
        }
    }
}
