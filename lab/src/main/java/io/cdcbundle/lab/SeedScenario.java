package io.cdcbundle.lab;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;

/**
 * The seed write-up's test: its init.sql on the source, then five inserts, one update and one delete; the target
 * must then hold exactly {@link #EXPECTED}.
 */
public final class SeedScenario {

    public record Row(int id, String name) {
        @Override
        public String toString() {
            return "(" + id + "," + name + ")";
        }
    }

    public static final List<Row> EXPECTED = List.of(
            new Row(1, "test1"), new Row(2, "test4"), new Row(3, "test3"), new Row(5, "test5"));

    private SeedScenario() {
    }

    /** Fresh databases on both sides and the seed's init.sql on the source. */
    public static void prepare(Pipeline pipeline) throws SQLException {
        String db = pipeline.database();
        pipeline.source().recreateDatabase(db);
        pipeline.target().recreateDatabase(db);
        try (Connection c = pipeline.source().connect(db); Statement s = c.createStatement()) {
            for (String sql : initSql(pipeline.source().kind())) {
                s.execute(sql);
            }
        }
    }

    static List<String> initSql(DatabaseKind kind) {
        return switch (kind) {
            case MARIADB, MYSQL -> List.of("create table if not exists " + Pipeline.SOURCE_TABLE
                    + " (id int auto_increment primary key, name varchar(10))");
            // pgoutput only streams tables in the publication; the seed creates it by hand.
            case POSTGRES -> List.of(
                    "CREATE TABLE public." + Pipeline.SOURCE_TABLE + " (id SERIAL PRIMARY KEY, name VARCHAR(10))",
                    "CREATE PUBLICATION dbz_publication FOR TABLE public." + Pipeline.SOURCE_TABLE);
        };
    }

    /** The seed's statements, each committed on its own as in an interactive client. */
    public static void run(Pipeline pipeline) throws SQLException {
        try (Connection c = pipeline.source().connect(pipeline.database()); Statement s = c.createStatement()) {
            for (int i = 1; i <= 5; i++) {
                s.executeUpdate("insert into " + Pipeline.SOURCE_TABLE + " (name) values ('test" + i + "')");
            }
            s.executeUpdate("update " + Pipeline.SOURCE_TABLE + " set name='test4' where id=2");
            s.executeUpdate("delete from " + Pipeline.SOURCE_TABLE + " where id=4");
        }
    }

    /** All rows of {@code table}, by id; an absent table (the sink has not created it yet) reads as no rows. */
    public static List<Row> rows(DatabaseServer server, String database, String table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, name from " + table + " order by id")) {
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            if (isMissingTable(server.kind(), e)) {
                return rows;
            }
            throw e;
        }
        return rows;
    }

    static boolean isMissingTable(DatabaseKind kind, SQLException e) {
        return switch (kind) {
            case MARIADB, MYSQL -> e.getErrorCode() == 1146;
            case POSTGRES -> "42P01".equals(e.getSQLState());
        };
    }

    /** Polls {@code table} until it holds {@code expected} or the time is up; returns what it read last. */
    public static List<Row> awaitRows(DatabaseServer server, String database, String table, List<Row> expected,
                                      Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Row> rows = rows(server, database, table);
        while (!rows.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rows = rows(server, database, table);
        }
        return rows;
    }

    /** The rows as the seed prints them from the mariadb client. */
    public static String format(List<Row> rows) {
        int width = Math.max(4, rows.stream().mapToInt(r -> r.name() == null ? 4 : r.name().length()).max().orElse(4));
        int idWidth = Math.max(2, rows.stream().mapToInt(r -> String.valueOf(r.id()).length()).max().orElse(2));
        String line = "+" + "-".repeat(idWidth + 2) + "+" + "-".repeat(width + 2) + "+\n";
        StringBuilder out = new StringBuilder(line);
        out.append(String.format("| %" + idWidth + "s | %-" + width + "s |%n", "id", "name")).append(line);
        for (Row r : rows) {
            out.append(String.format("| %" + idWidth + "d | %-" + width + "s |%n", r.id(), r.name()));
        }
        return out.append(line).append(rows.size()).append(rows.size() == 1 ? " row" : " rows").append(" in set\n").toString();
    }
}
