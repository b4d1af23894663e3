/**
 * cdc-bundle's dialect for Debezium's JDBC sink: {@link io.cdcbundle.sink.dialect.SafeDatabaseDialect} around
 * Debezium's stock dialect for MariaDB, MySQL and PostgreSQL targets (key predicates required, values bound
 * faithfully, created column types corrected, table descriptions kept, placeholders guarded), and the provider
 * through which Debezium finds it. SQL generation only; how the task reaches it is
 * {@code io.cdcbundle.sink.task.DialectWiring}.
 */
package io.cdcbundle.sink.dialect;
