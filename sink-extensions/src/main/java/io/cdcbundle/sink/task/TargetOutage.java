package io.cdcbundle.sink.task;

import java.time.Duration;
import java.time.Instant;

/**
 * The time a sink task has been unable to reach its target, and when it tries next: backoff from half a second,
 * doubling up to ten seconds, for at most the configured budget ({@value DialectOptions#RETRY_TIMEOUT}).
 */
final class TargetOutage {

    static final long FIRST_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 10_000;

    private final long budgetMs;
    private final java.util.function.LongSupplier clock;
    private volatile long startedAt = -1; // read by a metric on another thread
    private int attempts;

    TargetOutage(long budgetMs, java.util.function.LongSupplier clock) {
        this.budgetMs = budgetMs;
        this.clock = clock;
    }

    /** Records a failed attempt; returns how long to wait before the next, or -1 when the budget is spent. */
    long failed() {
        long now = clock.getAsLong();
        if (startedAt < 0) {
            startedAt = now;
        }
        attempts++;
        if (now - startedAt >= budgetMs) {
            return -1;
        }
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempts - 1, 20));
        return Math.min(backoff, Math.max(1, budgetMs - (now - startedAt)));
    }

    void over() {
        startedAt = -1;
        attempts = 0;
    }

    boolean ongoing() {
        return startedAt >= 0;
    }

    int attempts() {
        return attempts;
    }

    Duration elapsed() {
        long started = startedAt;
        return Duration.ofMillis(started < 0 ? 0 : clock.getAsLong() - started);
    }

    /** The JDBC URL without what may carry credentials (user info, query parameters). */
    static String targetName(String url) {
        if (url == null) {
            return "the target";
        }
        String name = url.trim();
        int query = name.indexOf('?');
        name = query < 0 ? name : name.substring(0, query);
        return name.replaceFirst("//[^/@]*@", "//");
    }

    static String at(long delayMs) {
        return Instant.now().plusMillis(delayMs).toString();
    }
}
