package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a table's check stands, as a Connect source offset: the pass, its phase and the last key read. Connect
 * keeps offsets of primitive values only, so the key is one string of length-prefixed texts; a restarted task binds
 * them as text, which both engines read as the key column's type. A key of bytes is not kept (the phase starts
 * over).
 */
record Position(long pass, TableCheck.Phase phase, List<Object> after, long nextPassAt) {

    static Map<String, Object> partition(TablePair pair) {
        return Map.of("table", pair.id());
    }

    Map<String, Object> offset() {
        Map<String, Object> offset = new HashMap<>();
        offset.put("pass", pass);
        offset.put("phase", phase.name());
        offset.put("next_pass_at", nextPassAt);
        String key = encode(after);
        if (key != null) {
            offset.put("after", key);
        }
        return offset;
    }

    static Position of(Map<String, Object> offset) {
        if (offset == null || !(offset.get("pass") instanceof Number pass) || !(offset.get("phase") instanceof String phase)) {
            return null;
        }
        TableCheck.Phase p;
        try {
            p = TableCheck.Phase.valueOf(phase);
        } catch (IllegalArgumentException e) {
            return null;
        }
        long next = offset.get("next_pass_at") instanceof Number n ? n.longValue() : 0;
        List<Object> after = offset.get("after") instanceof String key ? decode(key) : null;
        return new Position(pass.longValue(), p, after, next);
    }

    static String encode(List<Object> key) {
        if (key == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Object value : key) {
            if (value instanceof byte[]) {
                return null;
            }
            String text = value == null ? null : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            out.append(text == null ? "-" : text.length() + ":" + text);
        }
        return out.toString();
    }

    static List<Object> decode(String key) {
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < key.length()) {
            if (key.charAt(i) == '-') {
                values.add(null);
                i++;
                continue;
            }
            int colon = key.indexOf(':', i);
            if (colon < 0) {
                return null;
            }
            int length = Integer.parseInt(key.substring(i, colon));
            values.add(key.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return values;
    }
}
