package io.cdcbundle.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class CheckerConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> c = new HashMap<>();
        c.put(CheckerConfig.SOURCE_URL, "jdbc:mariadb://db:3306/inventory");
        c.put(CheckerConfig.SOURCE_USER, "reader");
        c.put(CheckerConfig.SOURCE_PASSWORD, "s3cret-source");
        c.put(CheckerConfig.TARGET_URL, "jdbc:postgresql://replica:5432/inventory");
        c.put(CheckerConfig.TARGET_USER, "reader");
        c.put(CheckerConfig.TARGET_PASSWORD, "s3cret-target");
        c.put(CheckerConfig.TABLES, "orders, inventory.customers=public.customers");
        return c;
    }

    private static Map<String, ConfigValue> validate(Map<String, String> config) {
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue v : new ConsistencyCheckConnector().validate(config).configValues()) {
            byName.put(v.name(), v);
        }
        return byName;
    }

    @Test
    void aValidConfigurationHasNoErrorsAndItsTablesPair() {
        validate(valid()).values().forEach(v -> assertEquals(List.of(), v.errorMessages(), v.name()));
        assertEquals(List.of(new TablePair("orders", "orders"),
                new TablePair("inventory.customers", "public.customers")), new CheckerConfig(valid()).tables());
    }

    @Test
    void eachMistakeIsAnErrorOnItsPropertySayingWhatToWrite() {
        Map<String, String> mistakes = Map.of(
                CheckerConfig.SOURCE_URL, "jdbc:sqlserver://db;password=hunter2",
                CheckerConfig.TABLES, "orders=",
                CheckerConfig.CHUNK_SIZE, "0",
                CheckerConfig.LAG_ALLOWANCE, "-1",
                CheckerConfig.TARGET_USER, "");
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            Map<String, String> config = valid();
            config.put(mistake.getKey(), mistake.getValue());
            List<String> errors = validate(config).get(mistake.getKey()).errorMessages();
            assertFalse(errors.isEmpty(), mistake.toString());
            assertFalse(errors.get(0).contains("hunter2"), "a password in a URL stays out of the message: " + errors);
        }
        Map<String, String> twice = valid();
        twice.put(CheckerConfig.TABLES, "orders,orders");
        assertTrue(validate(twice).get(CheckerConfig.TABLES).errorMessages().get(0).contains("listed twice"));
    }

    @Test
    void aMisspeltOptionIsNamedWithTheOptionMeant() {
        Map<String, String> config = valid();
        config.put("lag.allowance", "5000");
        config.put("value.converter.schemas.enable", "false");
        Map<String, ConfigValue> values = validate(config);
        assertTrue(values.get("lag.allowance").errorMessages().get(0).contains("did you mean lag.allowance.ms?"),
                values.get("lag.allowance").errorMessages().toString());
        assertFalse(values.containsKey("value.converter.schemas.enable"), "Connect's own properties pass");
    }

    @Test
    void repairWithoutASignalTableIsRefusedOnTheSignalTable() {
        Map<String, String> config = valid();
        config.put(CheckerConfig.REPAIR, "true");
        assertTrue(validate(config).get(CheckerConfig.REPAIR_SIGNAL_TABLE).errorMessages().get(0)
                .contains("signal.data.collection"));
        config.put(CheckerConfig.REPAIR_SIGNAL_TABLE, "shop.debezium_signal");
        assertEquals(List.of(), validate(config).get(CheckerConfig.REPAIR_SIGNAL_TABLE).errorMessages());
    }

    @Test
    void tablesAreSharedAmongTasksAndEachTaskKnowsItsShare() {
        ConsistencyCheckConnector connector = new ConsistencyCheckConnector();
        Map<String, String> config = valid();
        config.put(CheckerConfig.TABLES, "a,b,c");
        connector.start(config);
        List<Map<String, String>> tasks = connector.taskConfigs(2);
        assertEquals(List.of("a,c", "b"), tasks.stream().map(t -> t.get(CheckerConfig.TABLES)).toList());
        assertEquals(List.of("0", "1"), tasks.stream().map(t -> t.get(ConsistencyCheckConnector.TASK_ID)).toList());
        assertEquals(1, connector.taskConfigs(8).get(0).get(CheckerConfig.TABLES).split(",").length);
    }
}
