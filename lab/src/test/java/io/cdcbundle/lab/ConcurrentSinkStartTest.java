package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sinks to MariaDB and to PostgreSQL started together on one worker each create their table with their own engine's
 * column types. Debezium's JDBC sink keeps its column types as singletons that remember the last dialect they were
 * registered with, so without a task-own copy of them ({@code TaskOwnDialectClassLoader}) a sink created tables in
 * the other engine's types, or failed on them (issue #15).
 */
@ExtendWith(LabExtension.class)
class ConcurrentSinkStartTest {

    static final int SINKS_PER_ENGINE = 4;

    /** The source's columns, and the type each target engine's catalogue must report for them. */
    static final List<String[]> COLUMNS = List.of(
            // name, MariaDB source type, MariaDB target data_type, PostgreSQL target data_type
            new String[] {"happened", "DATETIME(6)", "datetime", "timestamp without time zone"},
            new String[] {"name", "VARCHAR(20)", "longtext", "text"},
            new String[] {"body", "TEXT", "longtext", "text"},
            new String[] {"ratio", "DOUBLE", "double", "double precision"},
            new String[] {"price", "DECIMAL(10,2)", "decimal", "numeric"},
            new String[] {"day", "DATE", "date", "date"},
            new String[] {"small", "SMALLINT", "smallint", "smallint"},
            new String[] {"big", "BIGINT", "bigint", "bigint"},
            new String[] {"flag", "BOOLEAN", "smallint", "smallint"},
            new String[] {"doc", "JSON", "longtext", "text"});

    @Test
    void everySinkCreatesItsTableInItsOwnEnginesTypes(Lab lab) throws Exception {
        Pipeline source = lab.pipeline("concurrent-start", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.MARIADB));
        source.source().recreateDatabase(source.database());
        StringBuilder create = new StringBuilder("create table " + Pipeline.SOURCE_TABLE + " (id int primary key");
        COLUMNS.forEach(c -> create.append(", ").append(c[0]).append(' ').append(c[1]));
        source.source().execute(source.database(), create.append(')').toString(), "insert into " + Pipeline.SOURCE_TABLE
                + " values (1, '2024-01-02 03:04:05.123456', 'n', 'b', 0.5, 12.34, '2024-02-29', 7, 8, TRUE, '{\"a\": 1}')");
        lab.deploySource(source);

        List<Pipeline> sinks = new ArrayList<>();
        for (int i = 0; i < SINKS_PER_ENGINE; i++) {
            for (DatabaseKind target : List.of(DatabaseKind.MARIADB, DatabaseKind.POSTGRES)) {
                Pipeline sink = lab.pipeline("concurrent-" + i + "-to-" + target.id(), source.source(), lab.target(target))
                        .withSinkConfig(Map.of("topics", source.topic()));
                sink.target().recreateDatabase(sink.database());
                sinks.add(sink);
            }
        }
        ExecutorService starts = Executors.newFixedThreadPool(sinks.size());
        try {
            List<Future<?>> created = new ArrayList<>();
            for (Pipeline sink : sinks) {
                created.add(starts.submit(() -> lab.rest().createConnector(sink.sinkConnectorJson(lab.cluster().bootstrapServers()))));
            }
            for (Future<?> f : created) {
                f.get();
            }
            for (Pipeline sink : sinks) {
                lab.rest().awaitRunning(sink.sinkConnector(), Lab.CONNECTOR_START_TIMEOUT);
            }
            for (Pipeline sink : sinks) {
                Poll.until(Duration.ofSeconds(90), () -> sink.targetRowCount() == 1
                        || lab.rest().status(sink.sinkConnector()).toString().contains("FAILED"));
                assertEquals(1, sink.targetRowCount(), sink.sinkConnector() + ": " + lab.rest().status(sink.sinkConnector()));
            }
            Map<String, Map<String, String>> wrong = new TreeMap<>();
            for (Pipeline sink : sinks) {
                Map<String, String> expected = new LinkedHashMap<>();
                COLUMNS.forEach(c -> expected.put(c[0], sink.target().kind() == DatabaseKind.MARIADB ? c[2] : c[3]));
                Map<String, String> actual = columnTypes(sink.target(), sink.database());
                actual.remove("id");
                if (!expected.equals(actual)) {
                    wrong.put(sink.sinkConnector(), actual);
                }
            }
            assertEquals(Map.of(), wrong, "tables created in another engine's types");
        } finally {
            starts.shutdownNow();
            for (Pipeline sink : sinks) {
                lab.rest().deleteConnector(sink.sinkConnector());
            }
            lab.rest().deleteConnector(source.sourceConnector());
        }
    }

    /** Column name -> data_type as the target's information_schema reports it. */
    static Map<String, String> columnTypes(DatabaseServer server, String database) throws SQLException {
        String schema = server.kind() == DatabaseKind.MARIADB ? database : "public";
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = server.connect(database); PreparedStatement s = c.prepareStatement(
                "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ? "
                        + "order by ordinal_position")) {
            s.setString(1, schema);
            s.setString(2, Pipeline.TARGET_TABLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }
}
