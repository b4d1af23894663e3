package io.cdcbundle.lab.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.cdcbundle.lab.db.LocalProcesses;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft broker and a distributed Connect worker of another Kafka release than the lab's own, each in a JVM of
 * its own with that release's jars alone on the classpath, as in a container of that release. Connect's plugin
 * isolation then sees exactly the worker classes a user of that image has.
 */
public final class OutOfProcessCluster implements ConnectCluster {

    private static final Logger log = LoggerFactory.getLogger(OutOfProcessCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process broker;
    private final Process worker;
    private final String bootstrapServers;
    private final URI restUrl;
    private final Path workerLog;

    private OutOfProcessCluster(Process broker, Process worker, String bootstrapServers, URI restUrl, Path workerLog) {
        this.workerLog = workerLog;
        this.broker = broker;
        this.worker = worker;
        this.bootstrapServers = bootstrapServers;
        this.restUrl = restUrl;
    }

    /**
     * @param brokerClasspath a broker release's runtime classpath ({@code kafka_2.13} and its dependencies)
     * @param workerClasspath a Connect release's runtime classpath ({@code connect-runtime}, {@code connect-json})
     * @param logs            where the two JVMs write their logs ({@code <name>-broker.log}, {@code -worker.log})
     */
    public static OutOfProcessCluster start(String name, String brokerClasspath, String workerClasspath,
                                            Path pluginPath, int restPort, Path workDir, Path logs,
                                            Map<String, String> workerOverrides) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(name));
        int brokerPort = LocalProcesses.freePort();
        int controllerPort = LocalProcesses.freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path brokerConfig = write(dir.resolve("server.properties"), brokerProperties(dir.resolve("kafka-logs"),
                brokerPort, controllerPort));
        Path brokerLog = logs.resolve(name + "-broker.log");
        Path workerLog = logs.resolve(name + "-worker.log");
        Files.deleteIfExists(brokerLog);
        Files.deleteIfExists(workerLog);

        LocalProcesses.run(java(brokerClasspath, "512m", "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", brokerConfig.toString()), brokerLog, Duration.ofSeconds(60));
        Process broker = LocalProcesses.start(java(brokerClasspath, "768m", "kafka.Kafka", brokerConfig.toString()),
                brokerLog);
        Process worker = null;
        try {
            await("the broker at " + bootstrap, broker, brokerLog, () -> brokerReady(bootstrap));
            log.info("Kafka broker {} ready at {}", name, bootstrap);

            Map<String, String> workerProps = KafkaConnectCluster.workerProperties(bootstrap, pluginPath, restPort);
            workerProps.putAll(workerOverrides);
            Path workerConfig = write(dir.resolve("connect-distributed.properties"), workerProps);
            worker = LocalProcesses.start(java(workerClasspath, "1g", "org.apache.kafka.connect.cli.ConnectDistributed",
                    workerConfig.toString()), workerLog);
            URI restUrl = URI.create("http://127.0.0.1:" + restPort);
            ConnectRestClient rest = new ConnectRestClient(restUrl);
            await("the Connect worker at " + restUrl, worker, workerLog, () -> workerReady(rest));
            log.info("Kafka Connect worker {} REST API at {}", name, restUrl);
            return new OutOfProcessCluster(broker, worker, bootstrap, restUrl, workerLog);
        } catch (Exception | Error e) {
            LocalProcesses.stop(worker, Duration.ofSeconds(10));
            LocalProcesses.stop(broker, Duration.ofSeconds(10));
            throw e;
        }
    }

    private static Map<String, String> brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                // As in the seed's broker: Debezium relies on the broker creating its topics.
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"));
    }

    private static List<String> java(String classpath, String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static Path write(Path file, Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private static boolean brokerReady(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean workerReady(ConnectRestClient rest) {
        try {
            return rest.send("GET", "/connectors", null).ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void await(String what, Process process, Path log, BooleanSupplier ready) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + "; end of " + log
                        + ":\n" + LocalProcesses.tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " was not ready in " + START_TIMEOUT + "; end of " + log + ":\n"
                        + LocalProcesses.tail(log));
            }
            Thread.sleep(500);
        }
    }

    public Path workerLog() {
        return workerLog;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public URI restUrl() {
        return restUrl;
    }

    /** Stops the worker first (it flushes offsets to the broker), then the broker. */
    @Override
    public void close() {
        try {
            LocalProcesses.stop(worker, Duration.ofSeconds(30));
        } finally {
            LocalProcesses.stop(broker, Duration.ofSeconds(30));
        }
    }
}
