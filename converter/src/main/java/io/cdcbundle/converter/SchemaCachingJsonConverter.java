package io.cdcbundle.converter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.DecimalFormat;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Reads and writes exactly what Kafka's {@link JsonConverter} reads and writes, {@code {"schema":...,"payload":...}},
 * without parsing or writing the schema part of every record. With Debezium's envelope the schema is about four
 * fifths of each record's bytes, and JsonConverter parses it into a tree and hashes that tree for every record read,
 * and writes it out again for every record written.
 * <ul>
 *   <li>Writing: the bytes up to {@code "payload":} are kept per schema instance, and only the payload is written,
 *       straight to a JSON generator ({@link PayloadWriter}) rather than through a tree of JSON nodes.</li>
 *   <li>Reading: a record whose schema part equals, byte for byte, one seen before is read from its payload alone,
 *       straight from the parser's tokens.</li>
 * </ul>
 * Anything else (the first record of a schema, {@code schemas.enable=false}, records without a schema, JSON written
 * another way, a payload JsonConverter would read differently or refuse) goes to a JsonConverter configured with the
 * same settings, so results and errors are JsonConverter's. It takes JsonConverter's settings.
 */
public class SchemaCachingJsonConverter implements Converter, HeaderConverter, Versioned {

    public static final ConfigDef CONFIG_DEF = JsonConverterConfig.configDef();

    private static final byte[] SCHEMA_OPENING = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_OPENING = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    /** Read schemas are searched in turn whenever a record's is not the last one read: the list stays short. */
    static final int MAX_CACHED_SCHEMAS = 256;

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonConverter delegate = new JsonConverter();
    /** Writes the payload alone: JsonConverter with schemas.enable=false writes exactly the envelope's payload. */
    private final JsonConverter payloadConverter = new JsonConverter();
    private PayloadWriter payloadWriter;
    private boolean schemasEnabled;
    private int maxSchemas;
    private PayloadReader payloadReader;

    private final Map<Schema, Prefix> writtenPrefixes = new IdentityHashMap<>();
    private final List<SchemaBytes> readSchemas = new ArrayList<>();
    private SchemaBytes lastRead;
    /** Records written and read without JsonConverter, for tests that must see the short way taken. */
    private long shortWrites;
    private long ownPayloadWrites;
    private long shortReads;

    /**
     * What JsonConverter writes before the payload for a schema, and whether {@link PayloadWriter} wrote the same
     * payload as JsonConverter for the schema's first record (a Kafka line whose JsonConverter writes otherwise keeps
     * JsonConverter for the payloads too).
     */
    private record Prefix(byte[] bytes, boolean ownPayloads) {
    }

    /** A schema part seen before and the schema JsonConverter made of it. */
    private record SchemaBytes(byte[] json, Schema schema) {
        boolean matches(byte[] record) {
            return hasAt(record, SCHEMA_OPENING.length, json)
                    && hasAt(record, SCHEMA_OPENING.length + json.length, PAYLOAD_OPENING);
        }
    }

    @Override
    public String version() {
        String version = SchemaCachingJsonConverter.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        JsonConverterConfig config = new JsonConverterConfig(configs);
        delegate.configure(configs);
        Map<String, Object> payloadOnly = new HashMap<>(configs);
        payloadOnly.put(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false);
        payloadConverter.configure(payloadOnly);
        payloadWriter = new PayloadWriter(config.decimalFormat() == DecimalFormat.NUMERIC);
        // schemas.cache.size=0 asks JsonConverter to cache nothing: then this converter is JsonConverter.
        schemasEnabled = config.schemasEnabled() && config.schemaCacheSize() > 0;
        maxSchemas = Math.min(config.schemaCacheSize(), MAX_CACHED_SCHEMAS);
        payloadReader = new PayloadReader(config.replaceNullWithDefault());
        // A prefix holds the schema's JSON, whose defaults depend on decimal.format.
        synchronized (this) {
            writtenPrefixes.clear();
            readSchemas.clear();
            lastRead = null;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> typed = new HashMap<>(configs);
        typed.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        configure(typed);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (!schemasEnabled || !(schema instanceof ConnectSchema)) {
            // Only ConnectSchema is immutable, so only it can key a cache by identity.
            return delegate.fromConnectData(topic, schema, value);
        }
        Prefix prefix = cachedPrefix(schema);
        if (prefix == null) {
            byte[] whole = delegate.fromConnectData(topic, schema, value);
            rememberPrefix(topic, schema, value, whole);
            return whole;
        }
        shortWrites++;
        byte[] payload = prefix.ownPayloads() ? ownPayload(schema, value) : null;
        if (payload != null) {
            ownPayloadWrites++;
        } else {
            payload = payloadConverter.fromConnectData(topic, schema, value);
        }
        byte[] record = Arrays.copyOf(prefix.bytes(), prefix.bytes().length + payload.length + 1);
        System.arraycopy(payload, 0, record, prefix.bytes().length, payload.length);
        record[record.length - 1] = '}';
        return record;
    }

    /** The payload as PayloadWriter writes it, or null for a value it leaves to JsonConverter (its result or error). */
    private byte[] ownPayload(Schema schema, Object value) {
        try {
            return payloadWriter.write(schema, value);
        } catch (RuntimeException toJsonConverter) {
            return null;
        }
    }

    private synchronized Prefix cachedPrefix(Schema schema) {
        return writtenPrefixes.get(schema);
    }

    /** Keeps what precedes the payload in JsonConverter's own output, if that output is the envelope we expect. */
    private void rememberPrefix(String topic, Schema schema, Object value, byte[] whole) {
        byte[] payload = payloadConverter.fromConnectData(topic, schema, value);
        int prefixLength = whole.length - payload.length - 1;
        if (prefixLength <= SCHEMA_OPENING.length + PAYLOAD_OPENING.length || whole[whole.length - 1] != '}'
                || !hasAt(whole, 0, SCHEMA_OPENING) || !hasAt(whole, prefixLength - PAYLOAD_OPENING.length, PAYLOAD_OPENING)
                || !hasAt(whole, prefixLength, payload)) {
            return;
        }
        synchronized (this) {
            if (writtenPrefixes.size() >= maxSchemas) {
                writtenPrefixes.clear();
            }
            writtenPrefixes.put(schema, new Prefix(Arrays.copyOf(whole, prefixLength), writesAlike(schema, value, payload)));
        }
    }

    private boolean writesAlike(Schema schema, Object value, byte[] jsonConvertersPayload) {
        byte[] ours = ownPayload(schema, value);
        return ours == null // a value left to JsonConverter says nothing about the others
                || Arrays.equals(ours, jsonConvertersPayload);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (!schemasEnabled || value == null || !hasAt(value, 0, SCHEMA_OPENING)) {
            return delegate.toConnectData(topic, value);
        }
        SchemaBytes known = knownSchema(value);
        if (known != null) {
            try {
                Object payload = readPayload(value, SCHEMA_OPENING.length + known.json().length + PAYLOAD_OPENING.length,
                        known.schema());
                shortReads++;
                return new SchemaAndValue(known.schema(), payload);
            } catch (IOException | RuntimeException notOurs) {
                // JsonConverter decides what the record is, or which error it deserves.
            }
            return delegate.toConnectData(topic, value);
        }
        SchemaAndValue converted = delegate.toConnectData(topic, value);
        rememberSchema(value, converted.schema());
        return converted;
    }

    private synchronized SchemaBytes knownSchema(byte[] record) {
        SchemaBytes last = lastRead;
        if (last != null && last.matches(record)) {
            return last;
        }
        for (SchemaBytes candidate : readSchemas) {
            if (candidate.matches(record)) {
                lastRead = candidate;
                return candidate;
            }
        }
        return null;
    }

    /** The payload runs from {@code start} to the record's closing brace, and nothing may follow it. */
    private Object readPayload(byte[] record, int start, Schema schema) throws IOException {
        int end = record.length - 1;
        if (record[end] != '}' || !startsLikeUtf8Json(record, start, end)) {
            throw ToJsonConverter.INSTANCE;
        }
        try (JsonParser parser = JSON.createParser(record, start, end - start)) {
            if (parser.nextToken() == null) {
                throw ToJsonConverter.INSTANCE;
            }
            Object payload = payloadReader.read(parser, schema);
            if (parser.nextToken() != null) {
                throw ToJsonConverter.INSTANCE;
            }
            return payload;
        }
    }

    /**
     * Jackson guesses a byte range's encoding from its first bytes (a byte order mark, zero bytes for UTF-16/32),
     * while JsonConverter reads the whole record, which begins with '{"', as UTF-8. A payload JsonConverter wrote
     * begins with an ASCII character and holds no zero byte.
     */
    private static boolean startsLikeUtf8Json(byte[] record, int start, int end) {
        if (start >= end || record[start] <= ' ') { // bytes are signed: also every non-ASCII byte
            return false;
        }
        for (int i = start; i < Math.min(end, start + 4); i++) {
            if (record[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the schema part's bytes of a record JsonConverter has just read and keeps them with its schema, if the
     * record is exactly {"schema":...,"payload":...}: with a repeated key, JsonConverter would have used a schema
     * other than the bytes after {"schema":, and every later record would be read with it.
     */
    private void rememberSchema(byte[] record, Schema schema) {
        if (schema == null) {
            return;
        }
        int schemaEnd;
        try (JsonParser parser = JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !"schema".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            parser.skipChildren();
            schemaEnd = (int) parser.currentLocation().getByteOffset();
            if (parser.nextToken() != JsonToken.FIELD_NAME || !"payload".equals(parser.currentName())) {
                return;
            }
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return;
            }
        } catch (IOException | RuntimeException unexpected) {
            return;
        }
        SchemaBytes entry = new SchemaBytes(Arrays.copyOfRange(record, SCHEMA_OPENING.length, schemaEnd), schema);
        if (!entry.matches(record)) {
            return;
        }
        synchronized (this) {
            if (readSchemas.size() >= maxSchemas) {
                readSchemas.clear();
            }
            readSchemas.add(entry);
            lastRead = entry;
        }
    }

    /** Whether {@code bytes} holds {@code part} at {@code offset}. */
    private static boolean hasAt(byte[] bytes, int offset, byte[] part) {
        return offset >= 0 && bytes.length - offset >= part.length
                && Arrays.equals(bytes, offset, offset + part.length, part, 0, part.length);
    }

    long shortWrites() {
        return shortWrites;
    }

    long ownPayloadWrites() {
        return ownPayloadWrites;
    }

    long shortReads() {
        return shortReads;
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return delegate.fromConnectHeader(topic, headerKey, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return delegate.toConnectHeader(topic, headerKey, value);
    }

    @Override
    public void close() {
        delegate.close();
        payloadConverter.close();
    }
}
