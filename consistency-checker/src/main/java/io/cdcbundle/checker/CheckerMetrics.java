package io.cdcbundle.checker;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows checked, chunks that held a difference, differences reported, suspects waiting, and the last full pass,
 * registered as {@code io.cdcbundle.checker:type=consistency-check,connector=<name>,task=<id>}.
 */
final class CheckerMetrics implements CheckerMetricsMBean {

    private static final Logger log = LoggerFactory.getLogger(CheckerMetrics.class);

    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong chunksDiffering = new AtomicLong();
    private final AtomicLong reported = new AtomicLong();
    private final AtomicLong repaired = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong lastPassAt = new AtomicLong();
    private final AtomicLong lastPassMs = new AtomicLong(-1);
    private final long lagAllowanceMs;
    private ObjectName name;

    CheckerMetrics(long lagAllowanceMs) {
        this.lagAllowanceMs = lagAllowanceMs;
    }

    void register(String connector, String task) {
        try {
            name = new ObjectName("io.cdcbundle.checker:type=consistency-check,connector="
                    + ObjectName.quote(connector) + ",task=" + ObjectName.quote(task));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (JMException e) {
            log.warn("The consistency checker's metrics could not be registered over JMX: {}", e.getMessage());
            name = null;
        }
    }

    void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                // already gone
            }
        }
    }

    void checked(int rowCount, boolean differing) {
        rows.addAndGet(rowCount);
        if (differing) {
            chunksDiffering.incrementAndGet();
        }
    }

    void reported() {
        reported.incrementAndGet();
    }

    void repaired() {
        repaired.incrementAndGet();
    }

    void pending(int count) {
        pending.set(count);
    }

    void passFinished(long durationMs, long at) {
        lastPassAt.set(at);
        lastPassMs.set(durationMs);
    }

    @Override
    public long getRowsChecked() {
        return rows.get();
    }

    @Override
    public long getChunksDiffering() {
        return chunksDiffering.get();
    }

    @Override
    public long getDifferencesReported() {
        return reported.get();
    }

    @Override
    public long getRowsRepaired() {
        return repaired.get();
    }

    @Override
    public int getPendingRechecks() {
        return pending.get();
    }

    @Override
    public long getLastFullPassEpochMs() {
        return lastPassAt.get();
    }

    @Override
    public long getLastFullPassDurationMs() {
        return lastPassMs.get();
    }

    @Override
    public long getLagAllowanceMs() {
        return lagAllowanceMs;
    }
}
