package io.cdcbundle.sink.task;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a lost or refused connection to the target (the server restarted, the connection was killed, the network
 * dropped) from everything else, by the causes of a failure: only those are worth trying again with the same rows.
 * A failure of the data (a constraint, a value the column cannot hold, bad SQL) is not.
 */
final class ConnectionFailures {

    /** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
    private static final String[] CONNECTION_STATES = {
        "08",    // connection exception (SQL standard; PostgreSQL, MariaDB, MySQL)
        "57P01", // PostgreSQL admin_shutdown: terminated by an administrator or pg_terminate_backend
        "57P02", // PostgreSQL crash_shutdown
        "57P03", // PostgreSQL cannot_connect_now: starting up or shutting down
        "53300", // PostgreSQL too_many_connections
        "70100", // MariaDB/MySQL: connection was killed (KILL)
        "HY000:1927", // MariaDB: connection was killed
    };

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof EOFException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql)) {
                return true;
            }
            String type = t.getClass().getName();
            // Hibernate's and c3p0's names for it, whose causes are not always kept
            if (type.endsWith("JDBCConnectionException") || type.endsWith("CannotAcquireResourceException")) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("connection is closed") || message.contains("this connection has been closed")
                    || message.contains("checkout a connection has timed out")
                    || message.contains("connections could not be acquired")) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionState(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        for (String known : CONNECTION_STATES) {
            int colon = known.indexOf(':');
            if (colon < 0 ? state.startsWith(known)
                    : state.equals(known.substring(0, colon)) && String.valueOf(e.getErrorCode()).equals(known.substring(colon + 1))) {
                return true;
            }
        }
        return false;
    }
}
