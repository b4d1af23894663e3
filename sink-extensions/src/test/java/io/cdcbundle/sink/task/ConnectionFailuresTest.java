package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new org.apache.kafka.connect.errors.ConnectException("Failed to flush records for table 'target_table'",
                new RuntimeException("Error executing work", cause));
    }

    @Test
    void lostAndRefusedConnectionsAreRecognisedDeepInTheCauses() {
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"))));
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new SQLException("An I/O error occurred", "08006"))));
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new SQLNonTransientConnectionException(
                "(conn=12) socket was closed by server", "HY000"))));
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new SQLException("Connection was killed", "70100", 1927))));
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new ConnectException("Connection refused"))));
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new EOFException())));
        assertTrue(ConnectionFailures.isConnectionFailure(wrapped(new SQLException(
                "An attempt by a client to checkout a Connection has timed out."))));
    }

    @Test
    void failuresOfTheDataAreNot() {
        assertFalse(ConnectionFailures.isConnectionFailure(wrapped(new SQLIntegrityConstraintViolationException(
                "Duplicate entry", "23000", 1062))));
        assertFalse(ConnectionFailures.isConnectionFailure(wrapped(new SQLException("numeric field overflow", "22003"))));
        assertFalse(ConnectionFailures.isConnectionFailure(wrapped(new BatchUpdateException("syntax", "42601", new int[0]))));
        assertFalse(ConnectionFailures.isConnectionFailure(wrapped(new NullPointerException())));
        assertFalse(ConnectionFailures.isConnectionFailure(new org.apache.kafka.connect.errors.DataException("bad record")));
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(ConnectionFailures.isConnectionFailure(a));
    }
}
