/**
 * The task of ValidatedJdbcSinkConnector, and how it gets Debezium's JDBC sink to write through cdc-bundle's dialect
 * without changing a line of Debezium. The wiring, in the order it happens:
 * <ol>
 *   <li>{@link io.cdcbundle.sink.dialect.SafeJdbcSinkTask} is the connector's task. It checks the running Debezium
 *       line ({@link io.cdcbundle.sink.dialect.DebeziumLine}): before 3.5 it runs Debezium's task as it is.</li>
 *   <li>{@link io.cdcbundle.sink.dialect.DialectSettings#apply} turns our {@code bundle.dialect.*} options into
 *       settings Debezium passes through untouched: Hibernate properties {@code hibernate.cdcbundle.*} (read back by
 *       our provider and connection provider from the session factory), c3p0 defaults {@code hibernate.c3p0.*}, and
 *       {@code connection.provider} = {@link io.cdcbundle.sink.dialect.MultiRowConnectionProvider}, Debezium's own
 *       c3p0 pool whose connections prepare multi-row statements and pass each commit through the
 *       {@link io.cdcbundle.sink.dialect.WriteFence}.</li>
 *   <li>The task starts Debezium's {@code JdbcSinkConnectorTask} with that configuration and, as the thread's context
 *       class loader, a {@link io.cdcbundle.sink.dialect.DialectFirstClassLoader}: Debezium finds its dialect with a
 *       ServiceLoader over that loader (the first provider that supports the Hibernate dialect wins), and ours is
 *       listed first, under a resource name Debezium's own connector never reads.</li>
 *   <li>{@link io.cdcbundle.sink.dialect.SafeDialectProvider} builds Debezium's stock dialect for the target from a
 *       {@link io.cdcbundle.sink.dialect.TaskOwnDialectClassLoader} (Debezium's type singletons remember the last
 *       dialect that configured them, so each task needs its own copies), and wraps it in
 *       {@link io.cdcbundle.sink.dialect.SafeDatabaseDialect}: key predicates required, values bound faithfully
 *       ({@link io.cdcbundle.sink.dialect.ValueBindings}), created column types corrected
 *       ({@link io.cdcbundle.sink.dialect.CreatedColumnTypes}), table descriptions kept
 *       ({@link io.cdcbundle.sink.dialect.TableMetadataCache}), placeholders guarded
 *       ({@link io.cdcbundle.sink.dialect.UnavailableValueGuard}).</li>
 *   <li>Around Debezium's {@code put}, the task merges delete/tombstone pairs, drops headers the converter cannot
 *       describe, writes arrays as JSON where the target has none, overlaps writing with conversion, and on a lost
 *       connection starts a new Debezium task and has Connect deliver the batch again
 *       ({@link io.cdcbundle.sink.dialect.PendingRewind}, {@link io.cdcbundle.sink.dialect.TargetOutage}).</li>
 * </ol>
 * The statement rewrites recognise the SQL shapes Debezium 3.5 writes; another shape is left as Debezium wrote it and
 * reported once ({@link io.cdcbundle.sink.dialect.UnrecognisedStatements}).
 */
package io.cdcbundle.sink.dialect;
