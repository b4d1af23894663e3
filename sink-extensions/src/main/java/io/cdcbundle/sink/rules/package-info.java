/**
 * What a Debezium JDBC sink configuration may say: the checks shared by ValidatedJdbcSinkConnector (at Connect's
 * REST API) and the linter (over files, on the command line). Plain Java: runs without Kafka's or Debezium's jars.
 */
package io.cdcbundle.sink.rules;
