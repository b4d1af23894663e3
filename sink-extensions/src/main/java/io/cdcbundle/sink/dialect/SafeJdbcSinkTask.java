package io.cdcbundle.sink.dialect;

import java.util.LinkedHashMap;
import java.util.Map;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's JDBC sink task, started so that it writes through {@link SafeDatabaseDialect} under
 * {@link DialectSettings} (unless {@value DialectSettings#ENABLED}=false). The task of ValidatedJdbcSinkConnector.
 */
public class SafeJdbcSinkTask extends JdbcSinkConnectorTask {

    private static final Logger log = LoggerFactory.getLogger(SafeJdbcSinkTask.class);

    @Override
    public void start(Map<String, String> props) {
        if (!DialectSettings.enabled(props)) {
            log.info("{} is false: Debezium's own dialect and settings", DialectSettings.ENABLED);
            super.start(props);
            return;
        }
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> effective = DialectSettings.apply(props, changes);
        changes.forEach((key, value) -> log.info("cdc-bundle dialect sets {} = {}", key, value));
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new DialectFirstClassLoader(
                original != null ? original : SafeJdbcSinkTask.class.getClassLoader()));
        try {
            super.start(effective);
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
