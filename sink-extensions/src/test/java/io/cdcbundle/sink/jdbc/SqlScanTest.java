package io.cdcbundle.sink.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlScanTest {

    @Test
    void splitsAtCommasOutsideQuotesAndParentheses() {
        assertEquals(List.of("a=VALUES(a)", " b=IF(x, 'y,z', b)", " `c,d`=\"e,f\"", " g='it''s, here'"),
                SqlScan.splitTopLevel("a=VALUES(a), b=IF(x, 'y,z', b), `c,d`=\"e,f\", g='it''s, here'"));
    }

    @Test
    void anUnclosedQuoteLeavesTheRestInOnePart() {
        assertEquals(List.of("a=1", " b='x, c=2"), SqlScan.splitTopLevel("a=1, b='x, c=2"));
    }

    @Test
    void findsTheClosingParenthesisPastQuotedOnes() {
        String sql = "VALUES (?, ')', (?)) ON";
        assertEquals(sql.indexOf(") ON"), SqlScan.closing(sql, sql.indexOf('(')));
        assertEquals(-1, SqlScan.closing("(?, ?", 0));
    }

    @Test
    void countsParameterMarkersOutsideQuotesOnly() {
        String sql = "INSERT INTO t (\"a?\") VALUES (?, '?', ?, `?`)";
        assertEquals(2, SqlScan.countParameters(sql, 0, sql.length()));
        assertEquals(-1, SqlScan.countParameters("(?, '?", 0, 6));
    }

    @Test
    void findsTextOutsideQuotes() {
        assertEquals(8, SqlScan.indexOutsideQuotes("'(' \"(\" (", "(", 0));
        assertEquals(-1, SqlScan.indexOutsideQuotes("'('", "(", 0));
    }
}
