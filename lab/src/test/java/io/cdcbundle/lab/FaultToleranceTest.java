package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.connect.KafkaConnectCluster;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import io.cdcbundle.lab.db.LocalProcesses;
import io.cdcbundle.lab.db.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing is lost: under a sustained mix of inserts, updates and deletes, a part of the pipeline fails and comes
 * back, and the target must end equal to the source (row counts, checksum, no differing key). Fast variants of
 * the faults; `lab/run.sh soak` is not built yet.
 */
@ExtendWith(LabExtension.class)
class FaultToleranceTest {

    private static final int ROWS = 12_000;
    private static final List<String> COLUMNS = List.of("id", "name");

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
    }

    private static Pipeline prepare(Lab lab, String name, DatabaseKind target, Map<String, String> sink) throws SQLException {
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

    private static Thread start(Load load) {
        Thread thread = new Thread(load, "load");
        thread.start();
        return thread;
    }

    private static void awaitProgress(Load load, int row) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.done < row && load.failure == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    static void assertTargetEqualsSource(Pipeline p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        TableComparator.Comparison last;
        do {
            last = TableComparator.compare(p.source(), p.database(), Pipeline.SOURCE_TABLE, p.target(), p.database(),
                    Pipeline.TARGET_TABLE, COLUMNS);
            if (last.equal()) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertTrue(last.equal(), last.toString());
        assertTrue(last.sourceRows() > ROWS / 2, "the load ran: " + last);
    }

    @Test
    void theConnectWorkerStopsMidLoadAndAnotherTakesOver(Lab lab) throws Exception {
        Pipeline p = prepare(lab, "fault-worker", DatabaseKind.POSTGRES, Map.of());
        int port = LocalProcesses.freePort();
        KafkaConnectCluster.Worker worker = lab.cluster().startWorker("fault-worker", Lab.pluginPath(), port,
                lab.secretsWorkerProperties());
        try {
            lab.deploy(p, worker.rest());
            Load load = new Load(p.source(), p.database(), 1, ROWS);
            Thread thread = start(load);
            awaitProgress(load, ROWS / 3);
            worker.close(); // the cluster's only worker: nothing runs until the next one joins
            Thread.sleep(1000);
            worker = lab.cluster().startWorker("fault-worker", Lab.pluginPath(), LocalProcesses.freePort(),
                    lab.secretsWorkerProperties());
            thread.join();
            assertNull(load.failure);
            assertTargetEqualsSource(p);
        } finally {
            worker.rest().deleteConnector(p.sinkConnector());
            worker.rest().deleteConnector(p.sourceConnector());
            worker.close();
        }
    }

    @Test
    void theTargetDatabaseIsDownForAWhileMidLoad(Lab lab) throws Exception {
        // The sink keeps retrying a failed flush (every 500 ms, up to 100 times) instead of failing its task.
        Pipeline p = prepare(lab, "fault-target", DatabaseKind.POSTGRES,
                Map.of("flush.max.retries", "100", "flush.retry.delay.ms", "500"));
        LocalServer target = (LocalServer) p.target();
        lab.deploy(p);
        try {
            Load load = new Load(p.source(), p.database(), 1, ROWS);
            Thread thread = start(load);
            awaitProgress(load, ROWS / 3);
            target.stop();
            Thread.sleep(10_000);
            target.start();
            // Flush retries ride out an outage, but a failure while the sink creates or alters its table kills the
            // task (Debezium 3.5): restarting failed tasks is then the operator's part of the recovery.
            lab.rest().restartFailed(p.sinkConnector());
            thread.join();
            assertNull(load.failure);
            assertTargetEqualsSource(p);
        } finally {
            lab.undeploy(p);
        }
    }

    @Test
    void theSourceDatabaseRestartsBetweenTwoHalvesOfTheLoad(Lab lab) throws Exception {
        Pipeline p = prepare(lab, "fault-source", DatabaseKind.MARIADB, Map.of());
        LocalServer source = (LocalServer) p.source();
        lab.deploy(p);
        try {
            Load first = new Load(p.source(), p.database(), 1, ROWS / 2);
            first.run();
            assertNull(first.failure);
            source.stop();
            Thread.sleep(2000);
            source.start();
            Load second = new Load(p.source(), p.database(), ROWS / 2 + 1, ROWS);
            second.run();
            assertNull(second.failure);
            assertTargetEqualsSource(p);
        } finally {
            lab.undeploy(p);
        }
    }
}
