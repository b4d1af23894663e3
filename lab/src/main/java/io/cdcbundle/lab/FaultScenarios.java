package io.cdcbundle.lab;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.connect.KafkaConnectCluster;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import io.cdcbundle.lab.db.LocalProcesses;
import io.cdcbundle.lab.db.LocalServer;

/**
 * A part of the pipeline fails under a sustained mix of inserts, updates and deletes and comes back; each scenario
 * returns the comparison of source and target once the pipeline has caught up (or the time is up). The tests run
 * them short; {@code lab/run.sh soak} runs them long.
 */
public final class FaultScenarios {

    private static final List<String> COLUMNS = List.of("id", "name");

    private final Lab lab;
    private final int rows;
    private final Duration outage;

    public FaultScenarios(Lab lab, int rows, Duration outage) {
        this.lab = lab;
        this.rows = rows;
        this.outage = outage;
    }

    /** Inserts in batches of 500, each batch followed by updates of every 10th and deletes of every 25th row. */
    static final class Load implements Runnable {
        private final DatabaseServer source;
        private final String database;
        private final int from;
        private final int to;
        volatile int done;
        volatile Exception failure;

        Load(DatabaseServer source, String database, int from, int to) {
            this.source = source;
            this.database = database;
            this.from = from;
            this.to = to;
            this.done = from - 1;
        }

        @Override
        public void run() {
            try (Connection c = source.connect(database); Statement s = c.createStatement()) {
                for (int start = from; start <= to; start += 500) {
                    int end = Math.min(to, start + 499);
                    StringBuilder insert = new StringBuilder("insert into source_table (id, name) values ");
                    for (int id = start; id <= end; id++) {
                        insert.append(id == start ? "" : ",").append('(').append(id).append(",'r").append(id).append("')");
                    }
                    s.executeUpdate(insert.toString());
                    s.executeUpdate("update source_table set name = concat('u', id) where id between " + start + " and "
                            + end + " and id % 10 = 0");
                    s.executeUpdate("delete from source_table where id between " + start + " and " + end + " and id % 25 = 0");
                    done = end;
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        Thread start() {
            Thread thread = new Thread(this, "load-" + database);
            thread.start();
            return thread;
        }

        void awaitProgress(int row) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (done < row && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        void finish(Thread thread) throws InterruptedException {
            thread.join();
            check();
        }

        void check() {
            if (failure != null) {
                throw new IllegalStateException("The load on " + database + " failed", failure);
            }
        }
    }

    private Pipeline prepare(String name, DatabaseKind target, Map<String, String> sink) throws SQLException {
        // The binlog client notices a lost server at its next keep-alive, by default a minute later.
        Pipeline p = lab.pipeline(name, lab.source(DatabaseKind.MARIADB), lab.target(target)).withSinkConfig(sink)
                .withSourceConfig(Map.of("connect.keep.alive.interval.ms", "1000"));
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        try (Connection c = p.source().connect(p.database()); Statement s = c.createStatement()) {
            s.execute("create table source_table (id int primary key, name varchar(32))");
        }
        return p;
    }

    /** Polls until source and target agree, or two minutes pass; returns the last comparison. */
    public static TableComparator.Comparison awaitEqual(Pipeline p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        TableComparator.Comparison last;
        do {
            last = TableComparator.compare(p.source(), p.database(), Pipeline.SOURCE_TABLE, p.target(), p.database(),
                    Pipeline.TARGET_TABLE, COLUMNS);
            if (last.equal()) {
                return last;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return last;
    }

    /** The Connect cluster's only worker stops a third into the load; a new one joins the cluster. */
    public TableComparator.Comparison workerRestart() throws Exception {
        Pipeline p = prepare("fault-worker", DatabaseKind.POSTGRES, Map.of());
        var worker = new AtomicReference<KafkaConnectCluster.Worker>(startWorker("fault-worker", Map.of()));
        try {
            lab.deploy(p, worker.get().rest());
            return midLoad(p, worker.get().rest(), () -> {
                worker.get().close();
                Thread.sleep(1000);
                worker.set(startWorker("fault-worker", Map.of()));
            });
        } finally {
            removeConnectors(worker.get(), p);
            worker.get().close();
        }
    }

    /**
     * Two workers in one cluster; the one running the source task stops a third into the load, and the other
     * takes over its tasks (after scheduled.rebalance.max.delay.ms, 1 s here, 5 min by default).
     */
    public TableComparator.Comparison workerLoss() throws Exception {
        Pipeline p = prepare("fault-pair", DatabaseKind.POSTGRES, Map.of());
        Map<String, String> quickRebalance = Map.of("scheduled.rebalance.max.delay.ms", "1000");
        KafkaConnectCluster.Worker first = startWorker("fault-pair", quickRebalance);
        KafkaConnectCluster.Worker second = startWorker("fault-pair", quickRebalance);
        AtomicReference<KafkaConnectCluster.Worker> survivor = new AtomicReference<>(second);
        try {
            lab.deploy(p, first.rest());
            return midLoad(p, first.rest(), () -> {
                JsonNode status = first.rest().status(p.sourceConnector());
                String sourceWorker = status.path("tasks").path(0).path("worker_id").asText();
                KafkaConnectCluster.Worker lost = sourceWorker.endsWith(":" + first.restUrl().getPort()) ? first : second;
                survivor.set(lost == first ? second : first);
                lost.close();
            });
        } finally {
            removeConnectors(survivor.get(), p);
            first.close();
            second.close();
        }
    }

    /**
     * The target database shuts down a third into the load and comes back after the outage. Nobody restarts
     * anything: the sink finds its target again by itself (cdc-bundle's task; Debezium's own fails for good when a
     * table check meets the outage).
     */
    public TableComparator.Comparison targetOutage() throws Exception {
        return targetFails("fault-target", DatabaseKind.POSTGRES, Preset.DEFAULT, target -> {
            target.stop();
            Thread.sleep(outage.toMillis());
            target.start();
        });
    }

    /** The target database is killed (SIGKILL, as a crash) a third into the load and started again after the outage. */
    public TableComparator.Comparison targetKilled(DatabaseKind kind, Preset preset) throws Exception {
        return targetFails("fault-kill-" + kind.id() + "-" + preset.name().toLowerCase(), kind, preset, target -> {
            target.kill();
            Thread.sleep(outage.toMillis());
            target.start();
        });
    }

    /** The sink's connections are killed on the target, three times a second apart; the server stays up. */
    public TableComparator.Comparison targetConnectionsKilled(DatabaseKind kind, Preset preset) throws Exception {
        String name = "fault-conn-" + kind.id() + "-" + preset.name().toLowerCase();
        return targetFails(name, kind, preset, target -> {
            for (int i = 0; i < 3; i++) {
                killConnections(target, name.replace('-', '_'));
                Thread.sleep(1000);
            }
        });
    }

    /**
     * The target is killed and stays down past the sink's retry budget ({@code bundle.dialect.retry.timeout.ms}):
     * the sink task fails, saying so; once the target is back, a restart of the task resumes with nothing lost. Returns
     * the failed task's trace and the comparison after the restart.
     */
    public Map.Entry<String, TableComparator.Comparison> targetDownPastRetryBudget(DatabaseKind kind, Duration budget)
            throws Exception {
        Pipeline p = prepare("fault-budget-" + kind.id(), kind,
                Map.of("bundle.dialect.retry.timeout.ms", String.valueOf(budget.toMillis())));
        LocalServer target = (LocalServer) p.target();
        lab.deploy(p);
        try {
            String[] trace = new String[1];
            TableComparator.Comparison comparison = midLoad(p, lab.rest(), () -> {
                target.kill();
                try {
                    trace[0] = awaitFailedSinkTask(p, budget.plusSeconds(60));
                } finally {
                    target.start();
                }
                lab.rest().restartFailed(p.sinkConnector());
            });
            return Map.entry(trace[0], comparison);
        } finally {
            if (!target.running()) {
                target.start();
            }
            lab.undeploy(p);
        }
    }

    /** What the sink's target suffers while the load runs. */
    @FunctionalInterface
    private interface TargetFault {
        void strike(LocalServer target) throws Exception;
    }

    private TableComparator.Comparison targetFails(String name, DatabaseKind kind, Preset preset, TargetFault fault)
            throws Exception {
        Pipeline p = preset.applyTo(prepare(name, kind, Map.of()));
        LocalServer target = (LocalServer) p.target();
        lab.deploy(p);
        try {
            return midLoad(p, lab.rest(), () -> fault.strike(target));
        } finally {
            if (!target.running()) {
                target.start(); // the next test needs it
            }
            lab.undeploy(p);
        }
    }

    /** Kills every connection to {@code database} on the server but the one that kills them. */
    static void killConnections(DatabaseServer server, String database) throws SQLException {
        String maintenance = server.kind().maintenanceDatabase();
        try (Connection c = server.connect(maintenance); Statement s = c.createStatement()) {
            if (server.kind() == DatabaseKind.POSTGRES) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
                return;
            }
            List<Long> ids = new java.util.ArrayList<>();
            try (var rs = s.executeQuery("select id from information_schema.processlist where db = '" + database
                    + "' and id <> connection_id()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                try {
                    s.execute("kill " + id);
                } catch (SQLException gone) {
                    // it ended on its own meanwhile
                }
            }
        }
    }

    /**
     * Waits until a task of the pipeline's sink is FAILED and returns its trace, preceded by the line
     * {@code target-outage-seconds max=S} with the most its metric showed meanwhile (the lab's worker runs in this JVM).
     */
    private String awaitFailedSinkTask(Pipeline p, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double outageSeen = 0;
        while (System.nanoTime() < deadline) {
            outageSeen = Math.max(outageSeen, pluginMetric(p.sinkConnector(), "target-outage-seconds"));
            for (JsonNode task : lab.rest().status(p.sinkConnector()).path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    return "target-outage-seconds max=" + outageSeen + "\n" + task.path("trace").asText();
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(p.sinkConnector() + " did not fail within " + timeout + ": "
                + lab.rest().status(p.sinkConnector()));
    }

    /** The Kafka broker stops a third into the load and starts again after the outage. */
    public TableComparator.Comparison brokerRestart() throws Exception {
        Pipeline p = prepare("fault-broker", DatabaseKind.POSTGRES, Map.of());
        lab.deploy(p);
        try {
            return midLoad(p, lab.rest(),
                    () -> lab.cluster().restartBroker(Duration.ofSeconds(Math.min(10, outage.toSeconds()))));
        } finally {
            lab.undeploy(p);
        }
    }

    /** The source database stops and restarts between the two halves of the load. */
    public TableComparator.Comparison sourceRestart() throws Exception {
        Pipeline p = prepare("fault-source", DatabaseKind.MARIADB, Map.of());
        LocalServer source = (LocalServer) p.source();
        lab.deploy(p);
        try {
            lab.awaitSourcePastSnapshot(p, lab.rest());
            Load first = new Load(p.source(), p.database(), 1, rows / 2);
            first.run();
            first.check();
            source.stop();
            Thread.sleep(2000);
            source.start();
            Load second = new Load(p.source(), p.database(), rows / 2 + 1, rows);
            second.run();
            second.check();
            return awaitEqual(p);
        } finally {
            lab.undeploy(p);
        }
    }

    /** What fails, and comes back or is replaced, while the load runs. */
    @FunctionalInterface
    private interface Fault {
        void strike() throws Exception;
    }

    /**
     * Runs the load and strikes a third into it, once the source has committed an offset past its snapshot (a
     * source stopped before that takes its snapshot again, which carries no deletes: docs/operations.md); returns
     * the comparison once the pipeline has caught up.
     */
    private TableComparator.Comparison midLoad(Pipeline p, ConnectRestClient rest, Fault fault) throws Exception {
        lab.awaitSourcePastSnapshot(p, rest);
        Load load = new Load(p.source(), p.database(), 1, rows);
        Thread thread = load.start();
        load.awaitProgress(rows / 3);
        fault.strike();
        load.finish(thread);
        return awaitEqual(p);
    }

    /** A numeric plugin metric of the connector's tasks over JMX (the largest of them), 0 if none is registered. */
    static double pluginMetric(String connector, String attribute) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        double value = 0;
        for (javax.management.ObjectName name : server.queryNames(
                new javax.management.ObjectName("kafka.connect:type=plugins,*"), null)) {
            if (connector.equals(name.getKeyProperty("connector"))) {
                try {
                    value = Math.max(value, ((Number) server.getAttribute(name, attribute)).doubleValue());
                } catch (javax.management.AttributeNotFoundException other) {
                    // another plugin of the task
                }
            }
        }
        return value;
    }

    /** Deletes the pipeline's connectors, retrying while the cluster still forwards to a worker that is gone. */
    private static void removeConnectors(KafkaConnectCluster.Worker worker, Pipeline p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                worker.rest().deleteConnector(p.sinkConnector());
                worker.rest().deleteConnector(p.sourceConnector());
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private KafkaConnectCluster.Worker startWorker(String group, Map<String, String> extra) {
        Map<String, String> props = new java.util.HashMap<>(lab.secretsWorkerProperties());
        props.putAll(extra);
        return lab.cluster().startWorker(group, Lab.pluginPath(), LocalProcesses.freePort(), props);
    }
}
