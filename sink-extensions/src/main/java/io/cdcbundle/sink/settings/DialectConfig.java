package io.cdcbundle.sink.settings;

import static io.cdcbundle.sink.settings.DialectOptions.*;

import org.apache.kafka.common.config.ConfigDef;

/** The {@code bundle.dialect.*} options as Connect documents and validates them: ValidatedJdbcSinkConnector's own. */
public final class DialectConfig {

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(ENABLED, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Write through cdc-bundle's dialect for MariaDB, MySQL and PostgreSQL targets: DELETE and UPDATE "
                            + "only with a key predicate, MariaDB's upsert syntax whatever the URL scheme, multi-row "
                            + "INSERT/upsert statements, unavailable-value placeholders kept out of text columns, a "
                            + "write fence against replaced task instances. false = Debezium's own dialect.")
            .define(MULTIROW_MAX_ROWS, ConfigDef.Type.INT, DEFAULT_MAX_ROWS,
                    ConfigDef.Range.between(1, MAX_ROWS_LIMIT), ConfigDef.Importance.LOW,
                    "Rows per multi-row INSERT/upsert statement (also capped at 65,535 parameters, and a statement "
                            + "ends before a row that repeats its conflict key on PostgreSQL); 1 = one statement per "
                            + "row, as Debezium's dialect.")
            .define(FENCE, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Fence off a stopped instance of a sink task that Connect gave up waiting for, so that the batch it "
                            + "still delivers cannot overwrite its successor's rows: each instance takes the next "
                            + "generation of its task in the table " + FENCE_TABLE + " of the target database, and a "
                            + "commit of an older generation is rolled back. Needs CREATE on the target schema once.")
            .define(OVERLAP, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Write each batch on a thread of the task's own while Connect polls and converts the next one (at "
                            + "most one batch in flight; offsets are committed only for written records, and a failed "
                            + "batch fails the task on the next put, as Debezium's task does). false = write in put().")
            .define(TABLE_TTL, ConfigDef.Type.LONG, DEFAULT_TABLE_TTL_MS, ConfigDef.Range.between(0, MAX_TABLE_TTL_MS),
                    ConfigDef.Importance.LOW,
                    "How long a target table's description (columns, key) read from the database's catalogue is used "
                            + "before it is read again; a CREATE or ALTER by the sink reads it again at once. Debezium "
                            + "reads it for every batch. A column someone else drops from the target is seen this late. "
                            + "0 = read it for every batch, as Debezium.")
            .define(RETRY_TIMEOUT, ConfigDef.Type.LONG, DEFAULT_RETRY_TIMEOUT_MS,
                    ConfigDef.Range.between(0, MAX_RETRY_TIMEOUT_MS), ConfigDef.Importance.MEDIUM,
                    "How long the sink keeps trying to reach its target after a lost connection (a restart of the "
                            + "server, a killed connection, a network failure) before the task fails: the failed batch "
                            + "is written again on fresh connections, with waits from 0.5 s doubling up to 10 s, and "
                            + "nothing past it is committed meanwhile. Failures of the data are not retried. "
                            + "0 = fail at the first lost connection.")
            .define(PLACEHOLDER, ConfigDef.Type.STRING, DEFAULT_PLACEHOLDER, ConfigDef.Importance.LOW,
                    "The source's unavailable.value.placeholder: an upsert that carries it in a text column keeps the "
                            + "target's value instead of writing it. Empty = write it as it comes.");

    private DialectConfig() {
    }
}
