package io.cdcbundle.sink;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The optional check against the live target: connects once with a short timeout and compares the server with
 * the configuration. Messages never carry the password, even where a driver's error would echo it.
 */
final class LiveCheck {

    private LiveCheck() {
    }

    static List<Finding> run(Map<String, String> config, int timeoutMs) {
        String url = config.get("connection.url");
        if (url == null || !url.startsWith("jdbc:")) {
            return List.of(); // the static rules report it
        }
        String password = config.getOrDefault("connection.password", "");
        List<Finding> findings = new ArrayList<>();
        Driver driver = driverFor(url);
        if (driver == null) {
            return List.of(Finding.error("connection.url", "no JDBC driver in the sink's plugin directory accepts "
                    + scheme(url) + " URLs"));
        }
        Properties props = new Properties();
        props.setProperty("user", config.getOrDefault("connection.username", ""));
        props.setProperty("password", password);
        // Milliseconds for MariaDB and MySQL drivers, seconds for PostgreSQL's.
        props.setProperty("connectTimeout", url.startsWith("jdbc:postgresql:")
                ? String.valueOf(Math.max(1, timeoutMs / 1000)) : String.valueOf(timeoutMs));
        try (Connection c = driver.connect(url, props)) {
            DatabaseMetaData md = c.getMetaData();
            String product = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
            boolean mariadb = product.toLowerCase(Locale.ROOT).contains("mariadb");
            if (url.startsWith("jdbc:mysql:") && mariadb) {
                findings.add(Finding.error("connection.url", "the server is MariaDB (it reports '" + product + "') but "
                        + "the URL is jdbc:mysql:, so the sink takes it for an old MySQL and uses MySQL's dialect; "
                        + "write jdbc:mariadb://"));
            } else if (url.startsWith("jdbc:mariadb:") && !mariadb && product.toLowerCase(Locale.ROOT).contains("mysql")) {
                findings.add(Finding.warning("connection.url", "the server is " + product + ": write jdbc:mysql://"));
            }
            primaryKey(config, md, c.getCatalog(), findings);
        } catch (SQLException | RuntimeException e) {
            findings.add(Finding.error("connection.url", "cannot connect to the target: "
                    + mask(e.getMessage(), password)));
        }
        return findings;
    }

    private static Driver driverFor(String url) {
        for (Driver d : ServiceLoader.load(Driver.class, LiveCheck.class.getClassLoader())) {
            try {
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException e) {
                // not this one
            }
        }
        return null;
    }

    /** The target table's primary key against primary.key.fields, when the table name is fixed. */
    private static void primaryKey(Map<String, String> config, DatabaseMetaData md, String catalog, List<Finding> findings)
            throws SQLException {
        String fields = config.get("primary.key.fields");
        String table = config.getOrDefault("collection.name.format", config.get("table.name.format"));
        if (fields == null || fields.isBlank() || table == null || table.contains("${")) {
            return;
        }
        Set<String> key = new TreeSet<>();
        boolean exists = false;
        // The sink may have created it in the server's own case for unquoted identifiers.
        for (String candidate : new java.util.LinkedHashSet<>(List.of(table, table.toLowerCase(Locale.ROOT),
                table.toUpperCase(Locale.ROOT)))) {
            try (ResultSet tables = md.getTables(catalog, null, candidate, null)) {
                exists |= tables.next();
            }
            try (ResultSet pk = md.getPrimaryKeys(catalog, null, candidate)) {
                while (pk.next()) {
                    key.add(pk.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<String> configured = Arrays.stream(fields.split(",")).map(f -> f.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        if (exists && !key.equals(configured)) {
            findings.add(Finding.error("primary.key.fields", "is " + configured + " but the target table '" + table
                    + "' has primary key " + (key.isEmpty() ? "none" : key.toString()) + ": upserts and deletes would "
                    + "match the wrong rows; make them agree"));
        }
    }

    private static String scheme(String url) {
        int second = url.indexOf(':', 5);
        return second > 0 ? url.substring(0, second + 1) : url;
    }

    static String mask(String message, String password) {
        if (message == null) {
            return "(no message)";
        }
        return password == null || password.isEmpty() ? message : message.replace(password, "********");
    }
}
