package io.cdcbundle.sink.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader whose errors say where (line and column) and what to do, as connector JSON written by hand
 * needs: the seed's files carry '#' comments, which the Connect REST API refuses with a bare parse error. No
 * dependency, so that the linter runs from our jar alone.
 */
final class JsonReader {

    /** Where and why the text is not JSON. */
    static final class JsonError extends Exception {
        final int line;
        final int column;

        JsonError(int line, int column, String message) {
            super("line " + line + ", column " + column + ": " + message);
            this.line = line;
            this.column = column;
        }
    }

    private final String text;
    private int pos;

    /** Jackson's default limit: as deep as any JSON a worker would accept. */
    private static final int MAX_DEPTH = 1000;
    private int depth;

    private Object nested(Object value) {
        depth--;
        return value;
    }

    private JsonReader(String text) {
        this.text = text;
    }

    static Object read(String text) throws JsonError {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected " + reader.describe() + " after the end of the document");
        }
        return value;
    }

    private Object value() throws JsonError {
        if (pos >= text.length()) {
            throw error("the document ends where a value is expected");
        }
        char c = text.charAt(pos);
        if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
            // Each level is a frame of this recursive reader: a deep enough file would overflow the stack.
            throw error("values nested deeper than " + MAX_DEPTH + " levels; no connector configuration needs that");
        }
        return switch (c) {
            case '{' -> nested(object());
            case '[' -> nested(array());
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || Character.isDigit(c)) {
                    yield number();
                }
                throw error("expected a value but found " + describe());
            }
        };
    }

    private Map<String, Object> object() throws JsonError {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a property name in double quotes but found " + describe());
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.put(key, value()) != null) {
                throw error("property \"" + key + "\" appears twice");
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' but found " + describe());
            }
        }
    }

    private List<Object> array() throws JsonError {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' but found " + describe());
            }
        }
    }

    private String string() throws JsonError {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("'\\" + e + "' is no JSON escape; write '\\\\" + e + "' for a backslash");
                    }
                }
            } else if (c == '\n') {
                pos--;
                throw error("a string runs past the end of the line: close it with '\"'");
            } else {
                out.append(c);
            }
        }
        throw error("a string is not closed");
    }

    private Object number() throws JsonError {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos);
        try {
            return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : Long.parseLong(n);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + n + "' is not a number");
        }
    }

    private Object literal(String word, Object value) throws JsonError {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value but found " + describe());
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws JsonError {
        if (peek() != c) {
            throw error("expected '" + c + "' but found " + describe());
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String describe() {
        if (pos >= text.length()) {
            return "the end of the document";
        }
        char c = text.charAt(pos);
        if (c == '#' || (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*'))) {
            return "'" + c + "': JSON has no comments; remove the comment (the REST API refuses it too)";
        }
        return "'" + c + "'";
    }

    private JsonError error(String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonError(line, column, message);
    }
}
