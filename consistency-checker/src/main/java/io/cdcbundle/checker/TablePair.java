package io.cdcbundle.checker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One table compared: its name on the source and on the target, each a plain or dot-qualified SQL name. */
public record TablePair(String source, String target) {

    /** Letters, digits, _ and $ per part; what both engines accept unquoted, and all a Debezium topic can carry. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    /** A plain or dot-qualified name both engines accept unquoted. */
    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    public static TablePair parse(String entry) {
        String text = entry.trim();
        int eq = text.indexOf('=');
        String source = (eq < 0 ? text : text.substring(0, eq)).trim();
        String target = (eq < 0 ? text : text.substring(eq + 1)).trim();
        for (String name : new String[] {source, target}) {
            if (!isName(name)) {
                throw new IllegalArgumentException("'" + text + "' is not source_table=target_table with names of letters, "
                        + "digits and _ (optionally schema.table); write e.g. inventory.orders=orders");
            }
        }
        return new TablePair(source, target);
    }

    public static List<TablePair> parseAll(List<String> entries) {
        List<TablePair> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            TablePair pair = parse(entry);
            if (!seen.add(pair.id())) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is listed twice; list each table once");
            }
            pairs.add(pair);
        }
        return pairs;
    }

    /** The pair as written in the configuration: its identity in offsets and findings. */
    public String id() {
        return source.equals(target) ? source : source + "=" + target;
    }
}
