package io.cdcbundle.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import io.debezium.connector.jdbc.JdbcSinkConnector;
import org.junit.jupiter.api.Test;

class SinkPropertiesTest {

    /** The linter's built-in list of sink options is the tested Debezium line's real one. */
    @Test
    void builtInSinkNamesAreThoseOfThePinnedDebeziumJdbcSink() {
        assertEquals(new TreeSet<>(new JdbcSinkConnector().config().names()), new TreeSet<>(SinkProperties.DEBEZIUM_3_5));
    }

    @Test
    void ourOwnOptionNamesAreTheConnectorsConfigNames() {
        assertEquals(SinkProperties.OWN, Set.copyOf(ValidatedJdbcSinkConnector.OWN_CONFIG.names()));
    }
}
