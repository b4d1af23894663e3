package io.cdcbundle.lab.connect;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Writes each record, key and value, as schemaless JSON to the output topic; null values stay tombstones. */
public class JsonTopicSinkTask extends SinkTask {

    private final JsonConverter keys = new JsonConverter();
    private final JsonConverter values = new JsonConverter();
    private KafkaProducer<byte[], byte[]> producer;
    private String outputTopic;

    @Override
    public void start(Map<String, String> props) {
        outputTopic = props.get(JsonTopicSinkConnector.OUTPUT_TOPIC_CONFIG);
        keys.configure(Map.of("schemas.enable", "false"), true);
        values.configure(Map.of("schemas.enable", "false"), false);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, props.get(JsonTopicSinkConnector.BOOTSTRAP_SERVERS_CONFIG),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord r : records) {
            producer.send(new ProducerRecord<>(outputTopic,
                    keys.fromConnectData(r.topic(), r.keySchema(), r.key()),
                    values.fromConnectData(r.topic(), r.valueSchema(), r.value())));
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> offsets) {
        producer.flush();
    }

    @Override
    public void stop() {
        if (producer != null) {
            producer.close();
        }
    }

    @Override
    public String version() {
        return "lab";
    }
}
