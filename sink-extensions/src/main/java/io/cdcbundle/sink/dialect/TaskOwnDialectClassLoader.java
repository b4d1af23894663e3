package io.cdcbundle.sink.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.security.ProtectionDomain;
import java.util.Set;

import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.dialect.DatabaseDialectProvider;
import io.debezium.connector.jdbc.dialect.DatabaseDialectResolver;
import io.debezium.connector.jdbc.type.JdbcType;

/**
 * Defines Debezium's dialect and type classes once more for one sink task, so that the task's types are its own.
 * <p>
 * Why: Debezium's JDBC sink keeps each column type as a singleton ({@code ConnectStringType.INSTANCE}...) that
 * remembers, in a field, the last dialect and configuration it was registered with. Every sink task on a worker
 * shares them (one plugin class loader), so a task started later for another engine, or with another
 * {@code use.time.zone}, changes the types of the tasks already running: a PostgreSQL sink then creates
 * {@code datetime(6)} and {@code longtext[]} columns, a MariaDB sink {@code timestamp(6)} ones (issue #15).
 * Classes defined here, from the same class files, have singletons of their own.
 * <p>
 * Only the packages {@code io.debezium.connector.jdbc.dialect} and {@code .type} are defined again; nothing outside
 * them names a class inside them except the interfaces through which the task and its records talk to a dialect,
 * which stay the plugin's ({@link #SHARED}), as does everything else (Hibernate, Debezium's records, ours).
 */
final class TaskOwnDialectClassLoader extends ClassLoader {

    private static final String[] OWN_PACKAGES = {"io.debezium.connector.jdbc.dialect.", "io.debezium.connector.jdbc.type."};
    static final Set<String> SHARED = Set.of(DatabaseDialect.class.getName(), DatabaseDialectProvider.class.getName(),
            DatabaseDialectResolver.class.getName(), JdbcType.class.getName());

    static {
        registerAsParallelCapable();
    }

    private final ProtectionDomain domain = DatabaseDialect.class.getProtectionDomain();

    TaskOwnDialectClassLoader(ClassLoader plugin) {
        super("cdc-bundle-task-dialect", plugin);
    }

    /** An instance of one of Debezium's dialect providers, by class name, from this loader's own classes. */
    DatabaseDialectProvider provider(String className) {
        try {
            return (DatabaseDialectProvider) loadClass(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Debezium's dialect provider " + className + " cannot be loaded from the "
                    + "debezium-connector-jdbc plugin: is this the Debezium line cdc-bundle's dialect was built for?", e);
        }
    }

    static boolean ownCopy(String className) {
        if (SHARED.contains(className)) {
            return false;
        }
        for (String prefix : OWN_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!ownCopy(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = defineOwn(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> defineOwn(String name) throws ClassNotFoundException {
        String file = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(file)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
