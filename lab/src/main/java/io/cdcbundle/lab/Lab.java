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
import io.cdcbundle.lab.connect.ConnectCluster;
import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.connect.KafkaConnectCluster;
import io.cdcbundle.lab.connect.OutOfProcessCluster;
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
    private final VersionLine line;
    private final Map<DatabaseKind, LocalServer> sources;
    private final Map<DatabaseKind, LocalServer> targets;
    /** False for a lab on another line that borrows the databases of the lab that started them. */
    private final boolean ownsServers;
    private final AtomicInteger nextClientId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LabSecrets secrets;
    private ConnectCluster cluster;

    private Lab(Path workDir) {
        this(workDir, VersionLine.TESTED, new EnumMap<>(DatabaseKind.class), new EnumMap<>(DatabaseKind.class), true,
                5401, new LabSecrets(workDir.resolve("secrets")));
    }

    private Lab(Path workDir, VersionLine line, Map<DatabaseKind, LocalServer> sources,
                Map<DatabaseKind, LocalServer> targets, boolean ownsServers, int firstClientId, LabSecrets secrets) {
        this.workDir = workDir;
        this.line = line;
        this.sources = sources;
        this.targets = targets;
        this.ownsServers = ownsServers;
        this.nextClientId = new AtomicInteger(firstClientId);
        this.secrets = secrets;
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

    /**
     * The same databases, with a broker and worker of another Debezium/Kafka line ({@link OutOfProcessCluster}).
     * Pipeline names must differ from this lab's: each pipeline has its own database on the shared servers.
     * Closing it stops its broker and worker only.
     */
    public Lab onLine(VersionLine other, int restPort) throws Exception {
        if (other.inProcess()) {
            throw new IllegalArgumentException(other + " is the lab's own line: use this lab");
        }
        Path dir = Files.createTempDirectory("cdc-bundle-lab-" + other.id() + "-");
        Lab lab = new Lab(dir, other, sources, targets, false, 5401 + 1000 * (other.ordinal() + 1), secrets);
        Path logs = Path.of(System.getProperty("cdcbundle.lab.logFile", dir.resolve("lab.log").toString()))
                .toAbsolutePath().getParent();
        // Its broker and worker are processes of their own: they must not outlive this JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(lab::closeQuietly, "lab-" + other.id() + "-shutdown"));
        try {
            lab.cluster = OutOfProcessCluster.start("line-" + other.id(), other.brokerClasspath(),
                    other.workerClasspath(), other.pluginPath(), restPort, dir, logs, secrets.workerProperties());
        } catch (Exception | Error e) {
            lab.closeQuietly();
            throw e;
        }
        return lab;
    }

    /** The Debezium/Kafka line this lab's broker and worker run. */
    public VersionLine line() {
        return line;
    }

    /** Where the build unpacked the tested line's Debezium plugins and ours. */
    static Path pluginPath() {
        return pluginPath("plugin.path");
    }

    /**
     * Where the build unpacked a line's Debezium plugins and ours ({@code lab-build.properties}); for the tested
     * line {@code -Dcdcbundle.lab.pluginPath} overrides it.
     */
    static Path pluginPath(String key) {
        String configured = key.equals("plugin.path") ? System.getProperty("cdcbundle.lab.pluginPath") : null;
        if (configured == null) {
            configured = buildInfo().get(key);
            if (configured == null) {
                throw new IllegalStateException("lab-build.properties has no " + key + ": build the lab with Maven first");
            }
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
                new String[] {line.adapt(pipeline.sourceConnectorJson(cluster.bootstrapServers())), pipeline.sourceConnector()},
                new String[] {line.adapt(pipeline.sinkConnectorJson(cluster.bootstrapServers())), pipeline.sinkConnector()})) {
            rest.createConnector(connector[0]);
            rest.awaitRunning(connector[1], CONNECTOR_START_TIMEOUT);
        }
        log.info("Pipeline {} running: {} -> {} -> {}", pipeline.name(), pipeline.source(), pipeline.topic(), pipeline.target());
    }

    /**
     * Waits until Connect has committed a source offset past the initial snapshot and returns the offsets as
     * {@code GET /connectors/NAME/offsets} gives them. Until then a source that stops takes its snapshot again, and
     * a snapshot carries rows, never deletes (docs/operations.md): the fault scenarios start their faults after it.
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
        deployConnector(line.adapt(pipeline.sourceConnectorJson(cluster.bootstrapServers())), pipeline.sourceConnector());
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

    /** The in-process broker and worker of the tested line, for the tests that stop, restart or add to them. */
    public KafkaConnectCluster cluster() {
        if (!(cluster instanceof KafkaConnectCluster inProcess)) {
            throw new IllegalStateException("The lab on " + line + " runs its broker and worker out of process");
        }
        return inProcess;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The log of a worker that runs out of process (the lab's own worker logs into the lab's log). */
    public Path workerLog() {
        if (!(cluster instanceof OutOfProcessCluster outOfProcess)) {
            throw new IllegalStateException("The lab's own worker logs into the lab's log");
        }
        return outOfProcess.workerLog();
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
        for (LocalServer server : ownsServers ? servers().stream().map(LocalServer.class::cast).toList()
                : List.<LocalServer>of()) {
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
