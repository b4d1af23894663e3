package io.cdcbundle.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.field.JdbcFieldDescriptor;
import io.debezium.connector.jdbc.relational.TableDescriptor;
import io.debezium.connector.jdbc.type.JdbcType;
import io.debezium.metadata.CollectionId;
import io.debezium.sink.column.ColumnDescriptor;
import io.debezium.sink.valuebinding.ValueBindDescriptor;
import org.apache.kafka.connect.data.Schema;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.engine.jdbc.Size;

/**
 * A {@link DatabaseDialect} that forwards every call to Debezium's own dialect for the target. Debezium's MariaDB
 * and PostgreSQL dialects have private constructors, so a dialect that changes a few of their statements wraps one
 * instead of extending it. Written against Debezium 3.5's interface, which changes between minor versions: a new
 * abstract method there is a compile error here, not a silent gap.
 */
abstract class DelegatingDatabaseDialect implements DatabaseDialect {

    protected final DatabaseDialect delegate;

    protected DelegatingDatabaseDialect(DatabaseDialect delegate) {
        this.delegate = delegate;
    }

    @Override
    public DatabaseVersion getVersion() {
        return delegate.getVersion();
    }

    @Override
    public CollectionId getCollectionId(String name) {
        return delegate.getCollectionId(name);
    }

    @Override
    public boolean tableExists(Connection connection, CollectionId collectionId) throws SQLException {
        return delegate.tableExists(connection, collectionId);
    }

    @Override
    public TableDescriptor readTable(Connection connection, CollectionId collectionId) throws SQLException {
        return delegate.readTable(connection, collectionId);
    }

    @Override
    public Set<String> resolveMissingFields(JdbcSinkRecord record, TableDescriptor table) {
        return delegate.resolveMissingFields(record, table);
    }

    @Override
    public String getCreateTableStatement(JdbcSinkRecord record, CollectionId collectionId) {
        return delegate.getCreateTableStatement(record, collectionId);
    }

    @Override
    public String getAlterTablePrefix() {
        return delegate.getAlterTablePrefix();
    }

    @Override
    public String getAlterTableSuffix() {
        return delegate.getAlterTableSuffix();
    }

    @Override
    public String getAlterTableColumnPrefix() {
        return delegate.getAlterTableColumnPrefix();
    }

    @Override
    public String getAlterTableColumnSuffix() {
        return delegate.getAlterTableColumnSuffix();
    }

    @Override
    public String getAlterTableColumnDelimiter() {
        return delegate.getAlterTableColumnDelimiter();
    }

    @Override
    public String getAlterTableStatement(TableDescriptor table, JdbcSinkRecord record, Set<String> missingFields) {
        return delegate.getAlterTableStatement(table, record, missingFields);
    }

    @Override
    public String getInsertStatement(TableDescriptor table, JdbcSinkRecord record) {
        return delegate.getInsertStatement(table, record);
    }

    @Override
    public Optional<String> getBatchInsertStatement(TableDescriptor table, List<JdbcSinkRecord> records) {
        return delegate.getBatchInsertStatement(table, records);
    }

    @Override
    public String getUpsertStatement(TableDescriptor table, JdbcSinkRecord record) {
        return delegate.getUpsertStatement(table, record);
    }

    @Override
    public Optional<String> getBatchUpsertStatement(TableDescriptor table, List<JdbcSinkRecord> records) {
        return delegate.getBatchUpsertStatement(table, records);
    }

    @Override
    public String getUpdateStatement(TableDescriptor table, JdbcSinkRecord record) {
        return delegate.getUpdateStatement(table, record);
    }

    @Override
    public String getDeleteStatement(TableDescriptor table, JdbcSinkRecord record) {
        return delegate.getDeleteStatement(table, record);
    }

    @Override
    public String getTruncateStatement(TableDescriptor table) {
        return delegate.getTruncateStatement(table);
    }

    @Override
    public String getQueryBindingWithValueCast(ColumnDescriptor column, Schema schema, JdbcType type) {
        return delegate.getQueryBindingWithValueCast(column, schema, type);
    }

    @Override
    public int getMaxVarcharLengthInKey() {
        return delegate.getMaxVarcharLengthInKey();
    }

    @Override
    public int getMaxNVarcharLengthInKey() {
        return delegate.getMaxNVarcharLengthInKey();
    }

    @Override
    public int getMaxVarbinaryLength() {
        return delegate.getMaxVarbinaryLength();
    }

    @Override
    public boolean isTimeZoneSet() {
        return delegate.isTimeZoneSet();
    }

    @Override
    public boolean shouldBindTimeWithTimeZoneAsDatabaseTimeZone() {
        return delegate.shouldBindTimeWithTimeZoneAsDatabaseTimeZone();
    }

    @Override
    public int getMaxTimePrecision() {
        return delegate.getMaxTimePrecision();
    }

    @Override
    public int getMaxTimestampPrecision() {
        return delegate.getMaxTimestampPrecision();
    }

    @Override
    public int getDefaultDecimalPrecision() {
        return delegate.getDefaultDecimalPrecision();
    }

    @Override
    public int getDefaultTimePrecision() {
        return delegate.getDefaultTimePrecision();
    }

    @Override
    public int getDefaultTimestampPrecision() {
        return delegate.getDefaultTimestampPrecision();
    }

    @Override
    public boolean isNegativeScaleAllowed() {
        return delegate.isNegativeScaleAllowed();
    }

    @Override
    public String getTimeQueryBinding() {
        return delegate.getTimeQueryBinding();
    }

    @Override
    public String getByteArrayFormat() {
        return delegate.getByteArrayFormat();
    }

    @Override
    public String getFormattedBoolean(boolean value) {
        return delegate.getFormattedBoolean(value);
    }

    @Override
    public String getFormattedDate(TemporalAccessor value) {
        return delegate.getFormattedDate(value);
    }

    @Override
    public String getFormattedTime(TemporalAccessor value) {
        return delegate.getFormattedTime(value);
    }

    @Override
    public String getFormattedTimeWithTimeZone(String value) {
        return delegate.getFormattedTimeWithTimeZone(value);
    }

    @Override
    public String getFormattedDateTime(TemporalAccessor value) {
        return delegate.getFormattedDateTime(value);
    }

    @Override
    public String getFormattedDateTimeWithNanos(TemporalAccessor value) {
        return delegate.getFormattedDateTimeWithNanos(value);
    }

    @Override
    public String getFormattedTimestamp(TemporalAccessor value) {
        return delegate.getFormattedTimestamp(value);
    }

    @Override
    public String getFormattedTimestampWithTimeZone(String value) {
        return delegate.getFormattedTimestampWithTimeZone(value);
    }

    @Override
    public JdbcType getSchemaType(Schema schema) {
        return delegate.getSchemaType(schema);
    }

    @Override
    public String getJdbcTypeName(int jdbcType) {
        return delegate.getJdbcTypeName(jdbcType);
    }

    @Override
    public String getJdbcTypeName(int jdbcType, Size size) {
        return delegate.getJdbcTypeName(jdbcType, size);
    }

    @Override
    public String getTimestampPositiveInfinityValue() {
        return delegate.getTimestampPositiveInfinityValue();
    }

    @Override
    public String getTimestampNegativeInfinityValue() {
        return delegate.getTimestampNegativeInfinityValue();
    }

    @Override
    public List<ValueBindDescriptor> bindValue(JdbcFieldDescriptor field, int startIndex, Object value) {
        return delegate.bindValue(field, startIndex, value);
    }

    @Override
    public Set<Class<? extends Exception>> getCommunicationExceptions() {
        return delegate.getCommunicationExceptions();
    }
}
