package io.cdcbundle.sink.dialect;

import java.util.Locale;

import io.debezium.connector.jdbc.dialect.DatabaseDialectProvider;
import io.debezium.connector.jdbc.dialect.mysql.MariaDbDatabaseDialect;
import io.debezium.connector.jdbc.dialect.mysql.MySqlDatabaseDialect;
import io.debezium.connector.jdbc.dialect.postgres.PostgresDatabaseDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;

/** The target servers cdc-bundle's dialect serves, each with the Debezium dialect it delegates to. */
enum TargetServer {
    MARIADB(new MariaDbDatabaseDialect.MariaDbDatabaseDialectProvider()),
    MYSQL(new MySqlDatabaseDialect.MySqlDatabaseDialectProvider()),
    POSTGRES(new PostgresDatabaseDialect.PostgresDatabaseDialectProvider());

    private final DatabaseDialectProvider stock;

    TargetServer(DatabaseDialectProvider stock) {
        this.stock = stock;
    }

    DatabaseDialectProvider stock() {
        return stock;
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
