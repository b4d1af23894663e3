/**
 * The {@code bundle.dialect.*} options (names, defaults, limits, and the Hibernate settings that carry them into
 * Debezium's task), the running Debezium line and cdc-bundle's version. A leaf: it names none of its consumers.
 * Only {@link io.cdcbundle.sink.settings.DialectConfig} needs Kafka's jars.
 */
package io.cdcbundle.sink.settings;
