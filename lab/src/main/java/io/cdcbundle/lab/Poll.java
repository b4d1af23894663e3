package io.cdcbundle.lab;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a pipeline to get somewhere: a condition checked every 100 ms until it holds or the time is up. */
public final class Poll {

    private Poll() {
    }

    /** True as soon as {@code condition} holds; false if it still does not after {@code timeout}. */
    public static boolean until(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.call();
    }
}
