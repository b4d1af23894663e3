package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PostgreSQL source confirms WAL to its replication slot only when Connect commits an offset, and Connect commits
 * only for records the source produced. While the captured tables are quiet and other tables are busy, the slot
 * holds on to all WAL written since (the server cannot recycle it; the disk fills). {@code heartbeat.interval.ms}
 * alone did not help here (PostgreSQL 15's pgoutput skips transactions that touch no published table): with
 * {@code heartbeat.action.query} writing to a table in the publication, as docker/ ships it, the source sees a change
 * at each heartbeat, and the heartbeat record's committed offset lets the slot move on.
 */
@ExtendWith(LabExtension.class)
class ReplicationSlotTest {

    @ParameterizedTest(name = "heartbeats: {0}")
    @ValueSource(strings = {"interval and action query", "interval only", "none"})
    void aQuietCapturedTableLetsTheSlotAdvanceOnlyWithAHeartbeatActionQuery(String heartbeats, Lab lab) throws Exception {
        boolean interval = !heartbeats.equals("none");
        boolean query = heartbeats.contains("query");
        // What docker/ ships: its init SQL (the heartbeat table in the publication) and its heartbeat settings,
        // with a 1 s interval instead of 10 s to keep the test short.
        Path docker = Path.of(Lab.buildInfo().get("repository.root")).resolve("docker");
        JsonNode shipped = new ObjectMapper().readTree(Files.readString(docker.resolve("connectors/postgres-source.json")))
                .path("config");
        Map<String, String> source = new HashMap<>();
        source.put("heartbeat.interval.ms", interval ? "1000" : null);
        source.put("heartbeat.action.query", query ? shipped.path("heartbeat.action.query").asText() : null);
        Pipeline p = lab.pipeline("slot-" + (query ? "query" : interval ? "interval" : "none"), lab.source(DatabaseKind.POSTGRES),
                lab.target(DatabaseKind.MARIADB)).withSourceConfig(source);
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        for (String statement : Files.readString(docker.resolve("db/postgres-init.sql")).replaceAll("(?m)^--.*$", "")
                .split(";")) {
            if (!statement.isBlank()) {
                p.source().execute(p.database(), statement);
            }
        }
        p.source().execute(p.database(), "create table busy_table (id serial primary key, payload text)");
        lab.deploy(p);
        try {
            p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " (name) values ('a')");
            PipelineBenchmark.awaitCount(p.target(), p.database(), 1, java.time.Duration.ofSeconds(60));
            p.source().execute(p.database(), "insert into busy_table (payload) select repeat('x', 500) "
                    + "from generate_series(1, 20000)");
            String written = query(p, "select pg_current_wal_lsn()::text");

            String slot = p.prefix() + "_slot";
            String confirmedPast = "select confirmed_flush_lsn >= '" + written + "'::pg_lsn from pg_replication_slots "
                    + "where slot_name = '" + slot + "'";
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
            boolean advanced = false;
            while (!advanced && System.nanoTime() < deadline) {
                advanced = "t".equals(query(p, confirmedPast));
                Thread.sleep(250);
            }
            String state = query(p, "select confirmed_flush_lsn::text || ' confirmed, ' || '" + written + "' || "
                    + "' written' from pg_replication_slots where slot_name = '" + slot + "'");
            assertTrue(advanced == query, "heartbeats: " + heartbeats + ": " + state);
        } finally {
            lab.undeploy(p);
        }
    }

    private static String query(Pipeline p, String sql) throws SQLException {
        try (Connection c = p.source().connect(p.database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
