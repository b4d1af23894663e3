package io.cdcbundle.sink.dialect;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.debezium.connector.jdbc.relational.TableDescriptor;
import io.debezium.metadata.CollectionId;

/**
 * The target tables as last read from the database's catalogue. Debezium's sink checks that a table exists and reads
 * its columns and key again for every batch it writes (three catalogue queries per table per batch, more time than
 * the batch's own statements on PostgreSQL); a description is kept here instead until it is older than the TTL or the
 * sink asks for a CREATE or ALTER statement, after which every table is read from the database again (the table an
 * ALTER names is the catalogue's spelling of the id it was read by, so it cannot be matched). A record with fields
 * that a kept description lacks has that table read again ({@link #reread}) before anything is altered: another task
 * or a person may have added the columns. Other changes by someone else are seen within the TTL; a table that does
 * not exist is never cached.
 */
final class TableMetadataCache {

    /** A catalogue read that may fail like the JDBC call it wraps. */
    @FunctionalInterface
    interface Read<T> {
        T get() throws SQLException;
    }

    /** Reads a table's description on a connection of its own. */
    @FunctionalInterface
    interface Catalogue {
        TableDescriptor readTable(CollectionId id) throws SQLException;
    }

    private record Entry(TableDescriptor table, long readAt) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<CollectionId, Entry> tables = new ConcurrentHashMap<>();

    TableMetadataCache(long ttlMillis) {
        this(ttlMillis, System::nanoTime);
    }

    TableMetadataCache(long ttlMillis, LongSupplier nanoClock) {
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.clock = nanoClock;
    }

    boolean exists(CollectionId id, Read<Boolean> check) throws SQLException {
        return fresh(id) != null || check.get();
    }

    TableDescriptor read(CollectionId id, Read<TableDescriptor> reader) throws SQLException {
        TableDescriptor cached = fresh(id);
        if (cached != null) {
            return cached;
        }
        long readAt = clock.getAsLong();
        TableDescriptor table = reader.get();
        if (ttlNanos > 0 && table != null) {
            tables.put(id, new Entry(table, readAt));
        }
        return table;
    }

    /**
     * The table's description read again, when {@code served} is the one kept for it; null when it is not (read
     * just now, or already replaced), as the caller then holds a description the catalogue gave it.
     */
    TableDescriptor reread(TableDescriptor served, Catalogue catalogue) throws SQLException {
        for (Map.Entry<CollectionId, Entry> kept : tables.entrySet()) {
            if (kept.getValue().table() == served) {
                CollectionId id = kept.getKey();
                tables.remove(id);
                return read(id, () -> catalogue.readTable(id));
            }
        }
        return null;
    }

    /** The sink is about to create or alter a table: the next reads must see the result. */
    void forgetAll() {
        tables.clear();
    }

    private TableDescriptor fresh(CollectionId id) {
        Entry entry = tables.get(id);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() - entry.readAt() >= ttlNanos) {
            tables.remove(id, entry);
            return null;
        }
        return entry.table();
    }
}
