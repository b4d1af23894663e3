package io.cdcbundle.sink.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reading the SQL the Debezium JDBC sink generates, where quoted text (string literals, quoted identifiers in
 * {@code '}, {@code "} or {@code `}, a doubled quote standing for itself) may hold any character: the statement
 * rewrites of this package look for parentheses, commas and parameter markers only outside it.
 */
public final class SqlScan {

    private SqlScan() {
    }

    /**
     * The first index in [from, to) outside quoted text at which {@code stop} holds; {@code to} if there is none,
     * -1 if a quote opened there is not closed.
     */
    static int scanOutsideQuotes(String sql, int from, int to, IntPredicate stop) {
        for (int i = from; i < to; i++) {
            if (isQuote(sql.charAt(i))) {
                i = endOfQuote(sql, i);
                if (i < 0) {
                    return -1;
                }
            } else if (stop.test(i)) {
                return i;
            }
        }
        return to;
    }

    /** Index of the parenthesis that closes the one at {@code open}, skipping quoted text; -1 if none. */
    static int closing(String sql, int open) {
        int[] depth = {0};
        // An opening parenthesis only counts (never stops the scan: the depth is never negative there).
        int at = scanOutsideQuotes(sql, open, sql.length(),
                i -> sql.charAt(i) == '(' ? ++depth[0] < 0 : sql.charAt(i) == ')' && --depth[0] == 0);
        return at == sql.length() ? -1 : at;
    }

    static int indexOutsideQuotes(String sql, String wanted, int from) {
        int at = scanOutsideQuotes(sql, from, sql.length(), i -> sql.startsWith(wanted, i));
        return at == sql.length() ? -1 : at;
    }

    /** The number of parameter markers in [from, to) outside quoted text; -1 if a quote is not closed. */
    static int countParameters(String sql, int from, int to) {
        int[] count = {0};
        int at = scanOutsideQuotes(sql, from, to, i -> {
            if (sql.charAt(i) == '?') {
                count[0]++;
            }
            return false;
        });
        return at < 0 ? -1 : count[0];
    }

    /** The parts between commas outside quotes and parentheses, as written (untrimmed). */
    public static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int[] depth = {0};
        int start = 0;
        while (true) {
            int from = start;
            int comma = scanOutsideQuotes(list, from, list.length(), i -> {
                char c = list.charAt(i);
                if (c == '(') {
                    depth[0]++;
                } else if (c == ')') {
                    depth[0]--;
                }
                return c == ',' && depth[0] == 0;
            });
            if (comma < 0 || comma == list.length()) {
                parts.add(list.substring(start));
                return parts;
            }
            parts.add(list.substring(start, comma));
            start = comma + 1;
        }
    }

    static int skipSpace(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }

    /** Index of the quote closing the one at {@code start}; -1 if none. */
    private static int endOfQuote(String sql, int start) {
        char quote = sql.charAt(start);
        for (int i = start + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
