package io.cdcbundle.sink.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cdcbundle.sink.rules.Finding;
import io.cdcbundle.sink.rules.SinkConfigRules;

/**
 * Generated input for the linter and the rules it shares with ValidatedJdbcSinkConnector: whatever a user writes,
 * the answer is findings with a property and a message, or a JSON error with a position; never an exception.
 * Seeded, so that a failure repeats.
 */
class GeneratedInputTest {

    private static final String[] VALUES = {"", " ", "true", "false", "TRUE", "maybe", "0", "-1", "1", "99999999999999999999",
            "1e3", "record_key", "record_value", "none", "kafka", "upsert", "insert", "update", "basic", "${topic}",
            "${source.table}", "target_table", "jdbc:mariadb://h:3306/db", "jdbc:mysql://h/db", "jdbc:postgresql://h/db",
            "jdbc:", "mysql://h", "io.cdcbundle.transforms.RouteByTable", "io.cdcbundle.transforms.FlattenEnvelope",
            "io.debezium.transforms.ExtractNewRecordState", "r,f", "r", ",", "(.*)_[0-9]+", "$1", "$9", "\\", "(", "a:b",
            "org.apache.kafka.connect.json.JsonConverter", "Asia/Seoul", "Mars/Base", "id,,name", "\u0000", "é😀"};

    @Test
    void rulesAnswerEveryConfigurationWithFindingsOnly() {
        Random random = new Random(1201);
        List<String> keys = new ArrayList<>(SinkConfigRules.debeziumSinkNames());
        keys.addAll(List.of("transforms", "transforms.r.type", "transforms.f.type", "transforms.r.table.regex",
                "transforms.r.table.replacement", "transforms.r.key.source.field", "transforms.r.route.to",
                "transforms.f.delete.handling.mode", "transforms.f.columns.include", "transforms.f.columns.exclude",
                "transforms.f.add.fields", "transforms.f.add.fiels", "key.converter", "value.converter",
                "value.converter.schemas.enable", "key.converter.schemas.enable", "bundle.dialect.enabled",
                "bundle.dialect.multirow.max.rows", "bundle.dialect.retry.timeout.ms", "validation.strict",
                "consumer.override.max.poll.records", "auto.create", "pk.mode", "connection.pasword"));
        int findings = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> config = new HashMap<>();
            for (int k = random.nextInt(12); k > 0; k--) {
                config.put(keys.get(random.nextInt(keys.size())), VALUES[random.nextInt(VALUES.length)]);
            }
            String version = List.of("2.7.0.Final", "3.0.1.Final", "3.5.0.Final", "garbage", "").get(random.nextInt(5));
            for (Finding f : SinkConfigRules.check(config, version, SinkConfigRules.debeziumSinkNames())) {
                assertTrue(f.property() != null && !f.property().isEmpty() && f.message() != null
                        && !f.message().isEmpty(), f + " for " + config);
                findings++;
            }
        }
        assertTrue(findings > 20_000, "the rules found little: " + findings);
    }

    @Test
    void theJsonReaderAnswersAnyTextWithAValueOrAPositionedError() {
        Random random = new Random(1202);
        String[] pieces = {"{", "}", "[", "]", "\"", "\\", ":", ",", "a", "1", "-", ".", "e", "true", "nul", "null",
                " ", "\n", "\"name\"", "\"config\"", "\\u00", "\\u0041", "\u0000", "é", "1e999", "0x1", "//", "#"};
        int errors = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(30); p > 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                JsonReader.read(text.toString());
            } catch (JsonReader.JsonError e) {
                assertTrue(e.line >= 1 && e.column >= 1 && e.getMessage() != null, text + ": " + e);
                errors++;
            }
        }
        assertTrue(errors > 40_000, "almost every random text is broken JSON: " + errors);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        for (String open : List.of("[", "{\"a\":")) {
            String text = open.repeat(100_000);
            try {
                JsonReader.read(text);
            } catch (JsonReader.JsonError e) {
                assertEquals(1, e.line, e.getMessage());
                continue;
            }
            throw new AssertionError("unterminated nesting was read");
        }
    }
}
