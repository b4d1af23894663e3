package io.cdcbundle.checker;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The database products the checker reads, and how it opens a session on each so that values read alike. */
public enum Engine {
    MARIADB {
        @Override
        public Connection open(String url, String user, String password) throws SQLException {
            Properties props = credentials(user, password);
            // MariaDB Connector/J answers jdbc:mysql: URLs only when asked to; MySQL speaks the same protocol.
            String driverUrl = url.startsWith("jdbc:mysql:") ? url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme"
                    : url;
            Connection c = new org.mariadb.jdbc.Driver().connect(driverUrl, props);
            try (Statement s = c.createStatement()) {
                // TIMESTAMP columns read as UTC, as the sink writes timestamps with a time zone.
                s.execute("SET time_zone = '+00:00'");
            }
            return c;
        }

        @Override
        public String quote(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }
    },
    POSTGRES {
        @Override
        public Connection open(String url, String user, String password) throws SQLException {
            Properties props = credentials(user, password);
            // Keys read on one engine are bound on the other as text where no JDBC type fits both (a uuid, a
            // timestamp read as text): untyped parameters let PostgreSQL take them as the column's type.
            props.setProperty("stringtype", "unspecified");
            props.setProperty("ApplicationName", "cdc-bundle consistency checker");
            Connection c = new org.postgresql.Driver().connect(url, props);
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            return c;
        }

        @Override
        public String quote(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }
    };

    /** The engine a JDBC URL names, or null. */
    public static Engine of(String url) {
        if (url.startsWith("jdbc:mariadb://") || url.startsWith("jdbc:mysql://")) {
            return MARIADB;
        }
        if (url.startsWith("jdbc:postgresql://")) {
            return POSTGRES;
        }
        return null;
    }

    public abstract Connection open(String url, String user, String password) throws SQLException;

    public abstract String quote(String identifier);

    /** A dot-qualified name, each part quoted as written. */
    String quoteName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    private static Properties credentials(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return props;
    }
}
