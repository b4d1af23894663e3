package io.cdcbundle.transforms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigException;

/**
 * Turns a source table into a target table name: an explicit mapping, else a regex rename of the table, a
 * template over db, schema and table, a case style, a prefix and suffix; then every dot-separated identifier is
 * held to the length limit with a stable hash, so two long names never collide.
 */
final class TableNamer {

    enum Case { NONE, LOWER, UPPER, SNAKE }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final List<String> PLACEHOLDERS = List.of("db", "schema", "table");
    private static final int HASH_CHARS = 8;

    private final String format;
    private final Map<String, String> mapping;
    private final Pattern regex;
    private final String replacement;
    private final Case caseStyle;
    private final String prefix;
    private final String suffix;
    private final int maxLength;

    TableNamer(String format, List<String> mapping, String regex, String replacement, Case caseStyle, String prefix,
               String suffix, int maxLength) {
        checkFormat(format);
        this.format = format;
        this.maxLength = maxLength;
        this.mapping = parseMapping(mapping, maxLength);
        this.regex = regex.isEmpty() ? null : compile(regex);
        if (this.regex != null) {
            checkGroupReferences(replacement, this.regex.matcher("").groupCount());
        }
        this.replacement = replacement;
        this.caseStyle = caseStyle;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** table.format: the template's placeholders. Also ConfigDef's validator, so REST validation reports it. */
    static void checkFormat(String format) {
        Matcher m = PLACEHOLDER.matcher(format);
        boolean hasTable = false;
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new ConfigException(RouteByTable.TABLE_FORMAT_CONFIG, format, "unknown placeholder ${" + m.group(1)
                        + "}; use ${db}, ${schema} and ${table}, e.g. '${db}_${table}'");
            }
            hasTable |= m.group(1).equals("table");
        }
        if (!hasTable) {
            throw new ConfigException(RouteByTable.TABLE_FORMAT_CONFIG, format,
                    "must contain ${table}, or every table would be written to one target table");
        }
    }

    /** table.regex; also its validator. */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(RouteByTable.TABLE_REGEX_CONFIG, regex, "not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /**
     * table.replacement as java.util.regex reads it, on its own (the validator) or against the regex's group count:
     * a reference it cannot resolve would fail on the first record that matches. Only ASCII digits name a group, and a
     * backslash must escape something.
     */
    static void checkGroupReferences(String replacement, int groups) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (i + 1 == replacement.length()) {
                    throw new ConfigException(RouteByTable.TABLE_REPLACEMENT_CONFIG, replacement, "ends in a lone "
                            + "backslash; write \\\\ for a literal backslash, \\$ for a literal dollar");
                }
                i++;
            } else if (c == '$') {
                int j = i + 1;
                while (j < replacement.length() && replacement.charAt(j) >= '0' && replacement.charAt(j) <= '9') {
                    j++;
                }
                if (j == i + 1 || j - i > 10 || Long.parseLong(replacement.substring(i + 1, j)) > groups) {
                    throw new ConfigException(RouteByTable.TABLE_REPLACEMENT_CONFIG, replacement, "refers to "
                            + (j == i + 1 ? "no group" : "group " + replacement.substring(i + 1, j)) + " but "
                            + RouteByTable.TABLE_REGEX_CONFIG + " has " + groups + "; write $1..$" + groups
                            + " (\\$ for a literal dollar)");
                }
                i = j - 1;
            }
        }
    }

    /** table.mapping; also its validator, with no length limit (the limit is another option: checked at configure). */
    static Map<String, String> parseMapping(List<String> entries, int maxLength) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException(RouteByTable.TABLE_MAPPING_CONFIG, entry,
                        "expected source:target pairs, e.g. 'orders_legacy:orders,inventory.items:stock_items'");
            }
            String target = parts[1].trim();
            for (String identifier : target.split("\\.", -1)) {
                if (maxLength > 0 && identifier.getBytes(StandardCharsets.UTF_8).length > maxLength) {
                    throw new ConfigException(RouteByTable.TABLE_MAPPING_CONFIG, entry, "target '" + identifier
                            + "' is longer than " + RouteByTable.TABLE_MAX_LENGTH_CONFIG + "=" + maxLength + " bytes");
                }
            }
            if (map.put(parts[0].trim(), target) != null) {
                throw new ConfigException(RouteByTable.TABLE_MAPPING_CONFIG, entry, "maps '" + parts[0].trim() + "' twice");
            }
        }
        return Map.copyOf(map);
    }

    /** The mapped table name: {@code db.table} or {@code schema.table} keys win over a bare {@code table} key. */
    String name(SourceTable source) {
        if (!mapping.isEmpty()) {
            String mapped = source.schema() != null ? mapping.get(source.schema() + "." + source.table()) : null;
            if (mapped == null && source.db() != null) {
                mapped = mapping.get(source.db() + "." + source.table());
            }
            if (mapped == null) {
                mapped = mapping.get(source.table());
            }
            if (mapped != null) {
                return mapped;
            }
        }
        String table = source.table();
        if (regex != null) {
            Matcher m = regex.matcher(table);
            if (m.matches()) {
                table = m.replaceFirst(replacement);
            }
        }
        String db = source.db() == null ? "" : source.db();
        // MySQL and MariaDB have no schemas: their database plays that part.
        String schema = source.schema() != null ? source.schema() : db;
        Matcher m = PLACEHOLDER.matcher(format);
        StringBuilder out = new StringBuilder(prefix);
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "db" -> db;
                case "schema" -> schema;
                default -> table;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(applyCase(value)));
        }
        m.appendTail(out);
        out.append(suffix);
        return limit(out.toString());
    }

    private String applyCase(String value) {
        return switch (caseStyle) {
            case NONE -> value;
            case LOWER -> value.toLowerCase(Locale.ROOT);
            case UPPER -> value.toUpperCase(Locale.ROOT);
            case SNAKE -> snake(value);
        };
    }

    /** {@code OrderItems}, {@code orderItems}, {@code order-items} and {@code ORDER_ITEMS} all become order_items. */
    static String snake(String value) {
        StringBuilder out = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean wordStart = i > 0 && (Character.isLowerCase(value.charAt(i - 1)) || Character.isDigit(value.charAt(i - 1))
                        || (i + 1 < value.length() && Character.isLowerCase(value.charAt(i + 1)) && Character.isUpperCase(value.charAt(i - 1))));
                if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (c == '-' || c == ' ') {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Each identifier of a dotted name within maxLength UTF-8 bytes: cut, then '_' and a hash of the whole. */
    private String limit(String name) {
        if (maxLength <= 0 || name.getBytes(StandardCharsets.UTF_8).length <= maxLength && name.indexOf('.') < 0) {
            return name;
        }
        String[] identifiers = name.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < identifiers.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(limitIdentifier(identifiers[i]));
        }
        return out.toString();
    }

    private String limitIdentifier(String identifier) {
        byte[] bytes = identifier.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxLength) {
            return identifier;
        }
        String hash = hash(identifier);
        int budget = maxLength - HASH_CHARS - 1;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < identifier.length(); ) {
            int cp = identifier.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return kept.append('_').append(hash).toString();
    }

    static String hash(String identifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
