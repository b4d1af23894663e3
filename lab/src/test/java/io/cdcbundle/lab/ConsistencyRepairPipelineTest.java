package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcbundle.lab.db.DatabaseKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Repair through the pipeline: the checker reports the rows changed behind the sink's back, asks Debezium's source
 * for an incremental snapshot of just those keys (a row in the source's signal table), deletes the rows only the
 * target has, and reports each as repaired once it is equal; the next pass then finds the tables equal.
 */
@ExtendWith(LabExtension.class)
class ConsistencyRepairPipelineTest {

    private static final String SIGNAL_TABLE = "debezium_signal";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void reportedRowsAreSnapshottedAgainAndTheNextPassFindsTheTablesEqual(DatabaseKind from, DatabaseKind to, Lab lab)
            throws Exception {
        boolean pgSource = from == DatabaseKind.POSTGRES;
        Pipeline base = lab.pipeline("repair-" + from.id() + "-" + to.id(), lab.source(from), lab.target(to));
        String signal = base.sourceCollection(SIGNAL_TABLE);
        Pipeline p = base.withSourceConfig(pgSource
                ? Map.of("signal.data.collection", signal, "table.include.list", "public." + Pipeline.SOURCE_TABLE + "," + signal)
                : Map.of("signal.data.collection", signal));
        p.source().recreateDatabase(p.database());
        p.target().recreateDatabase(p.database());
        p.source().execute(p.database(), ConsistencyCheckerPipelineTest.createTable(from, false),
                "create table " + SIGNAL_TABLE + " (id varchar(42) primary key, type varchar(32) not null, "
                        + "data varchar(2048) null)");
        List<String> inserts = new ArrayList<>();
        for (int i = 1; i <= ConsistencyCheckerPipelineTest.ROWS; i++) {
            inserts.add(ConsistencyCheckerPipelineTest.insert(from, i, false));
        }
        p.source().execute(p.database(), inserts.toArray(new String[0]));
        lab.deploy(p);
        String checker = p.name() + "-checker";
        String topic = p.prefix() + ".consistency";
        try {
            PipelineBenchmark.awaitCount(p.target(), p.database(), ConsistencyCheckerPipelineTest.ROWS, Duration.ofSeconds(90));
            ConsistencyCheckerPipelineTest.inject(p.target(), p.database(), to, false);
            lab.deployConnector(ConsistencyCheckerPipelineTest.checkerJson(checker, topic, p, Map.of(
                    "repair.enabled", "true",
                    "repair.signal.table", signal,
                    "repair.delete.extra", "true",
                    "recheck.attempts", "10",
                    "pass.interval.ms", "2000")), checker);

            Set<String> reported = new TreeSet<>();
            Set<String> repaired = new TreeSet<>();
            List<String> failed = new ArrayList<>();
            JsonNode secondPass = null;
            JsonNode thirdPass = null;
            try (KafkaConsumer<byte[], byte[]> consumer = ConsistencyCheckerPipelineTest.findings(lab, topic)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                while (thirdPass == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode f = ConsistencyCheckerPipelineTest.JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
                        String kind = f.path("kind").asText();
                        String key = f.path("key").size() == 0 ? "" : f.path("key").get(0).asText();
                        switch (kind) {
                            case "missing", "extra", "changed" -> reported.add(key);
                            case "repaired" -> repaired.add(key);
                            case "repair_failed", "unsettled" -> failed.add(f.toString());
                            case "pass" -> {
                                if (f.path("pass").asInt() == 2) {
                                    secondPass = f;
                                } else if (f.path("pass").asInt() >= 3) {
                                    thirdPass = f;
                                }
                            }
                            default -> {
                            }
                        }
                    }
                }
            }
            Set<String> injected = new TreeSet<>();
            ConsistencyCheckerPipelineTest.CHANGED.values().forEach(id -> injected.add(String.valueOf(id)));
            ConsistencyCheckerPipelineTest.DELETED.forEach(id -> injected.add(String.valueOf(id)));
            ConsistencyCheckerPipelineTest.ADDED.forEach(id -> injected.add(String.valueOf(id)));
            assertEquals(List.of(), failed);
            assertEquals(injected, reported);
            assertEquals(injected, repaired, "each reported row repaired");
            assertTrue(secondPass != null, "no second pass within the time");
            assertEquals(0, secondPass.path("differences").asInt(), "the pass after the repairs: " + secondPass);
            assertEquals(ConsistencyCheckerPipelineTest.ROWS, p.targetRowCount());
            // Tables now equal and at rest: every range's digests agree across the engines, long notes included, so
            // no range is read row by row.
            assertTrue(thirdPass != null, "no third pass within the time");
            assertTrue(thirdPass.path("detail").asText().startsWith("0 of "), thirdPass.toString());
        } finally {
            lab.rest().deleteConnector(checker);
            lab.undeploy(p);
        }
    }
}
