package io.cdcbundle.checker;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks its share of the tables, one chunk per poll, round robin, re-checking suspects as they fall due. Every
 * record carries its table's position, and a progress record is written now and then, so that a restarted task goes
 * on where the last committed one stood.
 */
public class ConsistencyCheckTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyCheckTask.class);
    /** The longest a poll sleeps when nothing is due, so that stop() is never kept waiting long. */
    private static final long IDLE_MS = 1000;

    private CheckerConfig config;
    private Endpoint source;
    private Endpoint target;
    /** A second source session: the next key range's end is looked up on it while the servers digest a range. */
    private Endpoint boundaries;
    private final List<TableCheck> tables = new ArrayList<>();
    private final Map<TableCheck, Long> lastProgress = new HashMap<>();
    private CheckerMetrics metrics;
    private RateLimit rate;
    private String topic;
    private int next;
    /** Reads of both sides, ahead of the merge, for tables read side by side. */
    private ExecutorService reads;
    private Repair repair;

    @Override
    public String version() {
        return CheckerVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new CheckerConfig(props);
        topic = config.getString(CheckerConfig.TOPIC);
        metrics = new CheckerMetrics(config.getLong(CheckerConfig.LAG_ALLOWANCE));
        metrics.register(props.getOrDefault("name", "consistency-check"), props.getOrDefault(ConsistencyCheckConnector.TASK_ID, "0"));
        rate = new RateLimit(config.getInt(CheckerConfig.ROWS_PER_SECOND));
        reads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cdc-bundle-checker-reads");
            t.setDaemon(true);
            return t;
        });
        repair = config.repair();
        source = Endpoint.open(config.source());
        target = Endpoint.open(config.target());
        boundaries = Endpoint.open(config.source());
        TableCheck.Settings settings = new TableCheck.Settings(config.getInt(CheckerConfig.CHUNK_SIZE),
                config.getLong(CheckerConfig.LAG_ALLOWANCE), config.getInt(CheckerConfig.RECHECKS),
                config.getLong(CheckerConfig.PASS_INTERVAL));
        for (TablePair pair : config.tables()) {
            Position resumeAt = Position.of(context.offsetStorageReader().offset(Position.partition(pair)));
            try {
                TableCheck check = new TableCheck(pair, source, target, settings, metrics, resumeAt, reads, repair,
                        boundaries);
                if (!check.sourceOnlyColumns().isEmpty()) {
                    log.warn("Consistency check of {}: the target has no column {}; those columns are not compared",
                            pair.id(), check.sourceOnlyColumns());
                }
                tables.add(check);
                log.info("Consistency check of {} {}, {}", pair.id(), resumeAt == null ? "starts its first pass"
                        : "goes on from pass " + resumeAt.pass() + ", phase " + resumeAt.phase(), check.method());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("cdc-bundle consistency checker cannot check " + pair.id() + ": "
                        + e.getMessage());
            } catch (SQLException e) {
                throw new ConnectException("cdc-bundle consistency checker cannot read the description of "
                        + pair.id() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long now = System.currentTimeMillis();
        List<SourceRecord> records = new ArrayList<>();
        try {
            for (TableCheck table : tables) {
                add(records, table, table.recheck(now));
            }
            TableCheck table = tables.get(next);
            next = (next + 1) % tables.size();
            long before = metrics.getRowsChecked();
            add(records, table, table.step(now));
            if (now - lastProgress.getOrDefault(table, 0L) >= config.getLong(CheckerConfig.PROGRESS_INTERVAL)) {
                lastProgress.put(table, now);
                add(records, table, List.of(progress(table, now)));
            }
            rate.pace(metrics.getRowsChecked() - before);
        } catch (SQLException e) {
            // A server restart or a lost connection: Connect calls poll again; the chunk is read again.
            throw new RetriableException("cdc-bundle consistency checker lost its reads: " + e.getMessage(), e);
        }
        metrics.pending(tables.stream().mapToInt(TableCheck::pending).sum());
        if (records.isEmpty()) {
            long due = tables.stream().mapToLong(TableCheck::nextWorkAt).min().orElse(0);
            long wait = Math.min(IDLE_MS, due - System.currentTimeMillis());
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        return records;
    }

    private Finding progress(TableCheck table, long now) {
        Position p = table.position();
        return new Finding(Finding.Kind.PROGRESS, table.pair.id(), List.of(), List.of(), p.pass(), metrics.getRowsChecked(),
                metrics.getDifferencesReported(), table.pending(), 0, now, null);
    }

    private void add(List<SourceRecord> records, TableCheck table, List<Finding> findings) {
        for (Finding f : findings) {
            if (f.isDifference() || f.kind() == Finding.Kind.REPAIR_FAILED) {
                log.warn("Consistency check of {}: row {} {}{}{}", f.table(), f.key(), f.kind().name().toLowerCase(),
                        f.columns().isEmpty() ? "" : " in " + f.columns(), f.detail() == null ? "" : ": " + f.detail());
            } else if (f.kind() == Finding.Kind.REPAIRED) {
                log.info("Consistency check of {}: row {} repaired", f.table(), f.key());
            } else if (f.kind() == Finding.Kind.PASS) {
                log.info("Consistency check of {}: pass {} done, {} rows in {} ms, {} differences{}", f.table(),
                        f.pass(), f.rowsChecked(), f.at() - f.startedAt(), f.differences(),
                        f.detail() == null ? "" : "; " + f.detail());
            }
            records.add(FindingRecords.of(f, topic, Position.partition(table.pair), table.position().offset()));
        }
    }

    @Override
    public void stop() {
        if (reads != null) {
            reads.shutdownNow();
        }
        closeAll(source, target, boundaries, repair);
        if (metrics != null) {
            metrics.unregister();
        }
    }

    /** Sessions a task may not have opened yet; none of them fails to close. */
    static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    // a session that failed: nothing left to release
                }
            }
        }
    }
}
