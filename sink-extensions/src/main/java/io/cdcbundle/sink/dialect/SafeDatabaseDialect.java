package io.cdcbundle.sink.dialect;

import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.relational.TableDescriptor;
import org.apache.kafka.connect.errors.DataException;

/**
 * Debezium's dialect for the target with what cdc-bundle changes: a DELETE or UPDATE without a key predicate is
 * refused (Debezium's dialects then emit {@code DELETE FROM t} and empty the table), and an upsert keeps the target's
 * text where the source sent its unavailable-value placeholder. Everything else is Debezium's.
 */
final class SafeDatabaseDialect extends DelegatingDatabaseDialect {

    private final UnavailableValueGuard unavailableValues;

    /** @param unavailableValues null to write placeholders as they come */
    SafeDatabaseDialect(DatabaseDialect delegate, UnavailableValueGuard unavailableValues) {
        super(delegate);
        this.unavailableValues = unavailableValues;
    }

    String delegateName() {
        return delegate.getClass().getSimpleName();
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
