package io.cdcbundle.load;

import java.util.List;
import java.util.stream.Collectors;

import io.cdcbundle.checker.Engine;

/**
 * A multi-row insert that overwrites a row of the same key, as the sink's {@code insert.mode=upsert} does: a row the
 * sink wrote before it was stopped is overwritten by the newer copy, never duplicated.
 */
record Upsert(Engine engine, String table, List<String> columns, List<String> keys) {

    /** PostgreSQL binds at most 65,535 parameters a statement. */
    private static final int MAX_PARAMETERS = 60_000;

    /** Rows per statement for {@code wanted} rows of this many columns. */
    int rowsPerStatement(int wanted) {
        return Math.max(1, Math.min(wanted, MAX_PARAMETERS / columns.size()));
    }

    String sql(int rows) {
        String tuple = columns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(columns.stream().map(engine::quote).collect(Collectors.joining(", "))).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        List<String> others = columns.stream().filter(c -> !keys.contains(c)).toList();
        if (engine == Engine.MARIADB) {
            String first = engine.quote(columns.get(0));
            sql.append(" ON DUPLICATE KEY UPDATE ").append(others.isEmpty() ? first + " = " + first
                    : others.stream().map(c -> engine.quote(c) + " = VALUES(" + engine.quote(c) + ")")
                    .collect(Collectors.joining(", ")));
        } else {
            sql.append(" ON CONFLICT (").append(keys.stream().map(engine::quote).collect(Collectors.joining(", ")))
                    .append(others.isEmpty() ? ") DO NOTHING" : ") DO UPDATE SET " + others.stream()
                    .map(c -> engine.quote(c) + " = EXCLUDED." + engine.quote(c)).collect(Collectors.joining(", ")));
        }
        return sql.toString();
    }
}
