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

import io.cdcbundle.sink.rules.Finding;

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
            privileges(config, c, url, findings);
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

    /** The rights the sink uses: write rows, and create or alter tables when schema.evolution=basic. */
    private static void privileges(Map<String, String> config, Connection c, String url, List<Finding> findings) {
        boolean evolves = "basic".equalsIgnoreCase(String.valueOf(config.get("schema.evolution")).trim());
        List<String> needed = new ArrayList<>(List.of("INSERT", "UPDATE"));
        if (Boolean.parseBoolean(config.get("delete.enabled"))) {
            needed.add("DELETE");
        }
        if (evolves) {
            needed.addAll(List.of("CREATE", "ALTER"));
        }
        List<String> missing = new ArrayList<>();
        try {
            if (url.startsWith("jdbc:postgresql:")) {
                String table = config.getOrDefault("collection.name.format", config.get("table.name.format"));
                boolean fixedTable = table != null && !table.contains("${");
                for (String right : needed) {
                    boolean schemaRight = right.equals("CREATE") || right.equals("ALTER");
                    // Row rights can only be asked of a table that exists; one the sink creates is its own.
                    String sql = schemaRight ? "select has_schema_privilege(current_schema(), 'CREATE')"
                            : fixedTable ? "select case when to_regclass(?) is null then true "
                            + "else has_table_privilege(?, '" + right + "') end" : null;
                    if (sql == null) {
                        continue;
                    }
                    try (var st = c.prepareStatement(sql)) {
                        if (!schemaRight) {
                            st.setString(1, table);
                            st.setString(2, table);
                        }
                        try (ResultSet rs = st.executeQuery()) {
                            if (rs.next() && !rs.getBoolean(1)) {
                                missing.add(right);
                            }
                        }
                    }
                }
            } else {
                StringBuilder grants = new StringBuilder();
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
                    while (rs.next()) {
                        String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                        String on = grant.contains(" ON ") ? grant.substring(grant.indexOf(" ON ") + 4) : "";
                        String db = c.getCatalog() == null ? "" : c.getCatalog().toUpperCase(Locale.ROOT);
                        if (on.startsWith("*.*") || on.startsWith("`" + db + "`.*") || on.startsWith(db + ".*")) {
                            grants.append(grant).append('\n');
                        }
                    }
                }
                String all = grants.toString();
                for (String right : needed) {
                    if (!all.contains("ALL PRIVILEGES") && !all.matches("(?s).*\\b" + right + "\\b.*")) {
                        missing.add(right);
                    }
                }
            }
        } catch (SQLException e) {
            findings.add(Finding.warning("connection.username", "could not read the user's privileges: "
                    + mask(e.getMessage(), config.get("connection.password"))));
            return;
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.error("connection.username", "'" + config.get("connection.username") + "' lacks "
                    + missing + " on the target database, which the sink needs" + (evolves
                    ? " (CREATE and ALTER for schema.evolution=basic)" : "") + ": grant them"));
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
