package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.connect.JsonTopicSinkConnector;
import io.cdcbundle.lab.db.DatabaseKind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FlattenEnvelope on schemaless values, in a real worker whose converter is JsonConverter with
 * schemas.enable=false (the seed's worker default): Debezium's ExtractNewRecordState passes these through
 * unchanged. The transformed records are written as plain JSON to a topic and read back with a consumer.
 */
@ExtendWith(LabExtension.class)
class SchemalessFlattenEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param sourceSchemas whether the source writes JSON with embedded schemas: then the schemaless sink sees a
     *                      {schema, payload} map, as the seed's sinks would without their own converter
     */
    @ParameterizedTest(name = "source schemas.enable={0}")
    @ValueSource(booleans = {false, true})
    void changeEventsBecomePlainJsonRowsDeletesIncluded(boolean sourceSchemas, Lab lab) throws Exception {
        Pipeline pipeline = lab.pipeline("mariadb-schemaless-" + sourceSchemas, lab.source(DatabaseKind.MARIADB),
                lab.target(DatabaseKind.MARIADB)).withSourceConfig(Map.of(
                "key.converter.schemas.enable", String.valueOf(sourceSchemas),
                "value.converter.schemas.enable", String.valueOf(sourceSchemas)));
        String rowsTopic = pipeline.topic() + ".rows";
        String sink = pipeline.name() + "-rows";
        SeedScenario.prepare(pipeline);
        lab.deploySource(pipeline);
        // No converter in the sink's config: the worker's schemaless JsonConverter applies.
        lab.deployConnector(JSON.writeValueAsString(Map.of("name", sink, "config", Map.of(
                "connector.class", JsonTopicSinkConnector.class.getName(),
                "topics", pipeline.topic(),
                JsonTopicSinkConnector.OUTPUT_TOPIC_CONFIG, rowsTopic,
                JsonTopicSinkConnector.BOOTSTRAP_SERVERS_CONFIG, lab.cluster().bootstrapServers(),
                "transforms", "flatten",
                "transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope"))), sink);
        try {
            SeedScenario.run(pipeline);

            List<ConsumerRecord<String, String>> records = readUntil(lab, rowsTopic, SeedScenario.EXPECTED);
            Map<Integer, String> rows = apply(records);
            assertEquals(SeedScenario.EXPECTED, rows.entrySet().stream()
                    .map(e -> new SeedScenario.Row(e.getKey(), e.getValue())).toList());
            assertTrue(records.stream().anyMatch(r -> r.value() == null && id(r) == 4), "the delete of id 4 as a tombstone");
            for (ConsumerRecord<String, String> r : records) {
                if (r.value() != null) {
                    List<String> columns = new ArrayList<>();
                    JSON.readTree(r.value()).fieldNames().forEachRemaining(columns::add);
                    columns.sort(null);
                    assertEquals(List.of("id", "name"), columns, "a plain row, not an envelope: " + r.value());
                }
            }
        } finally {
            lab.rest().deleteConnector(sink);
            lab.rest().deleteConnector(pipeline.sourceConnector());
        }
    }

    private static List<ConsumerRecord<String, String>> readUntil(Lab lab, String topic, List<SeedScenario.Row> expected)
            throws Exception {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.cluster().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (apply(records).entrySet().stream().map(e -> new SeedScenario.Row(e.getKey(), e.getValue()))
                        .toList().equals(expected)) {
                    break;
                }
            }
        }
        return records;
    }

    /** The table the records describe: upserts by key, a null value deletes. */
    private static Map<Integer, String> apply(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<Integer, String> rows = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            if (r.value() == null) {
                rows.remove(id(r));
            } else {
                JsonNode row = JSON.readTree(r.value());
                rows.put(row.get("id").asInt(), row.get("name").asText());
            }
        }
        return rows;
    }

    private static int id(ConsumerRecord<String, String> r) {
        try {
            JsonNode key = JSON.readTree(r.key());
            return (key.has("payload") ? key.get("payload") : key).get("id").asInt();
        } catch (Exception e) {
            throw new IllegalStateException("Unexpected key " + r.key(), e);
        }
    }
}
