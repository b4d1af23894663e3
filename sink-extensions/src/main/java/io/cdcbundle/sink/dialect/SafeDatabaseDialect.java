package io.cdcbundle.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.relational.TableDescriptor;
import io.debezium.metadata.CollectionId;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Debezium's dialect for the target with what cdc-bundle changes: a DELETE or UPDATE without a key predicate is
 * refused (Debezium's dialects then emit {@code DELETE FROM t} and empty the table), and an upsert keeps the target's
 * text where the source sent its unavailable-value placeholder, and table descriptions come from a
 * {@link TableMetadataCache} instead of catalogue queries for every batch. Everything else is Debezium's.
 */
final class SafeDatabaseDialect extends DelegatingDatabaseDialect {

    private final UnavailableValueGuard unavailableValues;
    private final TableMetadataCache tables;
    private final TableMetadataCache.Catalogue catalogue;

    /**
     * @param unavailableValues null to write placeholders as they come
     * @param catalogue         reads a table on a connection of its own, for a kept description found stale
     */
    SafeDatabaseDialect(DatabaseDialect delegate, UnavailableValueGuard unavailableValues, TableMetadataCache tables,
            TableMetadataCache.Catalogue catalogue) {
        super(delegate);
        this.unavailableValues = unavailableValues;
        this.tables = tables;
        this.catalogue = catalogue;
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
        return delegate.getCreateTableStatement(record, collectionId);
    }

    @Override
    public String getAlterTableStatement(TableDescriptor table, JdbcSinkRecord record, Set<String> missingFields) {
        tables.forgetAll();
        return delegate.getAlterTableStatement(table, record, missingFields);
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
