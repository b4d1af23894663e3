package io.cdcbundle.sink.dialect;

import java.util.Locale;

import io.debezium.connector.jdbc.dialect.DatabaseDialectProvider;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * The target servers cdc-bundle's dialect serves, each with the Debezium dialect it delegates to. The dialects are
 * named, not imported: each task loads its own copy of them ({@link TaskOwnDialectClassLoader}).
 */
enum TargetServer {
    MARIADB("io.debezium.connector.jdbc.dialect.mysql.MariaDbDatabaseDialect$MariaDbDatabaseDialectProvider"),
    MYSQL("io.debezium.connector.jdbc.dialect.mysql.MySqlDatabaseDialect$MySqlDatabaseDialectProvider"),
    POSTGRES("io.debezium.connector.jdbc.dialect.postgres.PostgresDatabaseDialect$PostgresDatabaseDialectProvider");

    private final String stockProvider;

    TargetServer(String stockProvider) {
        this.stockProvider = stockProvider;
    }

    /** Debezium's provider for this server, from a class loader of the task's own. */
    DatabaseDialectProvider stock(TaskOwnDialectClassLoader loader) {
        return loader.provider(stockProvider);
    }

    boolean mysqlFamily() {
        return this != POSTGRES;
    }

    static boolean supports(Dialect dialect) {
        return dialect instanceof MySQLDialect || dialect instanceof PostgreSQLDialect;
    }

    /**
     * The server behind Hibernate's dialect. Through a {@code jdbc:mysql:} URL Hibernate takes MariaDB for MySQL
     * (its version "5.5.5-10.11.6-MariaDB" reads as 5.5, and MariaDB 11 as a MySQL 11 that gets MySQL-only upsert
     * syntax), so the server's own product version decides.
     */
    static TargetServer of(Dialect dialect, String productVersion) {
        if (dialect instanceof PostgreSQLDialect) {
            return POSTGRES;
        }
        boolean maria = productVersion != null && productVersion.toLowerCase(Locale.ROOT).contains("mariadb");
        return maria || dialect instanceof MariaDBDialect ? MARIADB : MYSQL;
    }
}
