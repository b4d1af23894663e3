package io.cdcbundle.lab.db;

import java.util.List;

/** What differs between the database products the lab replicates: URLs, DDL, and how Debezium names topics. */
public enum DatabaseKind {
    MARIADB("mariadb") {
        @Override
        public String jdbcUrl(String host, int port, String database) {
            return "jdbc:mariadb://" + host + ":" + port + "/" + database;
        }

        @Override
        public String maintenanceDatabase() {
            return "mysql";
        }

        @Override
        public List<String> recreateDatabaseSql(String database) {
            return List.of("DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
        }

        @Override
        public String sourceTopic(String topicPrefix, String database, String table) {
            return topicPrefix + "." + database + "." + table;
        }
    },
    MYSQL("mysql") {
        @Override
        public String jdbcUrl(String host, int port, String database) {
            return "jdbc:mysql://" + host + ":" + port + "/" + database + "?allowPublicKeyRetrieval=true&useSSL=false";
        }

        @Override
        public String maintenanceDatabase() {
            return "mysql";
        }

        @Override
        public List<String> recreateDatabaseSql(String database) {
            return MARIADB.recreateDatabaseSql(database);
        }

        @Override
        public String sourceTopic(String topicPrefix, String database, String table) {
            return MARIADB.sourceTopic(topicPrefix, database, table);
        }
    },
    POSTGRES("postgres") {
        @Override
        public String jdbcUrl(String host, int port, String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        @Override
        public String maintenanceDatabase() {
            return "postgres";
        }

        @Override
        public List<String> recreateDatabaseSql(String database) {
            // WITH (FORCE) ends sessions a previous run left behind, e.g. a replication connection.
            return List.of("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
        }

        @Override
        public String sourceTopic(String topicPrefix, String database, String table) {
            // Debezium's PostgreSQL topics carry the schema, not the database.
            return topicPrefix + ".public." + table;
        }
    };

    private final String id;

    DatabaseKind(String id) {
        this.id = id;
    }

    /** The name used in connector template files: {@code <id>-source.json}, {@code <id>-sink.json}. */
    public String id() {
        return id;
    }

    public abstract String jdbcUrl(String host, int port, String database);

    /** A database that always exists, to connect to before the pipeline's own database does. */
    public abstract String maintenanceDatabase();

    public abstract List<String> recreateDatabaseSql(String database);

    /** The topic Debezium's source connector writes a table's changes to. */
    public abstract String sourceTopic(String topicPrefix, String database, String table);
}
