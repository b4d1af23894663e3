package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every fault test asks of its comparison once the load ran. */
final class LoadAssertions {

    private LoadAssertions() {
    }

    /** The target equals the source, and the load wrote more than half of its {@code rows} (so it really ran). */
    static void assertEqualAfterLoad(TableComparator.Comparison comparison, int rows) {
        assertTrue(comparison.equal(), comparison.toString());
        assertTrue(comparison.sourceRows() > rows / 2, "the load ran: " + comparison);
    }
}
