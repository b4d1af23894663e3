package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With errors.tolerance=all and a dead-letter queue, malformed change events land in the DLQ with headers that
 * say why, and the good ones reach the target: FlattenEnvelope's DataExceptions are what make that work. The same
 * with SchemaCachingJsonConverter reading the topic, whose errors must be JsonConverter's.
 */
@ExtendWith(LabExtension.class)
class DeadLetterQueueTest {

    private static final Schema KEY = SchemaBuilder.struct().name("dlq.db.t.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("dlq.db.t.Value").optional()
            .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("dlq.db.t.Envelope")
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"org.apache.kafka.connect.json.JsonConverter", "io.cdcbundle.converter.SchemaCachingJsonConverter"})
    void badEventsGoToTheDeadLetterQueueWithTheReasonAndGoodOnesToTheTarget(String converter, Lab lab) throws Exception {
        String name = converter.replaceAll(".*\\.", "").toLowerCase();
        String topic = "dlq.db." + name;
        String dlq = topic + ".dlq";
        String database = "dlq_" + name;
        String connector = "dlq-sink-" + name;
        DatabaseServer target = lab.target(DatabaseKind.MARIADB);
        target.recreateDatabase(database);
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true"), false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.cluster().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Object[] event : List.of(new Object[] {1, "c", "good1"}, new Object[] {2, "x", "unknown op"},
                    new Object[] {3, "c", "good3"}, new Object[] {4, "c", null}, new Object[] {5, "u", "good5"})) {
                int id = (int) event[0];
                Struct envelope = new Struct(ENVELOPE).put("op", event[1]);
                if (event[2] != null) {
                    envelope.put("after", new Struct(ROW).put("id", id).put("name", event[2]));
                }
                producer.send(new ProducerRecord<>(topic, keys.fromConnectData(topic, KEY, new Struct(KEY).put("id", id)),
                        values.fromConnectData(topic, ENVELOPE, envelope)));
            }
            producer.send(new ProducerRecord<>(topic, keys.fromConnectData(topic, KEY, new Struct(KEY).put("id", 6)),
                    "not json at all".getBytes(StandardCharsets.UTF_8)));
            // Well-formed JSON with the schema seen before, but no value for the required op: a converter error.
            String noOp = new String(values.fromConnectData(topic, ENVELOPE, new Struct(ENVELOPE).put("op", "c")
                    .put("after", new Struct(ROW).put("id", 7).put("name", "no op"))), StandardCharsets.UTF_8)
                    .replace("\"op\":\"c\"", "\"op\":null");
            producer.send(new ProducerRecord<>(topic, keys.fromConnectData(topic, KEY, new Struct(KEY).put("id", 7)),
                    noOp.getBytes(StandardCharsets.UTF_8)));
        }

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.cdcbundle.sink.ValidatedJdbcSinkConnector");
        config.put("topics", topic);
        config.put("connection.url", target.jdbcUrl(database) + "?nullDatabaseMeansCurrent=true");
        config.put("connection.username", target.user());
        config.put("connection.password", lab.secrets().passwordReference(target));
        config.put("collection.name.format", "target_table");
        config.put("insert.mode", "upsert");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("key.converter", converter);
        config.put("value.converter", converter);
        config.put("transforms", "flatten");
        config.put("transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        lab.deployConnector(new ObjectMapper().writeValueAsString(Map.of("name", connector, "config", config)), connector);
        try {
            List<SeedScenario.Row> expected = List.of(new SeedScenario.Row(1, "good1"), new SeedScenario.Row(3, "good3"),
                    new SeedScenario.Row(5, "good5"));
            assertEquals(expected, SeedScenario.awaitRows(target, database, "target_table", expected, Duration.ofSeconds(60)));

            List<String> reasons = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.cluster().bootstrapServers(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition(dlq, 0)));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (reasons.size() < 4 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        Header message = r.headers().lastHeader("__connect.errors.exception.message");
                        reasons.add(message == null ? "(no header)" : new String(message.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertEquals(4, reasons.size(), reasons.toString());
            assertTrue(reasons.stream().anyMatch(m -> m.contains("unknown op 'x'") && m.contains("topic=" + topic)
                    && m.contains("offset=1")), reasons.toString());
            assertTrue(reasons.stream().anyMatch(m -> m.contains("without 'after'") && m.contains("offset=3")),
                    reasons.toString());
            assertTrue(reasons.stream().anyMatch(m -> m.contains("Converting byte[] to Kafka Connect data failed")),
                    reasons.toString());
            assertTrue(reasons.stream().anyMatch(m -> m.equals("Invalid null value for required STRING field")),
                    reasons.toString());
        } finally {
            lab.rest().deleteConnector(connector);
        }
    }
}
