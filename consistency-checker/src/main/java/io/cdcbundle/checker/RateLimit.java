package io.cdcbundle.checker;

/** At most a given number of rows a second, on average since the task started; 0 = no limit. */
final class RateLimit {

    private final int rowsPerSecond;
    private final long startedAt = System.nanoTime();
    private long rows;

    RateLimit(int rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    void pace(long moreRows) throws InterruptedException {
        if (rowsPerSecond <= 0 || moreRows <= 0) {
            return;
        }
        rows += moreRows;
        long dueNanos = rows * 1_000_000_000L / rowsPerSecond;
        long aheadMs = (dueNanos - (System.nanoTime() - startedAt)) / 1_000_000;
        if (aheadMs > 0) {
            Thread.sleep(aheadMs);
        }
    }
}
