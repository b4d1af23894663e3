package io.cdcbundle.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.debezium.connector.jdbc.JdbcSinkConnector;
import org.junit.jupiter.api.Test;

import io.cdcbundle.sink.rules.ConverterRules;
import io.cdcbundle.sink.rules.OurTransformOptions;
import io.cdcbundle.sink.rules.SinkConfigRules;
import io.cdcbundle.sink.rules.SinkConfigRulesTest;
import io.cdcbundle.sink.rules.SinkProperties;

class SinkPropertiesTest {

    /** The linter's built-in list of sink options is the tested Debezium line's real one. */
    @Test
    void builtInSinkNamesAreThoseOfThePinnedDebeziumJdbcSink() {
        assertEquals(new TreeSet<>(new JdbcSinkConnector().config().names()), new TreeSet<>(SinkProperties.DEBEZIUM_3_5));
    }

    /** The option names the sink checks a transform chain against are the transforms' real ones. */
    @Test
    void ourTransformsOptionNamesAreTheirConfigDefsNames() {
        assertEquals(Set.copyOf(io.cdcbundle.transforms.FlattenEnvelope.CONFIG_DEF.names()),
                OurTransformOptions.BY_CLASS.get(io.cdcbundle.transforms.FlattenEnvelope.class.getName()));
        assertEquals(Set.copyOf(io.cdcbundle.transforms.RouteByTable.CONFIG_DEF.names()),
                OurTransformOptions.BY_CLASS.get(io.cdcbundle.transforms.RouteByTable.class.getName()));
    }

    @Test
    void ourOwnOptionNamesAreTheConnectorsConfigNames() {
        assertEquals(SinkProperties.OWN, Set.copyOf(ValidatedJdbcSinkConnector.OWN_CONFIG.names()));
    }

    /** The JSON converter options the rules know are JsonConverter's own, plus Connect's plugin.version. */
    @Test
    void jsonConverterOptionNamesAreJsonConvertersConfigNames() {
        Set<String> names = new TreeSet<>(org.apache.kafka.connect.json.JsonConverterConfig.configDef().names());
        names.add("plugin.version");
        assertEquals(names, new TreeSet<>(ConverterRules.JSON_OPTIONS));
    }

    /**
     * The validated sink's reading of table.replacement's group references is RouteByTable's own: each replacement
     * the rule refuses, the transform refuses at configure (at task start), and each it lets through, the transform
     * takes.
     */
    @Test
    void replacementGroupsAreReadAsRouteByTableReadsThem() {
        for (String regex : java.util.List.of("(.*)_[0-9]+", "(a)(b)", "[0-9]+", "(x)(y)(z)(1)(2)(3)(4)(5)(6)(7)(8)")) {
            for (String replacement : java.util.List.of("$1", "$2", "$3", "$12", "$11", "$10", "$0", "x$1y", "\\$2",
                    "\\\\$2", "$1$2", "$99999999999", "$01", "t")) {
                Map<String, String> config = new java.util.HashMap<>(SinkConfigRulesTest.seedSink());
                config.put("collection.name.format", "${topic}");
                config.put("transforms", "r");
                config.put("transforms.r.type", "io.cdcbundle.transforms.RouteByTable");
                config.put("transforms.r.table.regex", regex);
                config.put("transforms.r.table.replacement", replacement);
                boolean ruleRefuses = SinkConfigRules.check(config, "3.5.0.Final", SinkProperties.DEBEZIUM_3_5).stream()
                        .anyMatch(f -> f.error() && f.property().equals("transforms.r.table.replacement"));
                boolean transformRefuses;
                try (io.cdcbundle.transforms.RouteByTable<org.apache.kafka.connect.sink.SinkRecord> route =
                             new io.cdcbundle.transforms.RouteByTable<>()) {
                    route.configure(Map.of("table.regex", regex, "table.replacement", replacement));
                    transformRefuses = false;
                } catch (org.apache.kafka.common.config.ConfigException e) {
                    transformRefuses = true;
                }
                assertEquals(transformRefuses, ruleRefuses, regex + " -> " + replacement);
            }
        }
    }
}
