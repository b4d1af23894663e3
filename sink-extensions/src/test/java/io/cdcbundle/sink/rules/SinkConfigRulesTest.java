package io.cdcbundle.sink.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.debezium.connector.jdbc.JdbcSinkConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.cdcbundle.sink.ValidatedJdbcSinkConnector;
import io.cdcbundle.sink.settings.DebeziumLine;
import io.cdcbundle.sink.settings.DialectOptions;

/** Each rule of the catalogue both ways: the bad configuration is reported, its fix is accepted. */
public class SinkConfigRulesTest {

    private static final Set<String> SINK_NAMES = new JdbcSinkConnector().config().names();

    /** The seed's sink connector, corrected: accepted as it is. */
    public static Map<String, String> seedSink() {
        Map<String, String> c = new HashMap<>();
        c.put("name", "postgres-sink");
        c.put("connector.class", ValidatedJdbcSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", "pg.public.source_table");
        c.put("connection.url", "jdbc:postgresql://postgres-replica:5432/connect_test_db");
        c.put("connection.username", "postgres");
        c.put("connection.password", "${secrets:/run/secrets:postgres_password}");
        c.put("collection.name.format", "target_table");
        c.put("insert.mode", "upsert");
        c.put("delete.enabled", "true");
        c.put("primary.key.mode", "record_key");
        c.put("primary.key.fields", "id");
        c.put("schema.evolution", "basic");
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", "true");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "true");
        c.put("value.converter.replace.null.with.default", "false");
        return c;
    }

    private static List<Finding> check(Map<String, String> config, String version) {
        return SinkConfigRules.check(config, version, SINK_NAMES);
    }

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> c = seedSink();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                c.remove(keyValues[i]);
            } else {
                c.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return c;
    }

    @Test
    void theCorrectedSeedSinkIsAccepted() {
        assertEquals(List.of(), check(seedSink(), "3.5.0.Final"));
    }

    /**
     * @param bad      the configuration that must be reported
     * @param fixed    the same with the fix the message asks for, which must not be reported
     * @param error    error (refused) or warning (recommendation)
     * @param property the property the finding belongs to
     * @param says     part of the message
     */
    record Case(String name, Map<String, String> bad, Map<String, String> fixed, String version, boolean error,
                String property, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> catalogue() {
        String v35 = "3.5.0.Final";
        String v27 = "2.7.0.Final";
        return List.of(
                new Case("delete without key empties the table", with("primary.key.mode", null),
                        seedSink(), v35, true, "primary.key.mode", "DELETE without a WHERE clause"),
                new Case("delete with kafka key", with("primary.key.mode", "kafka"),
                        seedSink(), v35, true, "primary.key.mode", "primary.key.mode=record_key"),
                new Case("upsert without key", with("primary.key.mode", "none", "delete.enabled", "false"),
                        with("delete.enabled", "false"), v35, true, "primary.key.mode", "insert.mode=upsert"),
                new Case("record_value without fields", with("primary.key.mode", "record_value", "primary.key.fields", null,
                        "delete.enabled", "false"), with("primary.key.mode", "record_value", "delete.enabled", "false"),
                        v35, true, "primary.key.fields", "primary.key.fields=id"),
                new Case("insert mode typo", with("insert.mode", "upsrt"), seedSink(), v35, true, "insert.mode",
                        "did you mean 'upsert'?"),
                new Case("key mode with a dash", with("primary.key.mode", "record-key"), seedSink(), v35, true,
                        "primary.key.mode", "did you mean 'record_key'?"),
                new Case("schema evolution as a boolean", with("schema.evolution", "true"), seedSink(), v35, true,
                        "schema.evolution", "did you mean 'basic'?"),
                new Case("missing connection.url", with("connection.url", null), seedSink(), v35, true,
                        "connection.url", "is required"),
                new Case("not a JDBC URL", with("connection.url", "postgresql://h/db"), seedSink(), v35, true,
                        "connection.url", "starting with 'jdbc:'"),
                new Case("Confluent's auto.create", with("auto.create", "true"), seedSink(), v35, true, "auto.create",
                        "schema.evolution=basic"),
                new Case("Confluent's pk.mode", with("pk.mode", "record_key"), seedSink(), v35, true, "pk.mode",
                        "primary.key.mode"),
                new Case("misspelt property", with("delete.enabeld", "true"), seedSink(), v35, true, "delete.enabeld",
                        "did you mean 'delete.enabled'?"),
                new Case("unknown property", with("my.custom.flag", "x"), seedSink(), v35, false, "my.custom.flag",
                        "will be ignored"),
                new Case("old name on 3.x", with("collection.name.format", null, "table.name.format", "target_table"),
                        seedSink(), v35, false, "table.name.format", "write collection.name.format"),
                new Case("old and new names disagree", with("table.name.format", "other_table"), seedSink(), v35, true,
                        "table.name.format", "keep only collection.name.format"),
                new Case("3.x name on 2.7", seedSink(), with("collection.name.format", null, "table.name.format",
                        "target_table"), v27, true, "collection.name.format", "write table.name.format"),
                new Case("include and exclude lists", with("field.include.list", "t:a", "field.exclude.list", "t:b"),
                        with("field.include.list", "t:a"), v35, true, "field.exclude.list", "keep one of them"),
                new Case("invalid time zone", with("use.time.zone", "Seoul"), with("use.time.zone", "Asia/Seoul"), v35,
                        true, "use.time.zone", "not a time zone"),
                new Case("pool min above max", with("connection.pool.min_size", "10", "connection.pool.max_size", "5"),
                        with("connection.pool.min_size", "5", "connection.pool.max_size", "10"), v35, true,
                        "connection.pool.min_size", "above connection.pool.max_size=5"),
                new Case("batch capped by the consumer", with("batch.size", "5000"), with("batch.size", "5000",
                        "consumer.override.max.poll.records", "5000"), v35, false, "batch.size", "max.poll.records=500"),
                new Case("PostgreSQL batched upsert without reduction buffer",
                        with("dialect.postgres.unnest.insert.enabled", "true"),
                        with("dialect.postgres.unnest.insert.enabled", "true", "use.reduction.buffer", "true"), v35, false,
                        "use.reduction.buffer", "cannot affect row a second time"),
                new Case("our dialect switched by a non-boolean", with("bundle.dialect.enabled", "yes"),
                        with("bundle.dialect.enabled", "false"), v35, true, "bundle.dialect.enabled", "write true or false"),
                new Case("multi-row statements of no rows", with("bundle.dialect.multirow.max.rows", "0"),
                        with("bundle.dialect.multirow.max.rows", "500"), v35, true, "bundle.dialect.multirow.max.rows",
                        "from 1 (one statement per row) to 10000"),
                new Case("table metadata kept for minutes written as a duration", with("bundle.dialect.table.metadata.ttl.ms",
                        "5m"), with("bundle.dialect.table.metadata.ttl.ms", "300000"), v35, true,
                        "bundle.dialect.table.metadata.ttl.ms", "write milliseconds from 0"),
                new Case("overlapped writes switched by a non-boolean", with("bundle.dialect.overlap.enabled", "on"),
                        with("bundle.dialect.overlap.enabled", "true"), v35, true, "bundle.dialect.overlap.enabled",
                        "write true or false"),
                new Case("${source.*} after flattening", with("collection.name.format", "${source.table}",
                        "transforms", "flat", "transforms.flat.type", "io.cdcbundle.transforms.FlattenEnvelope"),
                        with("collection.name.format", "${topic}", "transforms", "route,flat",
                                "transforms.route.type", "io.cdcbundle.transforms.RouteByTable",
                                "transforms.flat.type", "io.cdcbundle.transforms.FlattenEnvelope"), v35, true,
                        "collection.name.format", "RouteByTable"),
                new Case("flattening that drops deletes", with("transforms", "flat", "transforms.flat.type",
                        "io.cdcbundle.transforms.FlattenEnvelope", "transforms.flat.delete.handling.mode", "rewrite"),
                        with("transforms", "flat", "transforms.flat.type", "io.cdcbundle.transforms.FlattenEnvelope"),
                        v35, false, "transforms.flat.type", "never deletes a row"),
                new Case("ExtractNewRecordState's old default drops deletes", with("transforms", "unwrap",
                        "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState", "collection.name.format",
                        null, "table.name.format", "target_table"), with("transforms", "unwrap", "transforms.unwrap.type",
                        "io.debezium.transforms.ExtractNewRecordState", "transforms.unwrap.delete.tombstone.handling.mode",
                        "tombstone", "collection.name.format", null, "table.name.format", "target_table"), v27, false,
                        "transforms.unwrap.type", "delete.tombstone.handling.mode=tombstone"),
                new Case("truncate on 2.7.0", with("truncate.enabled", "true", "collection.name.format", null,
                        "table.name.format", "target_table"), with("truncate.enabled", "true", "collection.name.format",
                        null, "table.name.format", "target_table"), v27, true, "truncate.enabled", "upgrade"),
                new Case("MariaDB URL without nullDatabaseMeansCurrent", with("connection.url",
                        "jdbc:mariadb://replica:3306/db"), with("connection.url",
                        "jdbc:mariadb://replica:3306/db?nullDatabaseMeansCurrent=true"), v35, false, "connection.url",
                        "nullDatabaseMeansCurrent=true"),
                new Case("misspelt FlattenEnvelope option", with("transforms", "flatten", "transforms.flatten.type",
                        "io.cdcbundle.transforms.FlattenEnvelope", "transforms.flatten.delete.handling.mod", "drop"),
                        with("transforms", "flatten", "transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope",
                        "transforms.flatten.delete.handling.mode", "tombstone"), v35, true,
                        "transforms.flatten.delete.handling.mod", "did you mean 'transforms.flatten.delete.handling.mode'?"),
                new Case("misspelt envelope field in add.fields", with("transforms", "flatten", "transforms.flatten.type",
                        "io.cdcbundle.transforms.FlattenEnvelope", "transforms.flatten.add.fields", "op,source.tabel:t"),
                        with("transforms", "flatten", "transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope",
                        "transforms.flatten.add.fields", "op,source.table:t,source.my_own_field"), v35, true,
                        "transforms.flatten.add.fields", "did you mean 'source.table'?"),
                new Case("unknown RouteByTable option", with("transforms", "r", "transforms.r.type",
                        "io.cdcbundle.transforms.RouteByTable", "transforms.r.topic.format", "x"),
                        with("transforms", "r", "transforms.r.type", "io.cdcbundle.transforms.RouteByTable",
                        "transforms.r.table.format", "${table}", "collection.name.format", "${topic}"), v35, true,
                        "transforms.r.topic.format",
                        "its options are ["),
                new Case("RouteByTable's topic ignored by a fixed table name", with("transforms", "r",
                        "transforms.r.type", "io.cdcbundle.transforms.RouteByTable"),
                        with("transforms", "r", "transforms.r.type", "io.cdcbundle.transforms.RouteByTable",
                        "collection.name.format", "${topic}"), v35, true, "collection.name.format",
                        "ignores the topic that RouteByTable (r) sets"),
                new Case("a replacement group the regex lacks", with("transforms", "r", "transforms.r.type",
                        "io.cdcbundle.transforms.RouteByTable", "collection.name.format", "${topic}",
                        "transforms.r.table.regex", "(.*)_[0-9]+", "transforms.r.table.replacement", "$2"),
                        with("transforms", "r", "transforms.r.type", "io.cdcbundle.transforms.RouteByTable",
                        "collection.name.format", "${topic}", "transforms.r.table.regex", "(.*)_[0-9]+",
                        "transforms.r.table.replacement", "\\$2$1"), v35, true, "transforms.r.table.replacement",
                        "refers to group $2, but transforms.r.table.regex '(.*)_[0-9]+' has 1 group(s): write $1"),
                new Case("FlattenEnvelope columns included and excluded", with("transforms", "f", "transforms.f.type",
                        "io.cdcbundle.transforms.FlattenEnvelope", "transforms.f.columns.include", "id,name",
                        "transforms.f.columns.exclude", "name"),
                        with("transforms", "f", "transforms.f.type", "io.cdcbundle.transforms.FlattenEnvelope",
                        "transforms.f.columns.include", "id"), v35, true, "transforms.f.columns.exclude",
                        "is set together with transforms.f.columns.include"),
                new Case("a misspelt JSON converter option", with("value.converter.schemas.enabel", "true"),
                        with("value.converter.schemas.enable", "true"), v35, true, "value.converter.schemas.enabel",
                        "did you mean 'value.converter.schemas.enable'?"),
                new Case("schemaless JSON into the sink", with("value.converter.schemas.enable", "false"),
                        with("value.converter.schemas.enable", "true"), v35, true, "value.converter.schemas.enable",
                        "needs each record's value schema"),
                new Case("converter settings without the converter", with("key.converter", null),
                        with("key.converter.schemas.enable", null), v35, false, "key.converter.schemas.enable",
                        "is ignored: key.converter is not set"),
                new Case("JsonConverter that turns NULLs into column defaults", with("value.converter",
                        "org.apache.kafka.connect.json.JsonConverter", "value.converter.replace.null.with.default", null), with("value.converter",
                        "org.apache.kafka.connect.json.JsonConverter", "value.converter.replace.null.with.default",
                        "false"), v35, false, "value.converter.replace.null.with.default", "holds the default"));
    }

    static List<Arguments> cases() {
        return catalogue().stream().map(Arguments::of).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheBadConfigurationAndAcceptsItsFix(Case c) {
        List<Finding> findings = check(c.bad(), c.version());
        assertTrue(findings.stream().anyMatch(f -> f.error() == c.error() && f.property().equals(c.property())
                && f.message().contains(c.says())), "expected " + (c.error() ? "an error" : "a warning") + " on "
                + c.property() + " saying '" + c.says() + "', got " + findings);

        // The truncate case's fix is an upgrade: the same configuration on 2.7.4 passes.
        String fixedVersion = c.name().startsWith("truncate") ? "2.7.4.Final" : c.version();
        List<Finding> afterFix = check(c.fixed(), fixedVersion).stream()
                .filter(f -> f.property().equals(c.property()) || f.error()).toList();
        assertEquals(List.of(), afterFix, "the fix is accepted");
    }

    @Test
    void noMessageShowsAPasswordValue() {
        Map<String, String> c = with("connection.password", "hunter2-secret", "connection.pasword", "hunter2-secret",
                "insert.mode", "upsrt");
        for (Finding f : check(c, "3.5.0.Final")) {
            assertTrue(!f.message().contains("hunter2-secret"), f.toString());
        }
    }

    @Test
    void versionsParse() {
        assertEquals(new DebeziumLine(3, 5, 0), DebeziumLine.of("3.5.0.Final"));
        assertEquals(new DebeziumLine(2, 7, 3), DebeziumLine.of("2.7.3.Final"));
        assertTrue(DebeziumLine.of("3.0.2.Final").hasCollectionNames());
        assertTrue(!DebeziumLine.of("3.0.1.Final").hasCollectionNames());
        assertEquals(Arrays.asList(new DebeziumLine(3, 5, 0)), List.of(DebeziumLine.of("not a version")));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2.7.0.Final", "3.5.0.Final", "4.0.0.Final"})
    void aKeylessDeleteIsRefusedOnEveryLine(String version) {
        List<Finding> findings = check(with("primary.key.mode", "none", "insert.mode", "insert"), version);
        assertTrue(findings.stream().anyMatch(f -> f.error() && f.property().equals("primary.key.mode")
                && f.message().contains("DELETE without a WHERE clause")), findings.toString());
    }

    @Test
    void onALineWithoutOurDialectTheFallbackIsNamedUnlessSwitchedOff() {
        Map<String, String> line27 = with("collection.name.format", null, "table.name.format", "target_table");
        List<Finding> warned = check(line27, "2.7.0.Final").stream()
                .filter(f -> f.property().equals(DialectOptions.ENABLED)).toList();
        assertEquals(1, warned.size(), warned.toString());
        assertTrue(!warned.get(0).error() && warned.get(0).message().contains("needs Debezium 3.5 or later")
                && warned.get(0).message().contains("DELETE or UPDATE without a key predicate"), warned.toString());

        line27.put(DialectOptions.ENABLED, "false");
        assertEquals(List.of(), check(line27, "2.7.0.Final"));
        assertEquals(List.of(), check(seedSink(), "3.5.0.Final"));
        assertTrue(DebeziumLine.of("3.5.0.Final").runsBundleDialect() && !DebeziumLine.of("3.4.0.Final").runsBundleDialect());
    }

    @Test
    void onDebezium27AMariaDbTargetIsReachedByTheMySqlDriver() {
        Map<String, String> mariadb = with("collection.name.format", null, "table.name.format", "target_table",
                DialectOptions.ENABLED, "false",
                "connection.url", "jdbc:mariadb://replica:3306/db?nullDatabaseMeansCurrent=true");
        List<Finding> findings = check(mariadb, "2.7.0.Final");
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("write jdbc:mysql://host:3306/db?nullDatabaseMeansCurrent=true "
                + "on Debezium 2.7.0"), findings.toString());
        mariadb.put("connection.url", "jdbc:mysql://replica:3306/db");
        assertTrue(check(mariadb, "2.7.0.Final").get(0).message().startsWith("add '?nullDatabaseMeansCurrent=true'"));
        mariadb.put("connection.url", "jdbc:mysql://replica:3306/db?nullDatabaseMeansCurrent=true");
        assertEquals(List.of(), check(mariadb, "2.7.0.Final"));
    }

    @Test
    void converterSettingsWithoutTheirConverterAndSchemalessJsonAreFound() {
        List<Finding> ignored = check(with("value.converter", null, "value.converter.replace.null.with.default", null),
                "3.5.0.Final");
        assertTrue(ignored.stream().anyMatch(f -> !f.error() && f.property().equals("value.converter.schemas.enable")
                && f.message().startsWith("is ignored: value.converter is not set")), ignored.toString());

        List<Finding> schemaless = check(with("value.converter.schemas.enable", "false", "key.converter.schemas.enable",
                "false"), "3.5.0.Final");
        assertEquals(List.of("key.converter.schemas.enable", "value.converter.schemas.enable"), schemaless.stream()
                .filter(Finding::error).map(Finding::property).sorted().toList(), schemaless.toString());
        List<Finding> valueKeys = check(with("key.converter.schemas.enable", "false", "primary.key.mode", "record_value",
                "delete.enabled", "false"), "3.5.0.Final");
        assertTrue(valueKeys.stream().noneMatch(Finding::error), "record_value needs no key schema: " + valueKeys);
    }

    @Test
    void routeByTableNeedsTheTopicInTheTableNameAndItsKeyFieldInThePrimaryKey() {
        Map<String, String> routed = with("transforms", "route", "transforms.route.type",
                "io.cdcbundle.transforms.RouteByTable", "transforms.route.key.source.field", "__source_table");
        List<Finding> fixedName = check(routed, "3.5.0.Final");
        assertTrue(fixedName.stream().anyMatch(f -> f.error() && f.property().equals("collection.name.format")
                && f.message().contains("ignores the topic that RouteByTable (route) sets")), fixedName.toString());
        assertTrue(fixedName.stream().anyMatch(f -> !f.error() && f.property().equals("primary.key.fields")
                && f.message().startsWith("leaves out __source_table")), fixedName.toString());

        routed.put("collection.name.format", "${topic}");
        routed.remove("primary.key.fields");
        assertEquals(List.of(), check(routed, "3.5.0.Final"));
        routed.remove("collection.name.format");
        assertEquals(List.of(), check(routed, "3.5.0.Final"), "Debezium's default format is ${topic}");
        routed.put("transforms.route.route.to", "header");
        routed.put("collection.name.format", "target_table");
        assertEquals(List.of(), check(routed, "3.5.0.Final"), "a header leaves the topic alone");
    }
}
