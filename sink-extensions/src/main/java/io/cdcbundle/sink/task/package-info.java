/**
 * The task of ValidatedJdbcSinkConnector: Debezium's JDBC sink task, held and started with cdc-bundle's settings
 * (see {@link io.cdcbundle.sink.task.DialectWiring}, the one place that says how it reaches our dialect), plus the
 * work around each {@code put}: delete/tombstone pairs merged, unreadable headers dropped, arrays written as JSON
 * where the target has none, writing overlapped with conversion, and a lost target connection ridden out.
 */
package io.cdcbundle.sink.task;
