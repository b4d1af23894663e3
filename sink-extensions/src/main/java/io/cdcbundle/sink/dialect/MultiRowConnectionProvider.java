package io.cdcbundle.sink.dialect;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import org.hibernate.c3p0.internal.C3P0ConnectionProvider;

/**
 * The Debezium JDBC sink's own connection pool (c3p0), whose connections prepare the sink's single-row INSERT and
 * upsert statements as {@link MultiRowBatchStatement}s: a JDBC batch of n rows then runs as n / max.rows multi-row
 * statements. Set as the sink's {@code connection.provider} by {@link SafeJdbcSinkTask} for MariaDB, MySQL and
 * PostgreSQL targets, whose drivers send a batch as one statement per row (pgjdbc's reWriteBatchedInserts would
 * rewrite it, but splits a batch at no key, which PostgreSQL's upsert then refuses).
 */
public class MultiRowConnectionProvider extends C3P0ConnectionProvider {

    /** Rows per multi-row statement; a Hibernate setting, as the sink passes {@code hibernate.*} through. */
    static final String MAX_ROWS_SETTING = "hibernate.cdcbundle.multirow.max.rows";
    private int maxRows = DialectSettings.DEFAULT_MAX_ROWS;

    @Override
    public void configure(Map<String, Object> settings) {
        Object value = settings.get(MAX_ROWS_SETTING);
        if (value != null) {
            maxRows = Integer.parseInt(value.toString().trim());
        }
        super.configure(settings);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return maxRows <= 1 ? connection : (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        String sql = (String) args[0];
                        Optional<MultiRowInsert> insert = MultiRowInsert.parse(sql);
                        PreparedStatement single = connection.prepareStatement(sql);
                        return insert.isEmpty() ? single
                                : MultiRowBatchStatement.wrap(connection, single, insert.get(), maxRows);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
