/**
 * JDBC-level machinery under Debezium's Hibernate session: the connection provider whose connections turn Debezium's
 * single-row INSERT/upsert batches into multi-row statements, the write fence against replaced task instances, and
 * the SQL scanning both rely on. Knows neither the task nor the dialect.
 */
package io.cdcbundle.sink.jdbc;
