package io.cdcbundle.checker;

/** The checker's figures over JMX, one bean per task. */
public interface CheckerMetricsMBean {

    long getRowsChecked();

    long getChunksDiffering();

    long getDifferencesReported();

    long getRowsRepaired();

    int getPendingRechecks();

    long getLastFullPassEpochMs();

    long getLastFullPassDurationMs();

    long getLagAllowanceMs();
}
