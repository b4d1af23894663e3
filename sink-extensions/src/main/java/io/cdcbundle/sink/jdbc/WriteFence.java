package io.cdcbundle.sink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.cdcbundle.sink.settings.DialectOptions;

/**
 * Keeps a stopped instance of a sink task from writing after its successor started. Connect gives up on a task that
 * does not stop within task.shutdown.graceful.timeout.ms (a broker outage, a slow database) and starts a new
 * instance; the old one can still deliver the batch it had polled, and its stale rows would then overwrite what the
 * new instance wrote (first suspected of the lab's broker-restart failures, whose cause turned out to be a source
 * taking its snapshot again: docs/operations.md). Each instance takes the next
 * generation of its task in a table of the target database; every commit first locks that row and is rolled back
 * when a newer generation has started.
 */
final class WriteFence {

    static final String TABLE = DialectOptions.FENCE_TABLE;

    private final String name;
    private long generation;

    /** @param name the sink task's identity, connector name and task id */
    WriteFence(String name) {
        this.name = name;
    }

    /** Registers this instance: the next generation of its task, committed at once so that older instances see it. */
    void acquire(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(255) NOT NULL PRIMARY KEY, generation BIGINT NOT NULL)");
            connection.setAutoCommit(false);
            // Plain SQL for every server: two first instances inserting at once fail one on the key, and retry.
            try (PreparedStatement next = connection.prepareStatement(
                    "UPDATE " + TABLE + " SET generation = generation + 1 WHERE name = ?")) {
                next.setString(1, name);
                if (next.executeUpdate() == 0) {
                    try (PreparedStatement first = connection.prepareStatement(
                            "INSERT INTO " + TABLE + " (name, generation) VALUES (?, 1)")) {
                        first.setString(1, name);
                        first.executeUpdate();
                    }
                }
            }
            generation = current(connection, false);
            connection.commit();
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Called before each commit: locks the task's row until the commit, and refuses if a newer instance started. */
    void check(Connection connection) throws SQLException {
        long current = current(connection, true);
        if (current != generation) {
            throw new SQLException("Fenced: a newer instance of sink task '" + name + "' (generation " + current
                    + ") started after this one (generation " + generation + "), so this one's writes are rolled back. "
                    + "If no task was restarted, another connector of the same name (e.g. on a second Connect cluster) "
                    + "writes to this database: give each its own name, or set " + DialectOptions.FENCE + "=false");
        }
    }

    long generation() {
        return generation;
    }

    String name() {
        return name;
    }

    private long current(Connection connection, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT generation FROM " + TABLE + " WHERE name = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("Fenced: the row of sink task '" + name + "' in " + TABLE + " is gone; "
                            + "restart the task to register it again, and leave " + TABLE + " to the sink while it runs");
                }
                return rs.getLong(1);
            }
        }
    }
}
