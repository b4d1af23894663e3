package io.cdcbundle.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.cdcbundle.checker.Engine;
import org.junit.jupiter.api.Test;

class UpsertTest {

    @Test
    void mariadbOverwritesEveryColumnButTheKey() {
        Upsert u = new Upsert(Engine.MARIADB, "`db`.`t`", List.of("id", "na`me"), List.of("id"));
        assertEquals("INSERT INTO `db`.`t` (`id`, `na``me`) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE "
                + "`na``me` = VALUES(`na``me`)", u.sql(2));
    }

    @Test
    void postgresOverwritesOnConflictOfTheKey() {
        Upsert u = new Upsert(Engine.POSTGRES, "\"public\".\"t\"", List.of("a", "b", "v"), List.of("a", "b"));
        assertEquals("INSERT INTO \"public\".\"t\" (\"a\", \"b\", \"v\") VALUES (?, ?, ?) ON CONFLICT (\"a\", \"b\") "
                + "DO UPDATE SET \"v\" = EXCLUDED.\"v\"", u.sql(1));
    }

    @Test
    void aTableOfKeysOnlyKeepsTheRowItHas() {
        assertEquals("INSERT INTO t (\"k\") VALUES (?) ON CONFLICT (\"k\") DO NOTHING",
                new Upsert(Engine.POSTGRES, "t", List.of("k"), List.of("k")).sql(1));
        assertEquals("INSERT INTO t (`k`) VALUES (?) ON DUPLICATE KEY UPDATE `k` = `k`",
                new Upsert(Engine.MARIADB, "t", List.of("k"), List.of("k")).sql(1));
    }

    @Test
    void aStatementStaysUnderPostgresParameterLimit() {
        Upsert wide = new Upsert(Engine.POSTGRES, "t", java.util.Collections.nCopies(200, "c"), List.of("c"));
        assertEquals(300, wide.rowsPerStatement(1000));
        assertEquals(10, wide.rowsPerStatement(10));
    }
}
