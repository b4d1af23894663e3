package io.cdcbundle.lab;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing is lost: under a sustained mix of inserts, updates and deletes, a part of the pipeline fails and comes
 * back, and the target must end equal to the source (row counts, checksum, no differing key). The short variants
 * of FaultScenarios; lab/run.sh soak runs the long ones.
 */
@ExtendWith(LabExtension.class)
class FaultToleranceTest {

    private static final int ROWS = 12_000;

    private static FaultScenarios scenarios(Lab lab) {
        return new FaultScenarios(lab, ROWS, Duration.ofSeconds(10));
    }

    private static void assertEqualAfterLoad(TableComparator.Comparison comparison) {
        LoadAssertions.assertEqualAfterLoad(comparison, ROWS);
    }

    @Test
    void theConnectWorkerStopsMidLoadAndAnotherTakesOver(Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).workerRestart());
    }

    @Test
    void aTwoWorkerClusterLosesTheWorkerRunningTheSource(Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).workerLoss());
    }

    @Test
    void theTargetDatabaseIsDownForAWhileMidLoad(Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).targetOutage());
    }

    @Test
    void theSourceDatabaseRestartsBetweenTwoHalvesOfTheLoad(Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).sourceRestart());
    }

    @Test
    void theKafkaBrokerRestartsMidLoad(Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).brokerRestart());
    }
}
