package io.cdcbundle.lab.connect;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker and a real distributed Kafka Connect worker, both in this JVM, configured
 * as the seed's docker-compose file configures the kafka and kafka-connect containers.
 */
public final class KafkaConnectCluster implements ConnectCluster {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnectCluster.class);

    private final KafkaClusterTestKit kafka;
    private final Connect<?> connect;
    private final URI restUrl;

    private KafkaConnectCluster(KafkaClusterTestKit kafka, Connect<?> connect, URI restUrl) {
        this.kafka = kafka;
        this.connect = connect;
        this.restUrl = restUrl;
    }

    /**
     * @param pluginPath a directory laid out like {@code /kafka/connect}: one sub-directory per plugin
     * @param restPort   the worker's REST port (8083 in the seed)
     * @param workDir    where the broker keeps its log directories
     * @param overrides  worker properties that replace the defaults below
     */
    public static KafkaConnectCluster start(Path pluginPath, int restPort, Path workDir, Map<String, String> overrides)
            throws Exception {
        // Broker and worker call Exit on fatal errors; in a shared JVM that must be an exception, not an exit.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit with " + code + ": " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to halt with " + code + ": " + message);
        });
        // The worker would stop itself in a JVM shutdown hook of its own, racing the lab's hook, which may then
        // stop the broker under a worker that still flushes offsets. The lab alone orders the shutdown.
        Exit.setShutdownHookAdder((name, hook) -> { });

        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(workDir.resolve("kafka"))
                .build())
                // The test kit turns this off; Debezium relies on the broker creating its topics.
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            log.info("Kafka broker ready at {}", kafka.bootstrapServers());

            Map<String, String> worker = workerProperties(kafka.bootstrapServers(), pluginPath, restPort);
            worker.putAll(overrides);
            Connect<?> connect = new ConnectDistributed().startConnect(worker);
            URI restUrl = URI.create("http://127.0.0.1:" + restPort);
            log.info("Kafka Connect worker REST API at {}", restUrl);
            return new KafkaConnectCluster(kafka, connect, restUrl);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** The worker configuration of the lab, on every line: the seed's, plus what the lab's tests rely on. */
    public static Map<String, String> workerProperties(String bootstrapServers, Path pluginPath, int restPort) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "cdc-bundle-lab");
        p.put("config.storage.topic", "connect-configs");
        p.put("offset.storage.topic", "connect-offsets");
        p.put("status.storage.topic", "connect-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        // As the seed's worker: JSON without embedded schemas unless a connector sets its own converter.
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("key.converter.schemas.enable", "false");
        p.put("value.converter.schemas.enable", "false");
        p.put("plugin.path", pluginPath.toAbsolutePath().toString());
        // Every plugin we ship and Debezium's carry service manifests; this starts the worker in ~1 s, not ~10 s.
        p.put("plugin.discovery", "service_load");
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", String.valueOf(restPort));
        // Source offsets reach Kafka within a second, so a restarted worker repeats little.
        p.put("offset.flush.interval.ms", "1000");
        p.put("connector.client.config.override.policy", "All");
        return p;
    }

    /**
     * Another distributed worker on the same broker, in a Connect cluster of its own (own group and storage
     * topics), e.g. to check what a different plugin path offers.
     */
    public Worker startWorker(String groupId, Path pluginPath, int restPort, Map<String, String> overrides) {
        Map<String, String> props = workerProperties(kafka.bootstrapServers(), pluginPath, restPort);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.putAll(overrides);
        return new Worker(new ConnectDistributed().startConnect(props), URI.create("http://127.0.0.1:" + restPort));
    }

    /** A worker started by {@link #startWorker}; closing it stops it. */
    public record Worker(Connect<?> connect, URI restUrl) implements AutoCloseable {
        public ConnectRestClient rest() {
            return new ConnectRestClient(restUrl);
        }

        @Override
        public void close() {
            connect.stop();
            connect.awaitStop();
        }
    }

    /** Stops the broker (the controller keeps running) and starts it again on the same port and log directories. */
    public void restartBroker(java.time.Duration down) throws Exception {
        for (var broker : kafka.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        Thread.sleep(down.toMillis());
        for (var broker : kafka.brokers().values()) {
            broker.startup();
        }
        kafka.waitForReadyBrokers();
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public URI restUrl() {
        return restUrl;
    }

    @Override
    public void close() throws Exception {
        try {
            connect.stop();
            connect.awaitStop();
        } finally {
            kafka.close();
        }
    }
}
