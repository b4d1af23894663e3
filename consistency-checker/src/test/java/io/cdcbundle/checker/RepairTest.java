package io.cdcbundle.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RepairTest {

    @Test
    void aSignalAsksForAnIncrementalSnapshotOfJustTheseKeys() {
        List<String> signals = Repair.signals("shop.orders", Engine.MARIADB, List.of("id"), List.of(List.of(7L), List.of(9L)));
        assertEquals(List.of("{\"data-collections\":[\"shop.orders\"],\"type\":\"incremental\",\"additional-conditions\":"
                + "[{\"data-collection\":\"shop.orders\",\"filter\":\"`id` = 7 OR `id` = 9\"}]}"), signals);
    }

    @Test
    void manyKeysAreSplitIntoSignalsThatFitDebeziumsSignalTable() {
        List<List<Object>> keys = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            keys.add(List.of(i, "name " + i));
        }
        List<String> signals = Repair.signals("public.orders", Engine.POSTGRES, List.of("id", "name"), keys);
        assertTrue(signals.size() > 1);
        int conditions = 0;
        for (String data : signals) {
            assertTrue(data.length() <= Repair.MAX_SIGNAL_DATA, data.length() + " characters");
            conditions += data.split(" OR ").length;
        }
        assertEquals(1000, conditions, "every key in exactly one signal");
        assertTrue(signals.get(0).contains("(\\\"id\\\" = 0 AND \\\"name\\\" = 'name 0')"), signals.get(0));
    }

    @Test
    void keyValuesAreLiteralsOfTheSourcesDialect() {
        assertEquals("'it''s'", Repair.literal(Engine.POSTGRES, "it's"));
        assertEquals("'a\\\\b'", Repair.literal(Engine.MARIADB, "a\\b"), "a backslash escapes in MariaDB strings");
        assertEquals("'2024-01-01 10:00:00.500'", Repair.literal(Engine.POSTGRES, LocalDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000)));
        assertEquals("X'01ff'", Repair.literal(Engine.MARIADB, new byte[] {1, (byte) 0xff}));
        assertEquals("decode('01ff', 'hex')", Repair.literal(Engine.POSTGRES, new byte[] {1, (byte) 0xff}));
    }
}
