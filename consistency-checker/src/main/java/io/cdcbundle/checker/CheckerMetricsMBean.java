package io.cdcbundle.checker;

/** The checker's figures over JMX, one bean per task. */
public interface CheckerMetricsMBean {

    long getRowsChecked();

    long getChunksDiffering();

    long getDifferencesReported();

    int getPendingRechecks();

    long getLastFullPassEpochMs();

    long getLastFullPassDurationMs();

    long getLagAllowanceMs();
}
