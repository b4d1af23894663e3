package io.cdcbundle.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.field.JdbcFieldDescriptor;
import io.debezium.connector.jdbc.relational.TableDescriptor;
import io.debezium.connector.jdbc.type.JdbcType;
import io.debezium.metadata.CollectionId;
import io.debezium.sink.SinkConnectorConfig;
import io.debezium.sink.field.FieldDescriptor;
import io.debezium.sink.valuebinding.ValueBindDescriptor;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Debezium's dialect for the target with what cdc-bundle changes: a DELETE or UPDATE without a key predicate is
 * refused (Debezium's dialects then emit {@code DELETE FROM t} and empty the table), and an upsert keeps the target's
 * text where the source sent its unavailable-value placeholder, and table descriptions come from a
 * {@link TableMetadataCache} instead of catalogue queries for every batch. Types: values Debezium binds wrongly are
 * bound right ({@link ValueBindings}), columns it would create with a loss of value get a wider type
 * ({@link CreatedColumnTypes}), and decimals keep the precision the source declared up to the target's maximum.
 * Everything else is Debezium's.
 * <p>
 * Debezium's column types ask their dialect for type names and formats. The task's own copies of them
 * ({@link TaskOwnDialectClassLoader}) are handed this dialect as theirs when a record first meets them, so that they
 * ask it, not Debezium's dialect underneath.
 */
public final class SafeDatabaseDialect extends DelegatingDatabaseDialect {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SafeDatabaseDialect.class);

    private final UnavailableValueGuard unavailableValues;
    private final TableMetadataCache tables;
    private final TableMetadataCache.Catalogue catalogue;
    private final TargetServer server;
    private final SinkConnectorConfig config;
    private final ValueBindings bindings;
    private final CreatedColumnTypes createdTypes;
    private final Set<JdbcType> adopted = ConcurrentHashMap.newKeySet();

    /**
     * @param unavailableValues null to write placeholders as they come
     * @param catalogue         reads a table on a connection of its own, for a kept description found stale
     */
    SafeDatabaseDialect(DatabaseDialect delegate, TargetServer server, SinkConnectorConfig config,
            UnavailableValueGuard unavailableValues, TableMetadataCache tables, TableMetadataCache.Catalogue catalogue) {
        super(delegate);
        this.server = server;
        this.config = config;
        this.unavailableValues = unavailableValues;
        this.tables = tables;
        this.catalogue = catalogue;
        this.bindings = new ValueBindings(server);
        this.createdTypes = new CreatedColumnTypes(server);
    }

    @Override
    public JdbcType getSchemaType(Schema schema) {
        JdbcType type = delegate.getSchemaType(schema);
        // Called for every field of every record: a lock-free look-up first, the add (and configure) once per type.
        if (!adopted.contains(type) && adopted.add(type)) {
            type.configure(config, this);
        }
        return type;
    }

    /**
     * Hibernate's dialects say 38, and Debezium cuts a wider source decimal down to it ("numeric field overflow",
     * "Out of range value"): the servers' own limits instead.
     */
    @Override
    public int getDefaultDecimalPrecision() {
        return server == TargetServer.POSTGRES ? 1000 : 65;
    }

    @Override
    public List<ValueBindDescriptor> bindValue(JdbcFieldDescriptor field, int startIndex, Object value) {
        return bindings.bind(field.getSchema(), startIndex, value)
                .orElseGet(() -> server == TargetServer.POSTGRES
                        ? ValueBindings.postgresArrays(field.getSchema(), delegate.bindValue(field, startIndex, value))
                        : delegate.bindValue(field, startIndex, value));
    }

    String delegateName() {
        return delegate.getClass().getSimpleName();
    }

    @Override
    public boolean tableExists(Connection connection, CollectionId collectionId) throws SQLException {
        return tables.exists(collectionId, () -> delegate.tableExists(connection, collectionId));
    }

    @Override
    public TableDescriptor readTable(Connection connection, CollectionId collectionId) throws SQLException {
        return tables.read(collectionId, () -> delegate.readTable(connection, collectionId));
    }

    /**
     * Debezium alters a table (or, without schema evolution, fails) when a record has fields its description lacks.
     * A kept description may simply be older than someone else's ALTER: it is read again, and the answer is the fresh
     * one. Debezium then goes on with the old description, but it is no longer kept, so the next check against it
     * reports the fields missing again, and Debezium rebuilds its buffer from a read that returns the fresh one.
     */
    @Override
    public Set<String> resolveMissingFields(JdbcSinkRecord record, TableDescriptor table) {
        Set<String> missing = delegate.resolveMissingFields(record, table);
        if (missing.isEmpty()) {
            return missing;
        }
        TableDescriptor fresh;
        try {
            fresh = tables.reread(table, catalogue);
        } catch (SQLException e) {
            throw new ConnectException("Reading table " + table.getId().toFullIdentiferString() + " again failed", e);
        }
        return fresh == null ? missing : delegate.resolveMissingFields(record, fresh);
    }

    @Override
    public String getCreateTableStatement(JdbcSinkRecord record, CollectionId collectionId) {
        tables.forgetAll();
        return logged(createdTypes.apply(delegate.getCreateTableStatement(record, collectionId),
                List.<FieldDescriptor>copyOf(record.allFields().values()), delegate));
    }

    @Override
    public String getAlterTableStatement(TableDescriptor table, JdbcSinkRecord record, Set<String> missingFields) {
        tables.forgetAll();
        return logged(createdTypes.apply(delegate.getAlterTableStatement(table, record, missingFields),
                missingFields.stream().<FieldDescriptor>map(record.allFields()::get).toList(), delegate));
    }

    /** Tables change rarely, and the statement is what an operator needs to see when it fails. */
    private static String logged(String ddl) {
        log.info("cdc-bundle dialect: {}", ddl);
        return ddl;
    }

    @Override
    public String getDeleteStatement(TableDescriptor table, JdbcSinkRecord record) {
        requireKey("DELETE", table, record);
        return delegate.getDeleteStatement(table, record);
    }

    @Override
    public String getUpdateStatement(TableDescriptor table, JdbcSinkRecord record) {
        requireKey("UPDATE", table, record);
        return delegate.getUpdateStatement(table, record);
    }

    @Override
    public String getUpsertStatement(TableDescriptor table, JdbcSinkRecord record) {
        String upsert = delegate.getUpsertStatement(table, record);
        return unavailableValues == null ? upsert : unavailableValues.apply(upsert, record);
    }

    private static void requireKey(String statement, TableDescriptor table, JdbcSinkRecord record) {
        if (record.keyFieldNames().isEmpty()) {
            throw new DataException("Refused to " + statement + " in " + table.getId().toFullIdentiferString()
                    + " without a key predicate, which would change every row: the record at topic '"
                    + record.topicName() + "', partition " + record.partition() + ", offset " + record.offset()
                    + " has no key fields. Set primary.key.mode=record_key (the source table needs a primary key) "
                    + "or record_value with primary.key.fields.");
        }
    }
}
