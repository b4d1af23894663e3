package io.cdcbundle.sink.dialect;

import io.debezium.connector.jdbc.JdbcSinkConnectorConfig;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.dialect.DatabaseDialectProvider;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cdcbundle.sink.settings.DialectOptions;

/**
 * Provides {@link SafeDatabaseDialect} for MariaDB, MySQL and PostgreSQL targets. Not in the standard service file:
 * the sink task puts it first in the dialect lookup ({@code io.cdcbundle.sink.task.DialectWiring}), so Debezium's own
 * connector class keeps Debezium's dialects whatever the order of jars in the plugin directory.
 */
public final class SafeDialectProvider implements DatabaseDialectProvider {


    private static final Logger log = LoggerFactory.getLogger(SafeDialectProvider.class);

    @Override
    public boolean supports(Dialect dialect) {
        return TargetServer.supports(dialect);
    }

    @Override
    public Class<?> name() {
        return SafeDatabaseDialect.class;
    }

    @Override
    public DatabaseDialect instantiate(JdbcSinkConnectorConfig config, SessionFactory sessionFactory) {
        Dialect dialect = sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        String product = productVersion(sessionFactory);
        TargetServer server = TargetServer.of(dialect, product);
        Object placeholder = sessionFactory.getProperties().get(DialectOptions.PLACEHOLDER_SETTING);
        UnavailableValueGuard guard = placeholder == null || placeholder.toString().isEmpty() ? null
                : new UnavailableValueGuard(placeholder.toString(), server == TargetServer.POSTGRES);
        Object ttl = sessionFactory.getProperties().get(DialectOptions.TABLE_TTL_SETTING);
        long ttlMillis = ttl == null ? DialectOptions.DEFAULT_TABLE_TTL_MS : Long.parseLong(ttl.toString().trim());
        DatabaseDialect stock = server.stock(new TaskOwnDialectClassLoader(SafeDialectProvider.class.getClassLoader()))
                .instantiate(config, sessionFactory);
        SafeDatabaseDialect safe = new SafeDatabaseDialect(stock, server, config, guard, new TableMetadataCache(ttlMillis), id -> {
            try (StatelessSession session = sessionFactory.openStatelessSession()) {
                return session.doReturningWork(connection -> stock.readTable(connection, id));
            }
        });
        log.info("cdc-bundle dialect for {} {} (Hibernate {}), delegating to Debezium's {}; key predicates required, "
                + "unavailable-value placeholder {}, table descriptions kept {} ms", server, product,
                dialect.getClass().getSimpleName(), safe.delegateName(),
                guard == null ? "written as it comes" : "keeps the target's text", ttlMillis);
        return safe;
    }

    private static String productVersion(SessionFactory sessionFactory) {
        try (StatelessSession session = sessionFactory.openStatelessSession()) {
            return session.doReturningWork(connection -> connection.getMetaData().getDatabaseProductVersion());
        }
    }
}
