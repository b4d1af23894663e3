package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sink rides out its target's failures without an operator (issue #21): the target killed and started again,
 * its connections killed, each mid-load, on both target engines, with the default and the fast preset. Nobody
 * restarts a task; the target must end equal to the source. Past the retry budget the task fails, naming the target,
 * and a restart resumes with nothing lost.
 */
@ExtendWith(LabExtension.class)
class TargetRecoveryTest {

    private static final int ROWS = 6_000;

    private static FaultScenarios scenarios(Lab lab) {
        return new FaultScenarios(lab, ROWS, Duration.ofSeconds(10));
    }

    private static void assertEqualAfterLoad(TableComparator.Comparison comparison) {
        LoadAssertions.assertEqualAfterLoad(comparison, ROWS);
    }

    @ParameterizedTest(name = "{0}, {1} preset")
    @CsvSource({"POSTGRES, DEFAULT", "MARIADB, DEFAULT", "POSTGRES, FAST", "MARIADB, FAST"})
    void theTargetIsKilledAndComesBack(DatabaseKind target, Preset preset, Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).targetKilled(target, preset));
    }

    @ParameterizedTest(name = "{0}, {1} preset")
    @CsvSource({"POSTGRES, DEFAULT", "MARIADB, DEFAULT", "POSTGRES, FAST", "MARIADB, FAST"})
    void theSinksConnectionsAreKilled(DatabaseKind target, Preset preset, Lab lab) throws Exception {
        assertEqualAfterLoad(scenarios(lab).targetConnectionsKilled(target, preset));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRES", "MARIADB"})
    void pastTheRetryBudgetTheTaskFailsSayingWhyAndARestartResumes(DatabaseKind target, Lab lab) throws Exception {
        Map.Entry<String, TableComparator.Comparison> outcome = scenarios(lab).targetDownPastRetryBudget(target,
                Duration.ofSeconds(5));
        String trace = outcome.getKey();
        assertTrue(trace.contains("cdc-bundle sink gave up on jdbc:") && trace.contains("bundle.dialect.retry.timeout.ms = 5000"),
                trace.lines().limit(3).toList().toString());
        assertEqualAfterLoad(outcome.getValue());
        double outageSeen = Double.parseDouble(trace.lines().findFirst().orElseThrow().replace("target-outage-seconds max=", ""));
        assertTrue(outageSeen > 0, "the task's target-outage-seconds metric showed the outage: " + outageSeen);
        assertEquals(-1, trace.indexOf(lab.target(target).password()), "no password in the trace");
    }
}
