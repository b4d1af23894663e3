package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a restarted source resumes decides what reaches the target. From any offset committed after the initial
 * snapshot it replays the changes since, deletes included. From an offset committed while the snapshot still ran it
 * takes the snapshot again, and a snapshot carries rows, never deletes: rows the old instance inserted into the
 * target and the source deleted meanwhile stay there. That is the likely cause of FaultToleranceTest's broker
 * restart failures (2 of 8 suites, 2026-11-26). In the failing run whose log was kept, the broker stopped within a
 * second of the snapshot, before Connect had committed the offset of the snapshot's last record; the restarted
 * source snapshotted 11,520 rows again, and 14 deleted rows stayed.
 *
 * <p>The restart is made deterministic: the source streams six inserts, stops, gets an offset written back (PATCH,
 * KIP-875) as if its later commits had never happened, and resumes after three rows were deleted at the source.
 * The stale rows are then repaired as docs/operations.md says: target table emptied, source offsets reset, a new snapshot.
 */
@ExtendWith(LabExtension.class)
class SnapshotWindowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "offset committed {0} the snapshot")
    @ValueSource(strings = {"after", "during"})
    void aRestartedSourceLosesNoDeleteOnlyFromAnOffsetPastTheSnapshot(String when, Lab lab) throws Exception {
        Pipeline p = lab.pipeline("snapwindow-" + when, lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.POSTGRES));
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), "create table " + Pipeline.SOURCE_TABLE + " (id int primary key, name varchar(10))");
        lab.deploy(p);
        try {
            JsonNode afterSnapshot = lab.awaitSourcePastSnapshot(p, lab.rest());
            JsonNode writtenBack = "after".equals(when) ? afterSnapshot : duringSnapshot(afterSnapshot);

            p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE
                    + " values (1,'a'),(2,'b'),(3,'c'),(4,'d'),(5,'e'),(6,'f')");
            PipelineBenchmark.awaitCount(p.target(), p.database(), 6, TIMEOUT);
            lab.rest().stop(p.sourceConnector(), TIMEOUT);
            lab.rest().alterOffsets(p.sourceConnector(), writtenBack);
            p.source().execute(p.database(), "delete from " + Pipeline.SOURCE_TABLE + " where id <= 3");
            lab.rest().resume(p.sourceConnector(), TIMEOUT);
            // Written after whatever the resumed source sends first: once row 7 is in, the rest has been applied.
            p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (7,'g')");
            awaitRow(p, 7);

            List<Integer> expected = "after".equals(when) ? List.of(4, 5, 6, 7) : List.of(1, 2, 3, 4, 5, 6, 7);
            assertEquals(expected, targetIds(p), "ids in the target after a restart from an offset committed " + when
                    + " the snapshot: " + writtenBack);
            // Our sink task says when a snapshot follows changes: the one sign of this the target side can see.
            assertEquals("after".equals(when) ? 0 : 1, repeatedSnapshotWarnings(p), "sink warnings of a snapshot "
                    + "taken again on " + p.topic() + " in " + System.getProperty("cdcbundle.lab.logFile"));

            if ("during".equals(when)) {
                // The way back in docs/operations.md: empty the target table, and let the source start over with a new snapshot.
                lab.rest().stop(p.sourceConnector(), TIMEOUT);
                p.target().execute(p.database(), "delete from " + Pipeline.TARGET_TABLE);
                lab.rest().resetOffsets(p.sourceConnector());
                lab.rest().resume(p.sourceConnector(), TIMEOUT);
                p.source().execute(p.database(), "insert into " + Pipeline.SOURCE_TABLE + " values (8,'h')");
                awaitRow(p, 8);
                assertEquals(List.of(4, 5, 6, 7, 8), targetIds(p), "ids in the target after it was emptied and the "
                        + "source took a new snapshot");
            }
        } finally {
            lab.undeploy(p);
        }
    }

    /** The offset as the failing broker-restart run had it: the snapshot's position, still marked as a snapshot. */
    private static JsonNode duringSnapshot(JsonNode afterSnapshot) {
        JsonNode copy = afterSnapshot.deepCopy();
        ObjectNode offset = (ObjectNode) copy.path("offsets").path(0).path("offset");
        assertTrue(offset.has("file") && offset.has("pos"), "a binlog offset: " + offset);
        offset.remove("ts_sec");
        offset.put("snapshot", "INITIAL");
        return copy;
    }

    private static long repeatedSnapshotWarnings(Pipeline p) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of(System.getProperty("cdcbundle.lab.logFile")))) {
            return lines.filter(l -> l.contains("WARN") && l.contains("Topic " + p.topic() + " partition ")
                    && l.contains("has taken its snapshot again")).count();
        }
    }

    private static void awaitRow(Pipeline p, int id) throws Exception {
        assertTrue(Poll.until(TIMEOUT, () -> targetIds(p).contains(id)),
                "row " + id + " never reached the target of " + p.sinkConnector());
    }

    private static List<Integer> targetIds(Pipeline p) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = p.target().connect(p.database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from " + Pipeline.TARGET_TABLE + " order by id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
