package io.cdcbundle.sink.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        String sql = "INSERT INTO `s`.`t` (`id`,`doc`,`note`) VALUES (?,cast(? as json),'what?') "
                + "ON DUPLICATE KEY UPDATE `doc`=VALUES(`doc`)";
        MultiRowInsert insert = MultiRowInsert.parse(sql).orElseThrow();
        assertEquals(2, insert.parametersPerRow());
        assertEquals("INSERT INTO `s`.`t` (`id`,`doc`,`note`) VALUES (?,cast(? as json),'what?'),"
                + "(?,cast(? as json),'what?') ON DUPLICATE KEY UPDATE `doc`=VALUES(`doc`)", insert.sql(2));
    }

    @Test
    void knowsWhereTheConflictKeyIsBound() {
        MultiRowInsert upsert = MultiRowInsert.parse("INSERT INTO t (\"a\",\"id\",\"b\") VALUES (?,?,cast(? as jsonb)) "
                + "ON CONFLICT (\"id\",\"a\") DO UPDATE SET \"b\"=EXCLUDED.\"b\"").orElseThrow();
        assertArrayEquals(new int[] {1, 0}, upsert.conflictKeyParameters());
        assertArrayEquals(new int[0], MultiRowInsert.parse("INSERT INTO t (id) VALUES (?) ON DUPLICATE KEY UPDATE "
                + "id=VALUES(id)").orElseThrow().conflictKeyParameters());
        assertArrayEquals(new int[] {1}, MultiRowInsert.parse("INSERT INTO t (\"a,b\",\"k)\") VALUES (?,?) "
                + "ON CONFLICT (\"k)\") DO NOTHING").orElseThrow().conflictKeyParameters(),
                "quoted column names holding a comma or a parenthesis");
        assertTrue(MultiRowInsert.parse("INSERT INTO t (id, v) VALUES (?, coalesce(?, ?)) ON CONFLICT (id) DO NOTHING")
                .isEmpty(), "parameters that are not one per column cannot be mapped to the key: left row by row");
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
