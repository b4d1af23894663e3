package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.debezium.connector.jdbc.JdbcSinkConnectorConfig;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.dialect.DatabaseDialectProvider;
import io.debezium.connector.jdbc.type.JdbcType;
import org.junit.jupiter.api.Test;

class TaskOwnDialectClassLoaderTest {

    private static final String STRING_TYPE = "io.debezium.connector.jdbc.type.connect.ConnectStringType";

    private final ClassLoader plugin = TaskOwnDialectClassLoaderTest.class.getClassLoader();

    @Test
    void eachTaskHasItsOwnTypeSingletons() throws Exception {
        Class<?> first = Class.forName(STRING_TYPE, true, new TaskOwnDialectClassLoader(plugin));
        Class<?> second = Class.forName(STRING_TYPE, true, new TaskOwnDialectClassLoader(plugin));
        Class<?> shared = Class.forName(STRING_TYPE, true, plugin);
        assertNotSame(first, second);
        assertNotSame(shared, first);
        assertNotSame(first.getField("INSTANCE").get(null), second.getField("INSTANCE").get(null));
        // Yet each is a JdbcType the plugin's classes (Debezium's task and records, ours) can hold.
        assertTrue(JdbcType.class.isAssignableFrom(first));
    }

    @Test
    void theInterfacesBetweenTaskAndDialectStayThePlugins() throws Exception {
        TaskOwnDialectClassLoader loader = new TaskOwnDialectClassLoader(plugin);
        for (Class<?> type : new Class<?>[] {DatabaseDialect.class, DatabaseDialectProvider.class, JdbcType.class,
                JdbcSinkConnectorConfig.class}) {
            assertSame(type, loader.loadClass(type.getName()), type.getName());
        }
        assertFalse(TaskOwnDialectClassLoader.ownCopy(SafeDatabaseDialect.class.getName()));
    }

    @Test
    void everyTargetServersProviderLoadsFromTheTasksOwnClasses() {
        TaskOwnDialectClassLoader loader = new TaskOwnDialectClassLoader(plugin);
        for (TargetServer server : TargetServer.values()) {
            DatabaseDialectProvider provider = server.stock(loader);
            assertSame(loader, provider.getClass().getClassLoader(), server.name());
            assertSame(loader, provider.name().getClassLoader(), server.name());
        }
    }

    @Test
    void aMissingProviderSaysWhichOneAndWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TaskOwnDialectClassLoader(plugin).provider("io.debezium.connector.jdbc.dialect.NoSuchProvider"));
        assertTrue(e.getMessage().contains("NoSuchProvider") && e.getMessage().contains("Debezium line"), e.getMessage());
    }
}
