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
 * The raw-copy limit the pipeline benchmarks stand beside: a pipeline's source rows (the seed's shape: id, name,
 * amount) copied by plain JDBC in one process into a table of the target's database. No pipeline can move the rows
 * faster on the same machine: it reads and writes the same rows with nothing in between.
 */
final class RawCopy {

    static final String DESCRIPTION = "the same rows by plain JDBC in one process (streaming select, multi-row "
            + "inserts of 1000 rows, a commit each)";

    private static final int ROWS_PER_INSERT = 1000;

    private RawCopy() {
    }

    /** Rows/s of copying {@code p}'s source table into a fresh {@code raw_copy} table of its target database. */
    static double rate(Pipeline p) throws SQLException {
        DatabaseServer source = p.source();
        DatabaseServer target = p.target();
        target.execute(p.database(), "drop table if exists raw_copy",
                "create table raw_copy (id int primary key, name varchar(32), amount int)");
        long start = System.nanoTime();
        int copied = 0;
        try (Connection in = source.connect(p.database()); Connection out = target.connect(p.database())) {
            in.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            out.setAutoCommit(false);
            try (Statement s = in.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("select id, name, amount from " + Pipeline.SOURCE_TABLE)) {
                    List<Object[]> batch = new ArrayList<>(ROWS_PER_INSERT);
                    while (rs.next()) {
                        batch.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getInt(3)});
                        if (batch.size() == ROWS_PER_INSERT) {
                            copied += insert(out, batch);
                        }
                    }
                    copied += insert(out, batch);
                }
            }
            in.commit();
        }
        return copied / ((System.nanoTime() - start) / 1e9);
    }

    private static int insert(Connection out, List<Object[]> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("insert into raw_copy (id, name, amount) values ");
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
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
