package io.cdcbundle.lab.connect;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The lab's window on what a sink connector's transformation chain produced: each record, after the chain, is
 * written as plain JSON (no embedded schema) to another topic, which a test or {@code kafka-console-consumer}
 * reads. It observes; it is not part of the bundle.
 */
public class JsonTopicSinkConnector extends SinkConnector {

    public static final String OUTPUT_TOPIC_CONFIG = "output.topic";
    public static final String BOOTSTRAP_SERVERS_CONFIG = "output.bootstrap.servers";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(OUTPUT_TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "Topic the transformed records are written to.")
            .define(BOOTSTRAP_SERVERS_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH, "Brokers of the output topic.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        CONFIG_DEF.parse(props);
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JsonTopicSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return "lab";
    }
}
