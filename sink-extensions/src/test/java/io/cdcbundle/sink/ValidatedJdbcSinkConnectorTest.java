package io.cdcbundle.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.cdcbundle.sink.rules.SinkConfigRulesTest;

class ValidatedJdbcSinkConnectorTest {

    private final ValidatedJdbcSinkConnector connector = new ValidatedJdbcSinkConnector();

    private Map<String, ConfigValue> validate(Map<String, String> config) {
        return connector.validate(config).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v, (a, b) -> a));
    }

    @Test
    void errorsLandOnThePropertyTheyConcern() {
        Map<String, String> config = SinkConfigRulesTest.seedSink();
        config.remove("primary.key.mode");
        config.put("auto.create", "true");
        Map<String, ConfigValue> values = validate(config);
        assertTrue(values.get("primary.key.mode").errorMessages().get(0).contains("DELETE without a WHERE clause"));
        ConfigValue added = values.get("auto.create");
        assertTrue(added.errorMessages().get(0).contains("schema.evolution=basic"));
        assertNull(added.value(), "a value of a property we do not know could be a password");
    }

    @Test
    void aBadDialectValueGetsOneMessageSayingWhatToWrite() {
        Map<String, String> config = SinkConfigRulesTest.seedSink();
        config.put("bundle.dialect.overlap.enabled", "maybe");
        config.put("bundle.dialect.table.metadata.ttl.ms", "1m");
        config.put("bundle.dialect.multirow.max.rows", "0");
        Map<String, ConfigValue> values = validate(config);
        assertEquals(List.of("bundle.dialect.overlap.enabled: is 'maybe': write true or false"),
                values.get("bundle.dialect.overlap.enabled").errorMessages());
        assertEquals(1, values.get("bundle.dialect.table.metadata.ttl.ms").errorMessages().size());
        assertTrue(values.get("bundle.dialect.table.metadata.ttl.ms").errorMessages().get(0).contains("write milliseconds"));
        assertEquals(1, values.get("bundle.dialect.multirow.max.rows").errorMessages().size());
        assertTrue(values.get("bundle.dialect.multirow.max.rows").errorMessages().get(0)
                .contains("from 1 (one statement per row) to 10000"));
        assertEquals("0", String.valueOf(values.get("bundle.dialect.multirow.max.rows").value()),
                "the value Connect parsed stays");
    }

    @Test
    void theCorrectedSeedSinkValidatesWithoutErrors() {
        List<String> errors = validate(SinkConfigRulesTest.seedSink()).values().stream()
                .flatMap(v -> v.errorMessages().stream()).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void recommendationsBecomeErrorsWhenStrict() {
        Map<String, String> config = SinkConfigRulesTest.seedSink();
        config.put("batch.size", "5000");
        assertEquals(List.of(), validate(config).get("batch.size").errorMessages());
        config.put(ValidatedJdbcSinkConnector.STRICT_CONFIG, "true");
        assertTrue(validate(config).get("batch.size").errorMessages().get(0).contains("max.poll.records"));
    }

    @Test
    void startRefusesWhatValidateRefuses() {
        Map<String, String> config = SinkConfigRulesTest.seedSink();
        config.put("insert.mode", "upsrt");
        ConfigException e = assertThrows(ConfigException.class, () -> connector.start(config));
        assertTrue(e.getMessage().contains("insert.mode"), e.getMessage());
    }

    @Test
    void configDeclaresOurOptionsBesideDebeziums() {
        assertTrue(connector.config().names().containsAll(List.of(ValidatedJdbcSinkConnector.STRICT_CONFIG,
                ValidatedJdbcSinkConnector.LIVE_CHECK_CONFIG, "connection.url", "primary.key.mode")));
    }

    @Test
    void liveCheckReportsAnUnreachableTargetWithoutThePassword() {
        Map<String, String> config = SinkConfigRulesTest.seedSink();
        config.put("connection.url", "jdbc:postgresql://127.0.0.1:1/db");
        config.put("connection.password", "hunter2-secret");
        config.put(ValidatedJdbcSinkConnector.LIVE_CHECK_CONFIG, "true");
        config.put(ValidatedJdbcSinkConnector.LIVE_CHECK_TIMEOUT_CONFIG, "1000");
        List<String> errors = validate(config).get("connection.url").errorMessages();
        assertTrue(errors.stream().anyMatch(m -> m.contains("cannot connect to the target")), errors.toString());
        assertTrue(errors.stream().noneMatch(m -> m.contains("hunter2-secret")));
        assertEquals("x ******** y", LiveCheck.mask("x hunter2 y", "hunter2"));
    }
}
