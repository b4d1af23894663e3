package io.cdcbundle.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdcbundle.checker.Engine;
import io.cdcbundle.checker.JdbcUrls;
import io.cdcbundle.checker.TablePair;

/**
 * What a bulk load is told: the worker, the two connectors as the user would POST them, the tables, and how the
 * command reaches the two databases (taken from the connectors' own properties unless given).
 */
record BulkLoadOptions(String connectUrl, ConnectorJson source, ConnectorJson sink, List<TablePair> tables,
                       Database sourceDatabase, Database targetDatabase, int writers, int batchRows, Duration timeout,
                       boolean planOnly) {

    /** One database as the command connects to it; the password is never printed. */
    record Database(String url, String user, String password) {
        Engine engine() {
            return Engine.of(url.trim());
        }

        /** A session; a driver's message that quotes the password has it masked. */
        Connection open() throws SQLException {
            try {
                return engine().open(url.trim(), user, password);
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage());
                if (password != null && !password.isEmpty()) {
                    message = message.replace(password, "***");
                }
                throw new SQLException("cannot connect to " + this + ": " + message + "; check the URL, user and "
                        + "password given or taken from the connector JSON", e.getSQLState());
            }
        }

        @Override
        public String toString() {
            return JdbcUrls.withoutSecrets(String.valueOf(url));
        }
    }

    static final String USAGE = """
            usage: java -cp '<plugin dir>/cdc-bundle-consistency-checker/*' io.cdcbundle.load.BulkInitialLoad \\
                     --connect http://connect:8083 --source-connector source.json --sink-connector sink.json \\
                     --tables inventory.orders=orders[,...] \\
                     [--source-url jdbc:... --source-user U --source-password-file F] \\
                     [--target-url jdbc:... --target-user U --target-password-file F] \\
                     [--writers 2] [--batch-rows 1000] [--timeout-minutes 10] [--plan]
            --plan prints which tables would be copied and why others are left to Debezium's snapshot, and stops.
            The databases default to the connectors' own properties (database.hostname/port/user/password of the
            source, connection.url/username/password of the sink); a password that is a ${secrets:DIR:FILE}
            reference is read from DIR/FILE, any other reference needs --source-password-file / --target-password-file.""";

    private static final Pattern DIRECTORY_SECRET = Pattern.compile("\\$\\{secrets:([^:}]+):([^}]+)}");

    static BulkLoadOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> known = List.of("--connect", "--source-connector", "--sink-connector", "--tables", "--source-url",
                "--source-user", "--source-password-file", "--target-url", "--target-user", "--target-password-file",
                "--writers", "--batch-rows", "--timeout-minutes");
        boolean planOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plan")) {
                planOnly = true;
                continue;
            }
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; the options are " + known);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[++i]);
        }
        for (String required : List.of("--connect", "--source-connector", "--sink-connector", "--tables")) {
            if (!given.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        ConnectorJson source = ConnectorJson.read(Path.of(given.get("--source-connector")), "--source-connector");
        ConnectorJson sink = ConnectorJson.read(Path.of(given.get("--sink-connector")), "--sink-connector");
        Database from = new Database(given.getOrDefault("--source-url", sourceUrl(source)),
                given.getOrDefault("--source-user", source.get("database.user")),
                password(given.get("--source-password-file"), source.get("database.password"), "--source-password-file",
                        "database.password"));
        Database to = new Database(given.getOrDefault("--target-url", sink.get("connection.url")),
                given.getOrDefault("--target-user", sink.get("connection.username")),
                password(given.get("--target-password-file"), sink.get("connection.password"), "--target-password-file",
                        "connection.password"));
        return of(given.get("--connect"), source, sink, given.get("--tables"), from, to,
                number(given, "--writers", 2), number(given, "--batch-rows", 1000),
                Duration.ofMinutes(number(given, "--timeout-minutes", 10)), planOnly);
    }

    /** Options checked as {@link #parse} checks them. */
    static BulkLoadOptions of(String connectUrl, ConnectorJson source, ConnectorJson sink, String tables,
                              Database from, Database to, int writers, int batchRows, Duration timeout,
                              boolean planOnly) {
        List<TablePair> pairs;
        try {
            pairs = TablePair.parseAll(Arrays.asList(tables.split(",")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tables: " + e.getMessage());
        }
        check(from, "--source-url", "--source-user");
        check(to, "--target-url", "--target-user");
        return new BulkLoadOptions(connectUrl, source, sink, pairs, from, to, writers, batchRows, timeout, planOnly);
    }

    private static void check(Database db, String urlOption, String userOption) {
        if (db.url() == null || Engine.of(db.url().trim()) == null) {
            throw new IllegalArgumentException(urlOption + ": '" + db.url() + "' is not a jdbc:mariadb:, jdbc:mysql: "
                    + "or jdbc:postgresql: URL; give one");
        }
        if (db.user() == null || db.user().isBlank()) {
            throw new IllegalArgumentException(userOption + " is required: the connector names no user");
        }
    }

    private static String sourceUrl(ConnectorJson source) {
        String host = source.get("database.hostname");
        String port = source.get("database.port");
        if (host == null) {
            return null;
        }
        String clazz = String.valueOf(source.get("connector.class"));
        if (clazz.contains("Postgres")) {
            return "jdbc:postgresql://" + host + ":" + (port == null ? "5432" : port) + "/" + source.get("database.dbname");
        }
        String include = source.get("database.include.list");
        String database = include != null && include.matches("[A-Za-z0-9_$]+") ? include : "";
        return (clazz.contains("MySql") ? "jdbc:mysql://" : "jdbc:mariadb://") + host + ":" + (port == null ? "3306" : port)
                + "/" + database;
    }

    private static String password(String file, String configured, String fileOption, String property) {
        if (file != null) {
            return readSecret(Path.of(file), fileOption);
        }
        if (configured == null || !configured.contains("${")) {
            return configured;
        }
        Matcher m = DIRECTORY_SECRET.matcher(configured.trim());
        if (m.matches() && Files.isDirectory(Path.of(m.group(1)))) {
            return readSecret(Path.of(m.group(1)).resolve(m.group(2)), property);
        }
        throw new IllegalArgumentException(property + " is a config provider reference the command cannot read; "
                + "give the password with " + fileOption);
    }

    private static String readSecret(Path file, String option) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read the password file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static int number(Map<String, String> given, String option, int fallback) {
        String text = given.get(option);
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + ": '" + text + "' is not a whole number of 1 or more");
    }
}
