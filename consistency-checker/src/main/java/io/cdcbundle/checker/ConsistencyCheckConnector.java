package io.cdcbundle.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Compares a CDC pipeline's source tables with the target tables its sink writes, while the pipeline runs, and
 * writes what differs to a topic. Runs on the Connect cluster like any source connector: distributed, restartable,
 * its position kept in Connect's offsets. Tables are shared among up to {@code tasks.max} tasks.
 */
public class ConsistencyCheckConnector extends SourceConnector {

    static final String TASK_ID = "task.id";

    private Map<String, String> props;

    @Override
    public String version() {
        return CheckerVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        new CheckerConfig(props); // refuses what validation would have, option by option
        String repairWithoutSignal = CheckerConfig.repairWithoutSignalTable(props);
        if (repairWithoutSignal != null) {
            throw new org.apache.kafka.common.config.ConfigException(repairWithoutSignal);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ConsistencyCheckTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> tables = new CheckerConfig(props).getList(CheckerConfig.TABLES);
        int tasks = Math.max(1, Math.min(maxTasks, tables.size()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            List<String> share = new ArrayList<>();
            for (int i = t; i < tables.size(); i += tasks) {
                share.add(tables.get(i));
            }
            Map<String, String> config = new HashMap<>(props);
            config.put(CheckerConfig.TABLES, String.join(",", share));
            config.put(TASK_ID, String.valueOf(t));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    /**
     * The options one by one (ConfigDef), names that are no option of the checker nor of Connect (a misspelt option
     * would otherwise be ignored without a word), and the one rule across options: repair needs the signal table.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        for (String name : connectorConfigs.keySet()) {
            if (!CheckerConfig.CONFIG.names().contains(name) && !ConnectProperties.isConnects(name)) {
                String closest = ConnectProperties.closest(name, CheckerConfig.CONFIG.names());
                config.configValues().add(new ConfigValue(name, connectorConfigs.get(name), List.of(), new ArrayList<>(
                        List.of(name + " is not an option of the consistency checker"
                                + (closest == null ? "" : "; did you mean " + closest + "?")
                                + " Its options are in docs/configuration.md"))));
            }
        }
        String repairWithoutSignal = CheckerConfig.repairWithoutSignalTable(connectorConfigs);
        if (repairWithoutSignal != null) {
            for (ConfigValue value : config.configValues()) {
                if (value.name().equals(CheckerConfig.REPAIR_SIGNAL_TABLE)) {
                    value.addErrorMessage(repairWithoutSignal);
                }
            }
        }
        return config;
    }

    @Override
    public ConfigDef config() {
        return CheckerConfig.CONFIG;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Findings are observations: a finding written twice after a crash says the same thing twice.
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
