package io.cdcbundle.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Types;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class RangeDigestTest {

    private static final long MAX_ALLOWED_PACKET = 16L << 20;

    private static final List<Column> MARIADB_ORDERS = List.of(
            Column.of(Engine.MARIADB, "id", Types.INTEGER, "INT", 10, 0),
            Column.of(Engine.MARIADB, "name", Types.VARCHAR, "VARCHAR", 32, 0),
            Column.of(Engine.MARIADB, "amount", Types.DECIMAL, "DECIMAL", 12, 2),
            Column.of(Engine.MARIADB, "note", Types.VARCHAR, "VARCHAR", 100, 0));

    /** As the JDBC sink creates the table on PostgreSQL: strings as text, which sets no length. */
    private static final List<Column> POSTGRES_ORDERS = List.of(
            Column.of(Engine.POSTGRES, "id", Types.INTEGER, "int4", 10, 0),
            Column.of(Engine.POSTGRES, "name", Types.VARCHAR, "text", Integer.MAX_VALUE, 0),
            Column.of(Engine.POSTGRES, "amount", Types.NUMERIC, "numeric", 12, 2),
            Column.of(Engine.POSTGRES, "note", Types.VARCHAR, "text", Integer.MAX_VALUE, 0));

    @Test
    void joinsWholeChunksOfNarrowRows() {
        assertEquals(new RangeDigest.Plan(RangeDigest.Form.JOINED, 10_000),
                RangeDigest.plan(MARIADB_ORDERS, MARIADB_ORDERS, 10_000, MAX_ALLOWED_PACKET));
    }

    @Test
    void textWithoutALengthStillJoinsForItsLongValuesAreHashed() {
        assertEquals(new RangeDigest.Plan(RangeDigest.Form.JOINED, 10_000),
                RangeDigest.plan(MARIADB_ORDERS, POSTGRES_ORDERS, 10_000, MAX_ALLOWED_PACKET));
        // a long value is spelt as its 32-digit MD5, within the 64 bytes counted for it
        assertEquals(RangeDigest.LONG_VALUE_BYTES, RangeDigest.spelledBytes(POSTGRES_ORDERS.get(3), MARIADB_ORDERS.get(3)));
        assertEquals(RangeDigest.LONG_VALUE_BYTES, RangeDigest.spelledBytes(MARIADB_ORDERS.get(3), POSTGRES_ORDERS.get(3)));
    }

    @Test
    void shorterRangesWhereTheServerJoinsLessText() {
        RangeDigest.Plan plan = RangeDigest.plan(MARIADB_ORDERS, MARIADB_ORDERS, 10_000, 1L << 20);
        assertEquals(RangeDigest.Form.JOINED, plan.form());
        long row = plan.rows();
        assertEquals(true, row < 10_000 && row >= RangeDigest.JOINED_ROWS_MIN, "rows " + row);
    }

    @Test
    void wideRowsAreHashedOneByOne() {
        List<Column> wide = Collections.nCopies(2_000, Column.of(Engine.POSTGRES, "c", Types.VARCHAR, "text",
                Integer.MAX_VALUE, 0));
        assertEquals(new RangeDigest.Plan(RangeDigest.Form.ROW_SUM, 10_000),
                RangeDigest.plan(wide, wide, 10_000, MAX_ALLOWED_PACKET));
    }

    @Test
    void smallChunksAreJoinedWhole() {
        assertEquals(new RangeDigest.Plan(RangeDigest.Form.JOINED, 40),
                RangeDigest.plan(MARIADB_ORDERS, POSTGRES_ORDERS, 40, MAX_ALLOWED_PACKET));
    }
}
