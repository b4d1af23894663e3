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

    /** The option names the sink checks a transform chain against are the transforms' real ones. */
    @Test
    void ourTransformsOptionNamesAreTheirConfigDefsNames() {
        assertEquals(Set.copyOf(io.cdcbundle.transforms.FlattenEnvelope.CONFIG_DEF.names()),
                OurTransformOptions.BY_CLASS.get(io.cdcbundle.transforms.FlattenEnvelope.class.getName()));
        assertEquals(Set.copyOf(io.cdcbundle.transforms.RouteByTable.CONFIG_DEF.names()),
                OurTransformOptions.BY_CLASS.get(io.cdcbundle.transforms.RouteByTable.class.getName()));
    }

    @Test
    void ourOwnOptionNamesAreTheConnectorsConfigNames() {
        assertEquals(SinkProperties.OWN, Set.copyOf(ValidatedJdbcSinkConnector.OWN_CONFIG.names()));
    }
}
