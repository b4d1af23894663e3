package io.cdcbundle.checker;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The options of {@link ConsistencyCheckConnector}; every value is checked here, so that validation names it. */
public final class CheckerConfig extends AbstractConfig {

    public static final String SOURCE_URL = "source.connection.url";
    public static final String SOURCE_USER = "source.connection.user";
    public static final String SOURCE_PASSWORD = "source.connection.password";
    public static final String TARGET_URL = "target.connection.url";
    public static final String TARGET_USER = "target.connection.user";
    public static final String TARGET_PASSWORD = "target.connection.password";
    public static final String TABLES = "tables";
    public static final String TOPIC = "topic";
    public static final String CHUNK_SIZE = "chunk.size";
    public static final String LAG_ALLOWANCE = "lag.allowance.ms";
    public static final String RECHECKS = "recheck.attempts";
    public static final String PASS_INTERVAL = "pass.interval.ms";
    public static final String ROWS_PER_SECOND = "rows.per.second";
    public static final String PROGRESS_INTERVAL = "progress.interval.ms";
    public static final String REPAIR = "repair.enabled";
    public static final String REPAIR_SIGNAL_TABLE = "repair.signal.table";
    public static final String REPAIR_DELETE_EXTRA = "repair.delete.extra";

    private static final String SOURCE = "Source";
    private static final String TARGET = "Target";
    private static final String CHECK = "Check";
    private static final String REPAIRS = "Repair";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(SOURCE_URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(),
                    ConfigDef.Importance.HIGH, "JDBC URL of the pipeline's source database: jdbc:mariadb://host:port/db, "
                            + "jdbc:mysql://host:port/db or jdbc:postgresql://host:port/db.", SOURCE, 1,
                    ConfigDef.Width.LONG, "Source URL")
            .define(SOURCE_USER, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "User on the source; it needs SELECT on the tables only.", SOURCE, 2,
                    ConfigDef.Width.MEDIUM, "Source user")
            .define(SOURCE_PASSWORD, ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.HIGH,
                    "Password of the source user; a ${secrets:...} reference keeps it out of the connector JSON.",
                    SOURCE, 3, ConfigDef.Width.MEDIUM, "Source password")
            .define(TARGET_URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(),
                    ConfigDef.Importance.HIGH, "JDBC URL of the database the sink writes, in the same forms as "
                            + SOURCE_URL + ".", TARGET, 1, ConfigDef.Width.LONG, "Target URL")
            .define(TARGET_USER, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "User on the target; it needs SELECT on the tables only.", TARGET, 2,
                    ConfigDef.Width.MEDIUM, "Target user")
            .define(TARGET_PASSWORD, ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.HIGH,
                    "Password of the target user.", TARGET, 3, ConfigDef.Width.MEDIUM, "Target password")
            .define(TABLES, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new TablesValidator(),
                    ConfigDef.Importance.HIGH, "The tables to compare, comma-separated: source_table=target_table, or "
                            + "one name when both are called the same. Names as in SQL on each server (schema.table "
                            + "on PostgreSQL, table or db.table on MariaDB/MySQL). Each needs a primary key on the "
                            + "source; the target table is compared on the same key columns.", CHECK, 1,
                    ConfigDef.Width.LONG, "Tables")
            .define(TOPIC, ConfigDef.Type.STRING, "cdc-bundle.consistency", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "Topic the findings go to: one record per difference that outlasted the "
                            + "lag allowance (kind missing, extra or changed, with the key), one per finished pass "
                            + "of a table, and progress records.", CHECK, 2, ConfigDef.Width.MEDIUM, "Findings topic")
            .define(CHUNK_SIZE, ConfigDef.Type.INT, 10_000, ConfigDef.Range.between(1, 100_000), ConfigDef.Importance.MEDIUM,
                    "Rows read from the source per query (in key order), and looked up on the target by key.", CHECK,
                    3, ConfigDef.Width.SHORT, "Chunk size")
            .define(LAG_ALLOWANCE, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.between(0, 86_400_000L),
                    ConfigDef.Importance.MEDIUM, "How long a difference may last before it is reported: a row that "
                            + "differs is read again on both sides after this time, and reported only if it still "
                            + "differs while its source row stayed the same. Set it above the pipeline's lag.", CHECK,
                    4, ConfigDef.Width.SHORT, "Lag allowance")
            .define(RECHECKS, ConfigDef.Type.INT, 5, ConfigDef.Range.between(1, 100), ConfigDef.Importance.LOW,
                    "How many times a differing row whose source keeps changing is read again before it is "
                            + "reported as unsettled.", CHECK, 5, ConfigDef.Width.SHORT, "Re-checks")
            .define(PASS_INTERVAL, ConfigDef.Type.LONG, 300_000L, ConfigDef.Range.between(0, 604_800_000L),
                    ConfigDef.Importance.MEDIUM, "Pause between two full passes over a table. 0 = start the next "
                            + "pass at once.", CHECK, 6, ConfigDef.Width.SHORT, "Pass interval")
            .define(ROWS_PER_SECOND, ConfigDef.Type.INT, 0, ConfigDef.Range.between(0, 10_000_000),
                    ConfigDef.Importance.MEDIUM, "At most this many source rows read per second by each task, to "
                            + "spare a busy source. 0 = as fast as the servers answer.", CHECK, 7,
                    ConfigDef.Width.SHORT, "Rate limit")
            .define(PROGRESS_INTERVAL, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.between(1_000, 3_600_000L),
                    ConfigDef.Importance.LOW, "How often a progress record is written during a pass; it also carries "
                            + "the task's position, so that a restarted task goes on from there.", CHECK, 8,
                    ConfigDef.Width.SHORT, "Progress interval")
            .define(REPAIR, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
                    "Heal what is reported through the pipeline itself: rows missing or changed in the target are read "
                            + "again by the Debezium source connector, as an incremental snapshot of just those keys, "
                            + "by a row in its signal table (" + REPAIR_SIGNAL_TABLE + "); each is re-checked until it "
                            + "is equal (a 'repaired' finding) or out of re-checks ('repair_failed'). The source "
                            + "user needs INSERT on the signal table.", REPAIRS, 1, ConfigDef.Width.SHORT, "Repair")
            .define(REPAIR_SIGNAL_TABLE, ConfigDef.Type.STRING, "", new SignalTableValidator(), ConfigDef.Importance.MEDIUM,
                    "The Debezium source connector's signal.data.collection, as written there (database.table on "
                            + "MariaDB/MySQL, schema.table on PostgreSQL); its signal.enabled.channels must include "
                            + "source (the default).", REPAIRS, 2, ConfigDef.Width.MEDIUM, "Signal table")
            .define(REPAIR_DELETE_EXTRA, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Also delete rows the target has and the source has not (no snapshot can remove them), right after "
                            + "their re-check found the source still without them. The target user needs DELETE.",
                    REPAIRS, 3, ConfigDef.Width.SHORT, "Delete extra rows");

    public CheckerConfig(Map<String, String> props) {
        super(CONFIG, props);
    }

    public Endpoint.Settings source() {
        return new Endpoint.Settings("source", getString(SOURCE_URL), getString(SOURCE_USER),
                getPassword(SOURCE_PASSWORD));
    }

    public Endpoint.Settings target() {
        return new Endpoint.Settings("target", getString(TARGET_URL), getString(TARGET_USER),
                getPassword(TARGET_PASSWORD));
    }

    public List<TablePair> tables() {
        return TablePair.parseAll(getList(TABLES));
    }

    /**
     * The one rule across options: repair needs the source connector's signal table. The message for
     * repair.signal.table, or null when the configuration keeps the rule.
     */
    static String repairWithoutSignalTable(Map<String, String> props) {
        boolean repair = "true".equalsIgnoreCase(String.valueOf(props.get(REPAIR)).trim());
        String signal = props.get(REPAIR_SIGNAL_TABLE);
        return repair && (signal == null || signal.isBlank()) ? REPAIR_SIGNAL_TABLE + " is empty while " + REPAIR
                + "=true: write the source connector's signal.data.collection, e.g. inventory.debezium_signal, or set "
                + REPAIR + "=false" : null;
    }

    /** Null unless repair.enabled. */
    public Repair repair() {
        if (!getBoolean(REPAIR)) {
            return null;
        }
        return new Repair(source(), target(), getString(REPAIR_SIGNAL_TABLE).trim(), getBoolean(REPAIR_DELETE_EXTRA));
    }

    /** A plain or qualified table name, or empty. */
    static final class SignalTableValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String table = value == null ? "" : value.toString().trim();
            if (!table.isEmpty() && !TablePair.isName(table)) {
                throw new ConfigException(name, table, "write the source connector's signal.data.collection, e.g. "
                        + "inventory.debezium_signal");
            }
        }

        @Override
        public String toString() {
            return "database.table or schema.table";
        }
    }

    /** A JDBC URL of an engine the checker reads. */
    static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String url = value == null ? "" : value.toString().trim();
            if (Engine.of(url) == null) {
                throw new ConfigException(name, JdbcUrls.withoutSecrets(url), "write jdbc:mariadb://host:port/database, "
                        + "jdbc:mysql://host:port/database or jdbc:postgresql://host:port/database");
            }
        }

        @Override
        public String toString() {
            return "jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql: URL";
        }
    }

    /** source=target pairs, each name a plain or qualified SQL name. */
    static final class TablesValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            List<String> entries = (List<String>) value;
            if (entries == null || entries.isEmpty()) {
                throw new ConfigException(name, "", "name at least one table: source_table=target_table");
            }
            try {
                TablePair.parseAll(entries);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, String.join(",", entries), e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "source_table[=target_table],...";
        }
    }
}
