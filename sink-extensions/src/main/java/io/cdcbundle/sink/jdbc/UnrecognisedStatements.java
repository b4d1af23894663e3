package io.cdcbundle.sink.jdbc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our statement rewrites (multi-row INSERT, the unavailable-value guard) recognise the shape of the SQL Debezium's
 * dialect writes, and leave any other shape as it is, so a Debezium release that writes another shape would turn
 * them off without a sound. This says so, once per shape, as a WARN that names the rewrite and the SQL (column names,
 * never values: the statements have parameters).
 */
public final class UnrecognisedStatements {

    /** The start of the warning, for tests that look for it in a log. */
    static final String WARNING = "cdc-bundle does not recognise this statement's shape";

    private static final Logger log = LoggerFactory.getLogger(UnrecognisedStatements.class);
    private static final int MAX_REMEMBERED = 1000;
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private UnrecognisedStatements() {
    }

    public static void report(String rewrite, String sql) {
        String shape = rewrite + ": " + sql;
        if (warned.size() < MAX_REMEMBERED && warned.add(shape)) {
            log.warn("{}, so {} is off for it (Debezium's statement is used as it is): {}", WARNING, rewrite,
                    sql.length() > 500 ? sql.substring(0, 500) + "..." : sql);
        }
    }
}
