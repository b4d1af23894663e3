package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MultiRowInsertTest {

    @Test
    void repeatsTheTupleAndKeepsTheUpsertClause() {
        String sql = "INSERT INTO target_table (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name=VALUES(name)";
        MultiRowInsert insert = MultiRowInsert.parse(sql).orElseThrow();
        assertEquals(2, insert.parametersPerRow());
        assertEquals(sql, insert.sql(1));
        assertEquals("INSERT INTO target_table (id, name) VALUES (?, ?),(?, ?),(?, ?) ON DUPLICATE KEY UPDATE "
                + "name=VALUES(name)", insert.sql(3));
    }

    @Test
    void countsParametersInsideCastsButNotInQuotedText() {
        String sql = "INSERT INTO \"s\".\"t\" (\"id\",\"doc\",\"note\") VALUES (?,cast(? as json),'what?') "
                + "ON CONFLICT (\"id\") DO UPDATE SET \"doc\"=EXCLUDED.\"doc\"";
        MultiRowInsert insert = MultiRowInsert.parse(sql).orElseThrow();
        assertEquals(2, insert.parametersPerRow());
        assertEquals("INSERT INTO \"s\".\"t\" (\"id\",\"doc\",\"note\") VALUES (?,cast(? as json),'what?'),"
                + "(?,cast(? as json),'what?') ON CONFLICT (\"id\") DO UPDATE SET \"doc\"=EXCLUDED.\"doc\"", insert.sql(2));
    }

    @Test
    void keepsTheGuardedUpsertWhoseLiteralHoldsACommaAndParentheses() {
        String sql = "INSERT INTO t (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE "
                + "name=IF(VALUES(name) <=> 'a,(b)', name, VALUES(name))";
        assertEquals(sql.replace("(?, ?)", "(?, ?),(?, ?)"), MultiRowInsert.parse(sql).orElseThrow().sql(2));
    }

    @Test
    void leavesEveryOtherStatementAlone() {
        for (String sql : new String[] {
                "UPDATE t SET name=? WHERE id=?",
                "DELETE FROM t WHERE id=?",
                "INSERT INTO t (id) SELECT id FROM u WHERE id > ?",
                "INSERT INTO t (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name=?",
                "INSERT INTO t (id, name) VALUES (?, ?), (?, ?)",
                "INSERT INTO t (id, name) VALUES (1, 'x')",
                "INSERT INTO t (id) VALUES (?) RETURNING id",
                "INSERT INTO t (id, name) VALUES (?, 'unterminated)",
                "insert into t (id, name) select * from unnest(?::int[], ?::text[])"}) {
            assertTrue(MultiRowInsert.parse(sql).isEmpty(), sql);
        }
    }
}
