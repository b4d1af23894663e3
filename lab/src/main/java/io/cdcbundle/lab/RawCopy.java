package io.cdcbundle.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.cdcbundle.lab.db.DatabaseServer;

/**
 * The raw-copy limit the pipeline benchmarks stand beside: a pipeline's source rows ({@link LoadTable}) copied by
 * plain JDBC in one process into a table of the target's database. No pipeline can move the rows
 * faster on the same machine: it reads and writes the same rows with nothing in between.
 */
final class RawCopy {

    static final String DESCRIPTION = "the same rows by plain JDBC in one process (streaming select, multi-row "
            + "inserts of 1000 rows, a commit each)";

    private static final int ROWS_PER_INSERT = 1000;

    private RawCopy() {
    }

    /** Rows/s of copying {@code p}'s source table, of shape {@code table}, into a fresh {@code raw_copy} table. */
    static double rate(Pipeline p, LoadTable table) throws SQLException {
        DatabaseServer source = p.source();
        DatabaseServer target = p.target();
        target.execute(p.database(), "drop table if exists raw_copy", table.create("raw_copy"));
        List<String> columns = table.names();
        String insert = "insert into raw_copy (" + String.join(", ", columns) + ") values ";
        String tuple = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        long start = System.nanoTime();
        int copied = 0;
        try (Connection in = source.connect(p.database()); Connection out = target.connect(p.database())) {
            in.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            out.setAutoCommit(false);
            try (Statement s = in.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("select " + String.join(", ", columns) + " from " + Pipeline.SOURCE_TABLE)) {
                    List<Object[]> batch = new ArrayList<>(ROWS_PER_INSERT);
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        batch.add(row);
                        if (batch.size() == ROWS_PER_INSERT) {
                            copied += insert(out, insert, tuple, batch);
                        }
                    }
                    copied += insert(out, insert, tuple, batch);
                }
            }
            in.commit();
        }
        return copied / ((System.nanoTime() - start) / 1e9);
    }

    private static int insert(Connection out, String insert, String tuple, List<Object[]> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder(insert);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        try (PreparedStatement ps = out.prepareStatement(sql.toString())) {
            int index = 1;
            for (Object[] row : batch) {
                for (Object v : row) {
                    ps.setObject(index++, v);
                }
            }
            ps.executeUpdate();
        }
        out.commit();
        int n = batch.size();
        batch.clear();
        return n;
    }
}
