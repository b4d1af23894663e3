package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's scenario through real pipelines: Debezium source connector on a private MariaDB or PostgreSQL, a
 * real broker, the Debezium JDBC sink on a second private server. The target must hold exactly the seed's rows.
 */
@ExtendWith(LabExtension.class)
class SeedScenarioPipelineTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, MARIADB", "POSTGRES, POSTGRES", "MARIADB, POSTGRES", "POSTGRES, MARIADB"})
    void targetHoldsExactlyTheSourceRowsAfterInsertUpdateDelete(DatabaseKind source, DatabaseKind target, Lab lab)
            throws Exception {
        assertSeedScenarioReplicates(lab, lab.pipeline(source, target));
    }

    /** Deploys the pipeline, runs the seed's statements on its source and compares both ends. */
    static void assertSeedScenarioReplicates(Lab lab, Pipeline pipeline) throws Exception {
        SeedScenario.prepare(pipeline);
        lab.deploy(pipeline);
        try {
            SeedScenario.run(pipeline);

            List<SeedScenario.Row> targetRows = SeedScenario.awaitRows(pipeline.target(), pipeline.database(),
                    Pipeline.TARGET_TABLE, SeedScenario.EXPECTED, Duration.ofSeconds(60));
            assertEquals(SeedScenario.EXPECTED, targetRows, "target_table of " + pipeline.name());
            assertEquals(SeedScenario.rows(pipeline.source(), pipeline.database(), Pipeline.SOURCE_TABLE), targetRows,
                    "source and target differ");
        } finally {
            lab.undeploy(pipeline);
        }
    }
}
