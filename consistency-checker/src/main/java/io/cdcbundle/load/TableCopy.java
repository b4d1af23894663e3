package io.cdcbundle.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Copies one table: a streaming select on the source, and {@code writers} sessions on the target upserting what it
 * reads in multi-row statements, so that reading and writing overlap. The rows are read in no particular order and
 * not in one snapshot: the change events of every row changed meanwhile are in Kafka, and the sink applies them
 * after the copy (see {@link BulkInitialLoad}).
 */
final class TableCopy {

    private static final Object[][] END = new Object[0][];

    private final BulkLoadOptions.Database source;
    private final BulkLoadOptions.Database target;
    private final LoadPlan.Copy copy;
    private final int batchRows;
    private final int writers;

    TableCopy(BulkLoadOptions.Database source, BulkLoadOptions.Database target, LoadPlan.Copy copy, int batchRows,
              int writers) {
        this.source = source;
        this.target = target;
        this.copy = copy;
        this.batchRows = batchRows;
        this.writers = writers;
    }

    /** The number of rows copied. */
    long run() throws Exception {
        Upsert upsert = copy.upsert();
        int perStatement = upsert.rowsPerStatement(batchRows);
        BlockingQueue<Object[][]> batches = new ArrayBlockingQueue<>(2 * writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "cdc-bundle-bulk-load-writer");
            t.setDaemon(true);
            return t;
        });
        List<Future<Long>> written = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                written.add(pool.submit(() -> write(upsert, perStatement, batches)));
            }
            read(perStatement, batches, written);
            long rows = 0;
            for (Future<Long> f : written) {
                rows += f.get();
            }
            return rows;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void read(int perStatement, BlockingQueue<Object[][]> batches, List<Future<Long>> writers) throws Exception {
        List<ColumnTransfer> transfers = copy.transfers();
        String select = "SELECT " + copy.columns().stream().map(copy.sourceEngine()::quote).collect(Collectors.joining(", "))
                + " FROM " + copy.sourceTable();
        try (Connection in = source.open()) {
            in.setAutoCommit(false); // PostgreSQL streams a result with a fetch size only inside a transaction
            in.setReadOnly(true);
            try (Statement s = in.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery(select)) {
                    Object[][] batch = new Object[perStatement][];
                    int n = 0;
                    while (rs.next()) {
                        Object[] row = new Object[transfers.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = transfers.get(i).read(rs, i + 1);
                        }
                        batch[n++] = row;
                        if (n == perStatement) {
                            put(batches, batch, writers);
                            batch = new Object[perStatement][];
                            n = 0;
                        }
                    }
                    if (n > 0) {
                        put(batches, java.util.Arrays.copyOf(batch, n), writers);
                    }
                }
            }
            in.commit();
        } catch (Exception e) {
            batches.clear(); // the writers stop at the ends below instead of writing what is left
            throw e;
        } finally {
            for (int i = 0; i < writers.size(); i++) {
                put(batches, END, writers);
            }
        }
    }

    /**
     * Hands a batch on, or stops reading when a writer failed (its error is what {@link #run} reports); an end marker
     * is not waited for when no writer is left to take it.
     */
    private static void put(BlockingQueue<Object[][]> batches, Object[][] batch, List<Future<Long>> writers)
            throws Exception {
        while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (batch == END && writers.stream().allMatch(Future::isDone)) {
                return;
            }
            for (Future<Long> w : writers) {
                if (w.isDone() && batch != END) {
                    w.get();
                }
            }
        }
    }

    private long write(Upsert upsert, int perStatement, BlockingQueue<Object[][]> batches) throws Exception {
        long rows = 0;
        try (Connection out = target.open()) {
            out.setAutoCommit(true);
            PreparedStatement full = out.prepareStatement(upsert.sql(perStatement));
            try {
                for (Object[][] batch = batches.take(); batch != END; batch = batches.take()) {
                    PreparedStatement s = batch.length == perStatement ? full : out.prepareStatement(upsert.sql(batch.length));
                    try {
                        int p = 1;
                        for (Object[] row : batch) {
                            for (Object value : row) {
                                s.setObject(p++, value);
                            }
                        }
                        s.executeUpdate();
                        rows += batch.length;
                    } catch (SQLException e) {
                        throw new SQLException("cdc-bundle bulk load: writing " + batch.length + " rows of "
                                + copy.sourceTable() + " into " + copy.targetTable() + " failed: " + e.getMessage(),
                                e.getSQLState(), e);
                    } finally {
                        if (s != full) {
                            s.close();
                        }
                    }
                }
            } finally {
                full.close();
            }
        }
        return rows;
    }
}
