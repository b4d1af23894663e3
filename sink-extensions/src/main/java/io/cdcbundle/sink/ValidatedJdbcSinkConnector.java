package io.cdcbundle.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.debezium.connector.jdbc.JdbcSinkConnector;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cdcbundle.sink.rules.Finding;
import io.cdcbundle.sink.rules.SinkConfigRules;
import io.cdcbundle.sink.settings.BundleVersion;
import io.cdcbundle.sink.settings.DialectConfig;
import io.cdcbundle.sink.settings.DialectOptions;
import io.cdcbundle.sink.task.SafeJdbcSinkTask;

/**
 * Debezium's JDBC sink with a validation that refuses, at {@code POST /connectors} (HTTP 400) and
 * {@code PUT .../config/validate}, the configurations Debezium accepts and then fails on or, worse, runs: a delete
 * without a key empties the target table. Errors name the property and say what to write; recommendations are
 * logged, and become errors with {@value #STRICT_CONFIG}=true. Its task writes through cdc-bundle's dialect
 * ({@link DialectConfig}). Install its jar into Debezium's {@code debezium-connector-jdbc/} plugin directory and
 * use it as connector.class.
 */
public class ValidatedJdbcSinkConnector extends JdbcSinkConnector {

    public static final String STRICT_CONFIG = "validation.strict";
    public static final String LIVE_CHECK_CONFIG = "validation.live.check";
    public static final String LIVE_CHECK_TIMEOUT_CONFIG = "validation.live.check.timeout.ms";
    /** Whether the target server, its version, and the target table's key agree with the configuration. */

    static final ConfigDef OWN_CONFIG = new ConfigDef()
            .define(STRICT_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Also refuse configurations that only get a recommendation (logged as WARN otherwise).")
            .define(LIVE_CHECK_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Connect to the target during validation: server product and version against the URL scheme, "
                            + "and the target table's primary key against primary.key.fields.")
            .define(LIVE_CHECK_TIMEOUT_CONFIG, ConfigDef.Type.INT, 5000, ConfigDef.Range.between(100, 60000),
                    ConfigDef.Importance.LOW, "Connection timeout of the live check.");

    static {
        DialectConfig.CONFIG.configKeys().values().forEach(OWN_CONFIG::define);
    }

    private static final Logger log = LoggerFactory.getLogger(ValidatedJdbcSinkConnector.class);

    /** cdc-bundle's version; Debezium's is logged at start and decides which rules apply. */
    @Override
    public String version() {
        return BundleVersion.VERSION;
    }

    /** Debezium's task, writing through cdc-bundle's dialect unless bundle.dialect.enabled=false. */
    @Override
    public Class<? extends Task> taskClass() {
        return SafeJdbcSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        ConfigDef def = new ConfigDef(super.config());
        for (ConfigDef.ConfigKey key : OWN_CONFIG.configKeys().values()) {
            def.define(key);
        }
        return def;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config base = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        List<ConfigValue> result = new ArrayList<>(base.configValues());
        result.forEach(v -> values.put(v.name(), v));
        Set<String> restated = new HashSet<>();
        for (Finding f : findings(connectorConfigs)) {
            if (f.error() || strict(connectorConfigs)) {
                ConfigValue value = values.computeIfAbsent(f.property(), name -> {
                    // No value: the REST response would show it, and a misspelt property may hold a password.
                    ConfigValue added = new ConfigValue(name, null, List.of(), new ArrayList<>());
                    result.add(added);
                    return added;
                });
                if (f.error() && DialectConfig.CONFIG.configKeys().containsKey(f.property())
                        && restated.add(f.property())) {
                    // Our ConfigDef found the same fault in its words ("Not a number of type LONG"); ours says what
                    // to write, so it replaces them rather than standing beside them.
                    value = restate(value, result, values);
                }
                // Named in the message too: Connect's HTTP 400 for a refused connector lists the messages alone.
                value.addErrorMessage(f.property() + ": " + f.message());
            } else {
                log.warn("{}: {} {}", connectorConfigs.getOrDefault("name", "JDBC sink"), f.property(), f.message());
            }
        }
        return new Config(result);
    }

    private static ConfigValue restate(ConfigValue old, List<ConfigValue> result, Map<String, ConfigValue> values) {
        ConfigValue fresh = new ConfigValue(old.name(), old.value(), old.recommendedValues(), new ArrayList<>());
        fresh.visible(old.visible());
        result.replaceAll(v -> v == old ? fresh : v);
        values.put(old.name(), fresh);
        return fresh;
    }

    /** Connect validates before it starts a connector; this guards configurations that reached us another way. */
    @Override
    public void start(Map<String, String> props) {
        List<Finding> errors = findings(props).stream().filter(f -> f.error() || strict(props)).toList();
        if (!errors.isEmpty()) {
            throw new ConfigException("Invalid JDBC sink configuration: "
                    + errors.stream().map(Finding::toString).collect(Collectors.joining("; ")));
        }
        log.info("ValidatedJdbcSinkConnector {} (cdc-bundle {}) on Debezium JDBC sink {}", props.get("name"),
                BundleVersion.VERSION, super.version());
        super.start(props);
    }

    private List<Finding> findings(Map<String, String> config) {
        List<Finding> findings = new ArrayList<>(SinkConfigRules.check(config, super.version(), super.config().names()));
        if (Boolean.parseBoolean(config.get(LIVE_CHECK_CONFIG))) {
            findings.addAll(LiveCheck.run(config, parseTimeout(config.get(LIVE_CHECK_TIMEOUT_CONFIG))));
        }
        return findings;
    }

    private static int parseTimeout(String value) {
        try {
            return value == null ? 5000 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 5000;
        }
    }

    private static boolean strict(Map<String, String> config) {
        return Boolean.parseBoolean(config.get(STRICT_CONFIG));
    }
}
