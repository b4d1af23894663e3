package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.util.Base64;

/**
 * JSON text in one canonical spelling, so that a PostgreSQL array and the JSON column the sink wrote for it on
 * MariaDB compare equal: no whitespace outside strings, numbers by value. Strings are kept as written.
 */
public final class Json {

    private Json() {
    }

    /** Array elements (as a JDBC driver returns them) as a JSON array. */
    static String of(Object[] elements) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object e = elements[i];
            if (e == null) {
                out.append("null");
            } else if (e instanceof Object[] nested) {
                out.append(of(nested));
            } else if (e instanceof Number || e instanceof Boolean) {
                out.append(e);
            } else if (e instanceof byte[] bytes) {
                quote(out, Base64.getEncoder().encodeToString(bytes));
            } else {
                quote(out, e.toString());
            }
        }
        return out.append(']').toString();
    }

    /** {@code text} in canonical spelling if it reads as a JSON array or object; otherwise as it is. */
    static String compact(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (!(t.startsWith("[") || t.startsWith("{"))) {
            return text;
        }
        StringBuilder out = new StringBuilder(t.length());
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < t.length() && t.charAt(end) != '"') {
                    end += t.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, t.length());
                out.append(t, i, end);
                i = end;
            } else if (c == '-' || Character.isDigit(c)) {
                int end = i + 1;
                while (end < t.length() && "0123456789.eE+-".indexOf(t.charAt(end)) >= 0) {
                    end++;
                }
                String number = t.substring(i, end);
                try {
                    out.append(ValueText.number(new BigDecimal(number)));
                } catch (NumberFormatException e) {
                    out.append(number);
                }
                i = end;
            } else {
                if (!Character.isWhitespace(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
