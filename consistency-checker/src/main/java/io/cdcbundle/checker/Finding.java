package io.cdcbundle.checker;

import java.util.List;

/**
 * What the checker tells: a row that differs (MISSING from the target, EXTRA in it, CHANGED, or UNSETTLED: its
 * source kept changing through every re-check), a repair's outcome (REPAIRED, REPAIR_FAILED), the end of a pass
 * over a table, or progress within one.
 */
record Finding(Kind kind, String table, List<String> key, List<String> columns, long pass, long rowsChecked,
               long differences, int pending, long startedAt, long at, String detail) {

    enum Kind { MISSING, EXTRA, CHANGED, UNSETTLED, REPAIRED, REPAIR_FAILED, PASS, PROGRESS }

    static Finding row(Kind kind, String table, List<String> key, List<String> columns, long pass, long at) {
        return new Finding(kind, table, key, columns, pass, 0, 0, 0, 0, at, null);
    }

    Finding withDetail(String text) {
        return new Finding(kind, table, key, columns, pass, rowsChecked, differences, pending, startedAt, at, text);
    }

    boolean isDifference() {
        return kind == Kind.MISSING || kind == Kind.EXTRA || kind == Kind.CHANGED || kind == Kind.UNSETTLED;
    }
}
