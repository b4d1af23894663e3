package io.cdcbundle.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Types;

import io.cdcbundle.checker.Column;
import io.cdcbundle.checker.Engine;
import org.junit.jupiter.api.Test;

class ColumnTransferTest {

    private static ColumnTransfer of(Engine from, Engine to, int jdbcType, String type, int precision) {
        return ColumnTransfer.of(from, to, Column.of(from, "c", jdbcType, type, precision, 0), true);
    }

    @Test
    void theSameEngineTakesItsOwnTextOfDatesTimesAndIntervals() {
        assertEquals(ColumnTransfer.TEXT, of(Engine.MARIADB, Engine.MARIADB, Types.TIME, "TIME", 10));
        assertEquals(ColumnTransfer.TEXT, of(Engine.POSTGRES, Engine.POSTGRES, Types.OTHER, "interval", 49));
        assertEquals(ColumnTransfer.TEXT, of(Engine.POSTGRES, Engine.POSTGRES, Types.ARRAY, "_int4", 10));
        assertEquals(ColumnTransfer.TEXT, of(Engine.POSTGRES, Engine.POSTGRES, Types.TIMESTAMP, "timestamptz", 35));
    }

    @Test
    void anotherEngineTakesTypedValues() {
        assertEquals(ColumnTransfer.TIME, of(Engine.MARIADB, Engine.POSTGRES, Types.TIME, "TIME", 10));
        assertEquals(ColumnTransfer.UTC_TO_INSTANT, of(Engine.MARIADB, Engine.POSTGRES, Types.TIMESTAMP, "TIMESTAMP", 26));
        assertEquals(ColumnTransfer.INSTANT_TO_UTC, of(Engine.POSTGRES, Engine.MARIADB, Types.TIMESTAMP, "timestamptz", 35));
        assertEquals(ColumnTransfer.BITS_TO_TEXT, of(Engine.MARIADB, Engine.POSTGRES, Types.BIT, "BIT", 8));
        assertEquals(ColumnTransfer.TEXT_TO_BITS, of(Engine.POSTGRES, Engine.MARIADB, Types.BIT, "bit", 8));
        assertEquals(ColumnTransfer.DECIMAL, of(Engine.MARIADB, Engine.POSTGRES, Types.BIGINT, "BIGINT UNSIGNED", 20));
        assertEquals(ColumnTransfer.INTEGER, of(Engine.MARIADB, Engine.POSTGRES, Types.BIT, "TINYINT", 1));
        assertEquals(ColumnTransfer.BOOLEAN_AS_NUMBER, of(Engine.POSTGRES, Engine.MARIADB, Types.BIT, "bool", 1));
    }

    @Test
    void typesTheSinkReshapesAreLeftToTheSnapshot() {
        assertNull(of(Engine.POSTGRES, Engine.MARIADB, Types.ARRAY, "_int4", 10));
        assertNull(of(Engine.POSTGRES, Engine.MARIADB, Types.OTHER, "interval", 49));
        assertNull(of(Engine.POSTGRES, Engine.MARIADB, Types.NUMERIC, "numeric", 0));
        assertNull(of(Engine.POSTGRES, Engine.POSTGRES, Types.DOUBLE, "money", 0));
        assertNull(of(Engine.POSTGRES, Engine.POSTGRES, Types.OTHER, "varbit", 16));
        assertNull(of(Engine.POSTGRES, Engine.MARIADB, Types.TIME, "timetz", 21));
        assertNull(of(Engine.POSTGRES, Engine.POSTGRES, Types.OTHER, "point", 0));
        assertNull(of(Engine.MARIADB, Engine.POSTGRES, Types.BINARY, "GEOMETRY", 0));
        assertNull(of(Engine.MARIADB, Engine.MARIADB, Types.BINARY, "POINT", 0));
        assertNull(ColumnTransfer.of(Engine.MARIADB, Engine.POSTGRES,
                Column.of(Engine.MARIADB, "c", Types.TIMESTAMP, "TIMESTAMP", 26, 0), false), "use.time.zone not UTC");
    }
}
