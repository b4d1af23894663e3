package io.cdcbundle.lab.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database server the lab's pipelines read from or write to: a private instance started by the lab, or one
 * started elsewhere (a Testcontainers MySQL, say). Connectors reach it at {@link #host()}:{@link #port()} with the
 * credentials below; the lab itself uses JDBC through {@link #connect(String)}.
 */
public interface DatabaseServer extends AutoCloseable {

    DatabaseKind kind();

    String host();

    int port();

    String user();

    String password();

    /** A short name for logs and messages, e.g. {@code mariadb-source}. */
    String name();

    default String jdbcUrl(String database) {
        return kind().jdbcUrl(host(), port(), database);
    }

    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /** Runs the statements in {@code database}, each committed on its own. */
    default void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); var s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Creates an empty database (dropping one of the same name), so a pipeline starts from a known state. */
    default void recreateDatabase(String database) throws SQLException {
        try (Connection c = connect(kind().maintenanceDatabase()); var s = c.createStatement()) {
            for (String sql : kind().recreateDatabaseSql(database)) {
                s.execute(sql);
            }
        }
    }

    @Override
    default void close() {
    }
}
