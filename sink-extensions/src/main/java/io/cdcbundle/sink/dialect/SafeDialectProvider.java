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

/**
 * Provides {@link SafeDatabaseDialect} for MariaDB, MySQL and PostgreSQL targets. Not in the standard service file:
 * {@link SafeJdbcSinkTask} puts it first in the dialect lookup, so Debezium's own connector class keeps Debezium's
 * dialects whatever the order of jars in the plugin directory.
 */
public final class SafeDialectProvider implements DatabaseDialectProvider {

    /** The unavailable-value placeholder to guard against; empty = off. A Hibernate setting, see SafeJdbcSinkTask. */
    static final String PLACEHOLDER_SETTING = "hibernate.cdcbundle.unavailable.value.placeholder";

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
        Object placeholder = sessionFactory.getProperties().get(PLACEHOLDER_SETTING);
        UnavailableValueGuard guard = placeholder == null || placeholder.toString().isEmpty() ? null
                : new UnavailableValueGuard(placeholder.toString(), server == TargetServer.POSTGRES);
        SafeDatabaseDialect safe = new SafeDatabaseDialect(server.stock().instantiate(config, sessionFactory), guard);
        log.info("cdc-bundle dialect for {} {} (Hibernate {}), delegating to Debezium's {}; key predicates required, "
                + "unavailable-value placeholder {}", server, product, dialect.getClass().getSimpleName(),
                safe.delegateName(), guard == null ? "written as it comes" : "keeps the target's text");
        return safe;
    }

    private static String productVersion(SessionFactory sessionFactory) {
        try (StatelessSession session = sessionFactory.openStatelessSession()) {
            return session.doReturningWork(connection -> connection.getMetaData().getDatabaseProductVersion());
        }
    }
}
