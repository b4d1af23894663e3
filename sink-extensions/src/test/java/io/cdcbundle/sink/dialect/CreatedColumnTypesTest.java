package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CreatedColumnTypesTest {

    @Test
    void theColumnsTypeIsReplacedWhereverItStandsAndHoweverItIsQuoted() {
        assertEquals("CREATE TABLE t (id integer NOT NULL, n numeric NULL, PRIMARY KEY(id))",
                CreatedColumnTypes.replaceColumnType("CREATE TABLE t (id integer NOT NULL, n double precision NULL, "
                        + "PRIMARY KEY(id))", "n", "double precision", "numeric"));
        assertEquals("CREATE TABLE t (\"N\" numeric NULL)",
                CreatedColumnTypes.replaceColumnType("CREATE TABLE t (\"N\" double precision NULL)", "n", "double precision", "numeric"));
        assertEquals("ALTER TABLE t ADD `n` decimal(65,30) NULL",
                CreatedColumnTypes.replaceColumnType("ALTER TABLE t ADD `n` double NULL", "n", "double", "decimal(65,30)"));
    }

    @Test
    void aColumnWhoseNameEndsAnotherOrWhoseTypeIsNotFoundIsNotReplaced() {
        assertNull(CreatedColumnTypes.replaceColumnType("CREATE TABLE t (xn double NULL)", "n", "double", "numeric"));
        assertNull(CreatedColumnTypes.replaceColumnType("CREATE TABLE t (n float NULL)", "n", "double", "numeric"));
        assertNull(CreatedColumnTypes.replaceColumnType("CREATE TABLE t (n doubles NULL)", "n", "double", "numeric"));
    }

    @Test
    void whatIsReplacedPerTarget() {
        Schema variable = SchemaBuilder.struct().name(CreatedColumnTypes.VARIABLE_SCALE_DECIMAL).build();
        Schema zoned = SchemaBuilder.string().name(CreatedColumnTypes.ZONED_TIMESTAMP).build();
        assertEquals("numeric", new CreatedColumnTypes(TargetServer.POSTGRES).replacement(variable, false).orElseThrow());
        assertEquals("decimal(65,30)", new CreatedColumnTypes(TargetServer.MARIADB).replacement(variable, false).orElseThrow());
        assertEquals("datetime(6)", new CreatedColumnTypes(TargetServer.MYSQL).replacement(zoned, false).orElseThrow());
        assertTrue(new CreatedColumnTypes(TargetServer.POSTGRES).replacement(zoned, false).isEmpty());
        assertTrue(new CreatedColumnTypes(TargetServer.MARIADB).replacement(Schema.STRING_SCHEMA, false).isEmpty());
        assertEquals("varbinary(255)", new CreatedColumnTypes(TargetServer.MARIADB).replacement(Schema.BYTES_SCHEMA, true).orElseThrow());
        assertTrue(new CreatedColumnTypes(TargetServer.MARIADB).replacement(Schema.BYTES_SCHEMA, false).isEmpty());
        assertTrue(new CreatedColumnTypes(TargetServer.POSTGRES).replacement(Schema.BYTES_SCHEMA, true).isEmpty());
    }
}
