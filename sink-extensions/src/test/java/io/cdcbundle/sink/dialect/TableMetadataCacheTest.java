package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.debezium.connector.jdbc.relational.TableDescriptor;
import io.debezium.metadata.CollectionId;
import org.junit.jupiter.api.Test;

class TableMetadataCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final CollectionId orders = new CollectionId("db", "public", "orders");

    private TableDescriptor table(String name) {
        reads.incrementAndGet();
        return TableDescriptor.builder().schemaName("public").tableName(name).type("TABLE").build();
    }

    @Test
    void aTableIsReadOnceWithinTheTtl() throws SQLException {
        TableMetadataCache cache = new TableMetadataCache(1000, now::get);
        TableDescriptor first = cache.read(orders, () -> table("orders"));
        now.addAndGet(999_999_999L);
        assertSame(first, cache.read(orders, () -> table("orders")));
        assertTrue(cache.exists(orders, () -> {
            throw new AssertionError("a described table exists without asking the catalogue");
        }));
        assertEquals(1, reads.get());
        now.addAndGet(1);
        cache.read(orders, () -> table("orders"));
        assertEquals(2, reads.get(), "read again once the TTL is over");
    }

    @Test
    void createOrAlterMakesEveryTableReadAgain() throws SQLException {
        TableMetadataCache cache = new TableMetadataCache(60_000, now::get);
        cache.read(orders, () -> table("orders"));
        cache.forgetAll();
        cache.read(orders, () -> table("orders"));
        assertEquals(2, reads.get());
    }

    @Test
    void aKeptDescriptionFoundStaleIsReadAgainOnce() throws SQLException {
        TableMetadataCache cache = new TableMetadataCache(60_000, now::get);
        TableDescriptor kept = cache.read(orders, () -> table("orders"));
        TableDescriptor fresh = cache.reread(kept, id -> {
            assertEquals(orders, id, "read by the id the sink read it by");
            return table("orders");
        });
        assertNotSame(kept, fresh);
        assertSame(fresh, cache.read(orders, () -> table("orders")), "the fresh one is kept");
        assertNull(cache.reread(kept, id -> table("orders")), "the old one is no longer kept: nothing to read again");
        assertEquals(2, reads.get());
    }

    @Test
    void aMissingTableIsAskedForEveryTime() throws SQLException {
        TableMetadataCache cache = new TableMetadataCache(60_000, now::get);
        AtomicInteger checks = new AtomicInteger();
        assertFalse(cache.exists(orders, () -> checks.incrementAndGet() < 0));
        assertFalse(cache.exists(orders, () -> checks.incrementAndGet() < 0));
        assertEquals(2, checks.get());
        assertThrows(SQLException.class, () -> cache.read(orders, () -> {
            throw new SQLException("relation does not exist");
        }));
        cache.read(orders, () -> table("orders"));
        assertEquals(1, reads.get(), "a failed read leaves nothing behind");
    }

    @Test
    void ttlZeroReadsEveryBatch() throws SQLException {
        TableMetadataCache cache = new TableMetadataCache(0, now::get);
        cache.read(orders, () -> table("orders"));
        cache.read(orders, () -> table("orders"));
        assertEquals(2, reads.get());
    }
}
