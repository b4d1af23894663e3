package io.cdcbundle.sink.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdcbundle.sink.rules.ConverterRules;
import io.cdcbundle.sink.rules.Finding;
import io.cdcbundle.sink.settings.DebeziumLine;


/** What the linter checks in a Debezium source connector's configuration. */
final class SourceRules {

    static final String HEARTBEAT_QUERY_EXAMPLE = "INSERT INTO public.cdc_heartbeat (id, beat) VALUES (1, now()) "
            + "ON CONFLICT (id) DO UPDATE SET beat = EXCLUDED.beat";

    private SourceRules() {
    }

    static boolean isSource(String connectorClass) {
        return connectorClass != null && connectorClass.startsWith("io.debezium.connector.")
                && !connectorClass.startsWith("io.debezium.connector.jdbc.");
    }

    static boolean isPostgres(Map<String, String> config) {
        return String.valueOf(config.get("connector.class")).contains(".postgresql.");
    }

    /** MySQL and MariaDB: the connectors that read a binary log as a replication client. */
    static boolean isBinlog(Map<String, String> config) {
        String connectorClass = String.valueOf(config.get("connector.class"));
        return connectorClass.contains(".mysql.") || connectorClass.contains(".mariadb.");
    }

    static List<Finding> check(Map<String, String> config, DebeziumLine line) {
        List<Finding> findings = new ArrayList<>();
        String sslMode = config.get("database.ssl.mode");
        if (String.valueOf(config.get("connector.class")).contains(".mariadb.") && "disable".equals(sslMode)
                && !line.atLeast(3, 0)) {
            findings.add(new Finding(true, "database.ssl.mode", "is 'disable', which the MariaDB connector of Debezium "
                    + line + " refuses; write 'disabled' there"));
        }
        if (config.containsKey("database.server.name")) {
            findings.add(new Finding(true, "database.server.name", "was removed in Debezium 2.0 and is ignored; the topic "
                    + "names come from topic.prefix"));
        }
        String prefix = config.get("topic.prefix");
        if (prefix == null || prefix.isBlank()) {
            findings.add(new Finding(true, "topic.prefix", "is required: it names the connector's topics "
                    + "(<topic.prefix>.<db or schema>.<table>)"));
        } else if (prefix.contains(".")) {
            findings.add(new Finding(false, "topic.prefix", "'" + prefix + "' contains a dot, so every topic name gains a "
                    + "segment and tools that read <prefix>.<db>.<table> from it misread them; use '_' instead"));
        }
        ConverterRules.nullsKept(config).ifPresent(findings::add);
        findings.addAll(ConverterRules.settingsWithoutConverter(config));
        findings.addAll(ConverterRules.misspeltJsonOptions(config));
        if (isPostgres(config)) {
            findings.addAll(heartbeat(config));
            for (String key : config.keySet()) {
                if (key.startsWith("schema.history.internal.")) {
                    findings.add(new Finding(false, key, "is ignored: the PostgreSQL connector keeps no schema "
                            + "history (the stream carries the table structure); remove it"));
                }
            }
        } else if (isBinlog(config)) {
            if (!heartbeats(config)) {
                findings.add(new Finding(false, "heartbeat.interval.ms", "is not set (or not above 0): while the "
                        + "captured databases are quiet and others change, the committed binlog position stays behind "
                        + "(measured in the lab), so a restart reads all binlog written since, and fails if the server "
                        + "has purged it by then; set it, e.g. 10000"));
            }
            if ("1".equals(String.valueOf(config.get("database.server.id")).trim())) {
                findings.add(new Finding(false, "database.server.id", "is 1, the server_id MySQL and MariaDB servers "
                        + "themselves commonly have (the seed's do): a replication client must use an id no server and "
                        + "no other client uses, e.g. 5401"));
            }
            if (!"precise".equals(String.valueOf(config.get("bigint.unsigned.handling.mode")).trim())) {
                findings.add(new Finding(false, "bigint.unsigned.handling.mode", "is not 'precise': BIGINT UNSIGNED "
                        + "values above 9223372036854775807 then arrive as negative numbers (18446744073709551615 "
                        + "as -1, seen in the lab); set it to precise"));
            }
        }
        return findings;
    }

    private static boolean heartbeats(Map<String, String> config) {
        try {
            return Long.parseLong(String.valueOf(config.get("heartbeat.interval.ms")).trim()) > 0;
        } catch (NumberFormatException notSet) {
            return false;
        }
    }


    /**
     * The replication slot confirms WAL only when Connect commits an offset, i.e. after a record: measured in the lab
     * (QuietSourceTableTest, PostgreSQL 15), it stayed put under writes to uncaptured tables without heartbeats and
     * with heartbeat.interval.ms alone, and moved with a heartbeat.action.query writing to a published table.
     */
    private static List<Finding> heartbeat(Map<String, String> config) {
        String query = config.get("heartbeat.action.query");
        String fix = "set heartbeat.interval.ms (e.g. 10000) and a heartbeat.action.query writing to a table in the "
                + "publication, e.g. " + HEARTBEAT_QUERY_EXAMPLE;
        if (!heartbeats(config)) {
            return List.of(new Finding(false, "heartbeat.interval.ms", "is not set (or not above 0): while the "
                    + "captured tables are quiet and other tables change, the replication slot keeps all WAL written "
                    + "since, and the server's disk can fill; " + fix));
        }
        if (query == null || query.isBlank()) {
            return List.of(new Finding(false, "heartbeat.action.query", "is not set: heartbeats alone did not move "
                    + "the replication slot past writes to uncaptured tables in the lab (PostgreSQL 15, likely because "
                    + "it skips transactions that touch no published table); " + fix));
        }
        return List.of();
    }
}
