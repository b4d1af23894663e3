package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A source's position is saved only when Connect commits an offset, and Connect commits only for records the source
 * produced. While the captured tables are quiet and other tables of the server change, the saved position stays
 * behind: a PostgreSQL replication slot then keeps all WAL written since (the server cannot recycle it; the disk
 * fills), and a restarted MariaDB/MySQL source reads all binlog written since (and cannot start once the server has
 * purged it). Heartbeats produce records, as docker/ ships them; these tests measure what each setting does.
 */
@ExtendWith(LabExtension.class)
class QuietSourceTableTest {

    /** How long a position that should not move is watched; one that should gets up to a minute. */
    private static final Duration WATCH = Duration.ofSeconds(15);
    private static final Duration MOVE = Duration.ofSeconds(60);
    private static final Path DOCKER = Path.of(Lab.buildInfo().get("repository.root")).resolve("docker");

    /**
     * {@code heartbeat.interval.ms} alone did not move the slot (likely because PostgreSQL 15's pgoutput skips
     * transactions that touch no published table); with {@code heartbeat.action.query} writing to a table in the
     * publication the source sees a change at each heartbeat, and the heartbeat's committed offset moves the slot.
     */
    @ParameterizedTest(name = "heartbeats: {0}")
    @ValueSource(strings = {"interval and action query", "interval only", "none"})
    void aPostgresSlotMovesPastOtherTablesWritesOnlyWithAHeartbeatActionQuery(String heartbeats, Lab lab)
            throws Exception {
        boolean interval = !heartbeats.equals("none");
        boolean query = heartbeats.contains("query");
        Map<String, String> source = new HashMap<>();
        source.put("heartbeat.interval.ms", interval ? "1000" : null);
        source.put("heartbeat.action.query", query ? shipped("postgres-source.json", "heartbeat.action.query") : null);
        Pipeline p = lab.pipeline("slot-" + (query ? "query" : interval ? "interval" : "none"),
                lab.source(DatabaseKind.POSTGRES), lab.target(DatabaseKind.MARIADB)).withSourceConfig(source);
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        // docker/'s init SQL: source_table, and the heartbeat table in the publication.
        for (String statement : Files.readString(DOCKER.resolve("db/postgres-init.sql")).replaceAll("(?m)^--.*$", "")
                .split(";")) {
            if (!statement.isBlank()) {
                p.source().execute(p.database(), statement);
            }
        }
        p.source().execute(p.database(), "create table busy_table (id serial primary key, payload text)");
        lab.deploy(p);
        try {
            p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " (name) values ('a')");
            PipelineBenchmark.awaitCount(p.target(), p.database(), 1, Duration.ofSeconds(60));
            p.source().execute(p.database(), "insert into busy_table (payload) select repeat('x', 500) "
                    + "from generate_series(1, 20000)");
            String written = query(p.source(), p.database(), "select pg_current_wal_lsn()::text");
            String slot = "from pg_replication_slots where slot_name = '" + p.prefix() + "_slot'";

            Callable<Boolean> slotPast = () -> "t".equals(query(p.source(), p.database(),
                    "select confirmed_flush_lsn >= '" + written + "'::pg_lsn " + slot));
            boolean moved = Poll.until(query ? MOVE : WATCH, slotPast);
            assertEquals(query, moved, "heartbeats: " + heartbeats + "; slot confirmed "
                    + query(p.source(), p.database(), "select confirmed_flush_lsn::text " + slot) + ", WAL at " + written);
            if (!moved) {
                // Alive, not stuck: changes to the captured table move the slot. (One change alone did not within a
                // minute: Debezium 3.5 flushes a committed LSN to the slot when it processes the next event.)
                assertTrue(Poll.until(MOVE, () -> {
                    p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " (name) values ('b')");
                    return slotPast.call();
                }), "captured changes moved the slot");
            }
        } finally {
            lab.undeploy(p);
        }
    }

    @ParameterizedTest(name = "heartbeats: {0}")
    @ValueSource(booleans = {true, false})
    void aBinlogOffsetMovesPastOtherDatabasesWritesOnlyWithHeartbeats(boolean heartbeats, Lab lab) throws Exception {
        Map<String, String> source = new HashMap<>();
        source.put("heartbeat.interval.ms", heartbeats ? "1000" : null);
        Pipeline p = lab.pipeline("binlog-" + (heartbeats ? "heartbeat" : "none"), lab.source(DatabaseKind.MARIADB),
                lab.target(DatabaseKind.POSTGRES)).withSourceConfig(source);
        String busy = p.database() + "_busy";
        p.source().recreateDatabase(p.database());
        p.source().recreateDatabase(busy);
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), "create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(10))");
        p.source().execute(busy, "create table busy_table (id int primary key, payload text)");
        lab.deploy(p);
        try {
            p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (1, 'a')");
            PipelineBenchmark.awaitCount(p.target(), p.database(), 1, Duration.ofSeconds(60));
            String before = binlogPosition(p.source(), busy);
            Callable<Boolean> offsetPast = () -> committedPosition(lab, p).compareTo(before) > 0;
            // A busy server keeps writing. One 20,000-row transaction followed by silence did not move the offset
            // in 15 s even with heartbeats, likely because the binlog source beats as it reads events.
            int[] next = {1};
            boolean moved = Poll.until(heartbeats ? MOVE : WATCH, () -> {
                p.source().execute(busy, "insert into busy_table select seq, repeat('x', 500) from seq_" + next[0]
                        + "_to_" + (next[0] + 99));
                next[0] += 100;
                return offsetPast.call();
            });
            assertEquals(heartbeats, moved, "heartbeats: " + heartbeats + "; committed "
                    + committedPosition(lab, p) + ", server at " + before + " before the other database's writes");
            if (!moved) {
                // Alive, not stuck: a change to the captured table moves the offset.
                p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (2, 'b')");
                assertTrue(Poll.until(MOVE, offsetPast), "a captured change moved the offset");
            }
        } finally {
            lab.undeploy(p);
        }
    }

    private static String shipped(String connectorFile, String property) throws Exception {
        JsonNode config = new ObjectMapper().readTree(Files.readString(DOCKER.resolve("connectors").resolve(connectorFile)))
                .path("config");
        return config.path(property).asText();
    }

    /** File and position, comparable as text (binlog file names are numbered with leading zeros). */
    private static String binlogPosition(DatabaseServer server, String database) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show master status")) {
            rs.next();
            return position(rs.getString("File"), rs.getLong("Position"));
        }
    }

    private static String committedPosition(Lab lab, Pipeline p) {
        JsonNode offset = lab.rest().offsets(p.sourceConnector()).path("offsets").path(0).path("offset");
        return position(offset.path("file").asText(), offset.path("pos").asLong());
    }

    private static String position(String file, long pos) {
        return file + "@" + String.format("%015d", pos);
    }

    private static String query(DatabaseServer server, String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
