package io.cdcbundle.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.connect.KafkaConnectCluster;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import io.cdcbundle.lab.db.LocalProcesses;
import io.cdcbundle.lab.db.LocalServer;
import io.cdcbundle.lab.db.MariaDbServer;
import io.cdcbundle.lab.db.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's architecture on one machine: a MariaDB and a PostgreSQL main/replica pair as private instances, a
 * KRaft broker and a distributed Connect worker whose plugin path is laid out like {@code /kafka/connect} in the
 * debezium/connect image. Pipelines are deployed on it through the REST API.
 */
public final class Lab implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lab.class);
    static final Duration CONNECTOR_START_TIMEOUT = Duration.ofSeconds(90);

    /** The databases started for a lab: a source ("main") and a target ("replica") per product, as in the seed. */
    public static final List<DatabaseKind> LOCAL_KINDS = List.of(DatabaseKind.MARIADB, DatabaseKind.POSTGRES);

    private final Path workDir;
    private final Map<DatabaseKind, LocalServer> sources = new EnumMap<>(DatabaseKind.class);
    private final Map<DatabaseKind, LocalServer> targets = new EnumMap<>(DatabaseKind.class);
    private final AtomicInteger nextClientId = new AtomicInteger(5401);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LabSecrets secrets;
    private KafkaConnectCluster cluster;

    private Lab(Path workDir) {
        this.workDir = workDir;
        this.secrets = new LabSecrets(workDir.resolve("secrets"));
    }

    /** Starts the databases, the broker and the worker; on any failure, stops what had started. */
    public static Lab start(int restPort) throws Exception {
        Path pluginPath = pluginPath();
        Path workDir = Files.createTempDirectory("cdc-bundle-lab-");
        // The database servers run as their own OS users when we are root: they must reach their directories.
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Lab lab = new Lab(workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(lab::closeQuietly, "lab-shutdown"));
        try {
            lab.sources.put(DatabaseKind.MARIADB, new MariaDbServer("mariadb-main", workDir, 1).start());
            lab.targets.put(DatabaseKind.MARIADB, new MariaDbServer("mariadb-replica", workDir, 3).start());
            lab.sources.put(DatabaseKind.POSTGRES, new PostgresServer("postgres-main", workDir).start());
            lab.targets.put(DatabaseKind.POSTGRES, new PostgresServer("postgres-replica", workDir).start());
            lab.cluster = KafkaConnectCluster.start(pluginPath, restPort, workDir, lab.secrets.workerProperties());
            return lab;
        } catch (Exception | Error e) {
            lab.closeQuietly();
            throw e;
        }
    }

    /** Where the build unpacked the Debezium plugins and ours; {@code -Dcdcbundle.lab.pluginPath} overrides it. */
    static Path pluginPath() {
        String configured = System.getProperty("cdcbundle.lab.pluginPath");
        if (configured == null) {
            Properties build = new Properties();
            try (InputStream in = Lab.class.getClassLoader().getResourceAsStream("lab-build.properties")) {
                if (in == null) {
                    throw new IllegalStateException("lab-build.properties is missing: build the lab with Maven first");
                }
                build.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            configured = build.getProperty("plugin.path");
        }
        Path path = Path.of(configured);
        if (!Files.isDirectory(path.resolve("debezium-connector-jdbc"))) {
            throw new IllegalStateException("Plugin path " + path + " has no debezium-connector-jdbc/ directory: "
                    + "build it with 'mvn package -pl lab -am -DskipTests' (lab/run.sh does)");
        }
        return path;
    }

    public static Map<String, String> buildInfo() {
        Properties build = new Properties();
        try (InputStream in = Lab.class.getClassLoader().getResourceAsStream("lab-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> info = new java.util.TreeMap<>();
        build.forEach((k, v) -> info.put(k.toString(), v.toString()));
        return info;
    }

    public DatabaseServer source(DatabaseKind kind) {
        return require(sources, kind, "source");
    }

    public DatabaseServer target(DatabaseKind kind) {
        return require(targets, kind, "target");
    }

    private static DatabaseServer require(Map<DatabaseKind, LocalServer> servers, DatabaseKind kind, String role) {
        DatabaseServer server = servers.get(kind);
        if (server == null) {
            throw new IllegalArgumentException("The lab starts no " + kind.id() + " " + role + "; it has " + servers.keySet());
        }
        return server;
    }

    /** A pipeline between two of the lab's own servers, named like {@code mariadb-to-postgres}. */
    public Pipeline pipeline(DatabaseKind source, DatabaseKind target) {
        return pipeline(source.id() + "-to-" + target.id(), source(source), target(target));
    }

    /**
     * A pipeline between any two servers, e.g. Testcontainers ones; each gets its own replication client id, and
     * its connectors see the passwords only as ${secrets:...} references.
     */
    public Pipeline pipeline(String name, DatabaseServer source, DatabaseServer target) {
        return new Pipeline(name, source, target, nextClientId.getAndIncrement(), Map.of(), Map.of(), secrets);
    }

    /** Database passwords reach connectors only as references to these secret files. */
    public LabSecrets secrets() {
        return secrets;
    }

    /** Registers the pipeline's source and sink connectors through the REST API and waits until they run. */
    public void deploy(Pipeline pipeline) {
        deploy(pipeline, rest());
    }

    /** The same, through another worker's REST API (e.g. one started with {@link KafkaConnectCluster#startWorker}). */
    public void deploy(Pipeline pipeline, ConnectRestClient rest) {
        for (String[] connector : List.of(
                new String[] {pipeline.sourceConnectorJson(cluster.bootstrapServers()), pipeline.sourceConnector()},
                new String[] {pipeline.sinkConnectorJson(cluster.bootstrapServers()), pipeline.sinkConnector()})) {
            rest.createConnector(connector[0]);
            rest.awaitRunning(connector[1], CONNECTOR_START_TIMEOUT);
        }
        log.info("Pipeline {} running: {} -> {} -> {}", pipeline.name(), pipeline.source(), pipeline.topic(), pipeline.target());
    }

    /**
     * Waits until Connect has committed a source offset past the initial snapshot and returns the offsets as
     * {@code GET /connectors/NAME/offsets} gives them. Until then a source that stops takes its snapshot again, and
     * a snapshot carries rows, never deletes (README, Reliability): the fault scenarios start their faults after it.
     * A PostgreSQL source commits nothing after the snapshot of an empty table until a change or a heartbeat.
     */
    public JsonNode awaitSourcePastSnapshot(Pipeline pipeline, ConnectRestClient rest) throws InterruptedException {
        long deadline = System.nanoTime() + CONNECTOR_START_TIMEOUT.toNanos();
        JsonNode offsets = rest.offsets(pipeline.sourceConnector());
        while (!pastSnapshot(offsets)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pipeline.sourceConnector() + " committed no offset past its snapshot in "
                        + CONNECTOR_START_TIMEOUT + "; last offsets: " + offsets);
            }
            Thread.sleep(100);
            offsets = rest.offsets(pipeline.sourceConnector());
        }
        return offsets;
    }

    /**
     * Debezium's offsets carry a {@code snapshot} entry while the initial snapshot runs; PostgreSQL's keep it on the
     * snapshot's last record, marked {@code last_snapshot_record} (or {@code snapshot_completed}), from which a
     * restart streams.
     */
    static boolean pastSnapshot(JsonNode offsets) {
        JsonNode all = offsets.path("offsets");
        if (all.isEmpty()) {
            return false;
        }
        for (JsonNode partition : all) {
            JsonNode offset = partition.path("offset");
            if (offset.has("snapshot") && !offset.path("last_snapshot_record").asBoolean(false)
                    && !offset.path("snapshot_completed").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    /** Worker properties that install SecretsConfigProvider for this lab's secret files. */
    public Map<String, String> secretsWorkerProperties() {
        return secrets.workerProperties();
    }

    /** Only the pipeline's source connector, for tests that read its topic some other way. */
    public void deploySource(Pipeline pipeline) {
        deployConnector(pipeline.sourceConnectorJson(cluster.bootstrapServers()), pipeline.sourceConnector());
    }

    /** POSTs a connector JSON document and waits until the connector and its tasks run. */
    public void deployConnector(String connectorJson, String name) {
        rest().createConnector(connectorJson);
        rest().awaitRunning(name, CONNECTOR_START_TIMEOUT);
    }

    /** Deletes the pipeline's connectors, so that a finished test stops using the shared worker's threads. */
    public void undeploy(Pipeline pipeline) {
        rest().deleteConnector(pipeline.sinkConnector());
        rest().deleteConnector(pipeline.sourceConnector());
    }

    public ConnectRestClient rest() {
        return cluster.rest();
    }

    public KafkaConnectCluster cluster() {
        return cluster;
    }

    public List<DatabaseServer> servers() {
        List<DatabaseServer> all = new ArrayList<>(sources.values());
        all.addAll(targets.values());
        return all;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            log.warn("Lab shutdown was not clean", e);
        }
    }

    /** Stops the worker and broker, then every database, then deletes the work directory. Idempotent. */
    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Exception first = null;
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                first = e;
            }
        }
        for (LocalServer server : servers().stream().map(LocalServer.class::cast).toList()) {
            try {
                server.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        LocalProcesses.deleteRecursively(workDir);
        if (first != null) {
            throw first;
        }
    }
}
