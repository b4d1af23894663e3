package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TargetOutageTest {

    @Test
    void backoffDoublesUpToTenSecondsAndEndsWithTheBudget() {
        AtomicLong now = new AtomicLong(1_000);
        TargetOutage outage = new TargetOutage(30_000, now::get);
        assertFalse(outage.ongoing());
        assertEquals(500, outage.failed());
        now.addAndGet(500);
        assertEquals(1_000, outage.failed());
        now.addAndGet(1_000);
        assertEquals(2_000, outage.failed());
        now.addAndGet(2_000);
        assertEquals(4_000, outage.failed());
        now.addAndGet(4_000);
        assertEquals(8_000, outage.failed());
        now.addAndGet(8_000);
        assertEquals(10_000, outage.failed());
        now.addAndGet(10_000);
        assertEquals(4_500, outage.failed(), "never past the budget");
        now.addAndGet(4_500);
        assertEquals(-1, outage.failed());
        assertTrue(outage.ongoing());
        assertEquals(8, outage.attempts());
        outage.over();
        assertFalse(outage.ongoing());
        assertEquals(500, outage.failed(), "a new outage starts over");
    }

    @Test
    void aBudgetOfZeroGivesUpAtOnce() {
        assertEquals(-1, new TargetOutage(0, () -> 5).failed());
    }

    @Test
    void theTargetIsNamedWithoutCredentials() {
        assertEquals("jdbc:postgresql://db:5432/app", TargetOutage.targetName("jdbc:postgresql://db:5432/app?password=secret"));
        assertEquals("jdbc:mariadb://db:3306/app", TargetOutage.targetName("jdbc:mariadb://user:pw@db:3306/app"));
        assertEquals("the target", TargetOutage.targetName(null));
    }
}
