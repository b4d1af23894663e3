package io.cdcbundle.sink.rules;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cdcbundle.sink.settings.DebeziumLine;
import io.cdcbundle.sink.settings.DialectOptions;


/**
 * The checks a Debezium JDBC sink configuration must pass before it can run, each of which Debezium's own
 * validation misses (see the catalogue in docs/validated-sink.md). Pure: no connection, no Debezium classes, so that the
 * connector and the linter share it.
 */
public final class SinkConfigRules {

    private static final String ROUTER = "io.cdcbundle.transforms.RouteByTable";
    private static final Set<String> FLATTENERS = Set.of("io.cdcbundle.transforms.FlattenEnvelope",
            "io.debezium.transforms.ExtractNewRecordState");

    private SinkConfigRules() {
    }

    /**
     * @param config    the connector configuration as submitted (references such as ${secrets:...} unresolved)
     * @param debeziumVersion the version of the Debezium JDBC sink that will run it, e.g. 3.5.0.Final
     * @param sinkNames every property name the running Debezium sink declares
     */
    public static List<Finding> check(Map<String, String> config, String debeziumVersion, Collection<String> sinkNames) {
        DebeziumLine line = DebeziumLine.of(debeziumVersion);
        List<Finding> findings = new ArrayList<>();
        connection(config, line, findings);
        enums(config, findings);
        keys(config, findings);
        unknownProperties(config, line, sinkNames, findings);
        renames(config, line, findings);
        fields(config, findings);
        pool(config, findings);
        batch(config, findings);
        postgresUpsert(config, findings);
        dialect(config, line, findings);
        transforms(config, line, findings);
        truncate(config, line, findings);
        ConverterRules.nullsKept(config).ifPresent(findings::add);
        findings.addAll(ConverterRules.settingsWithoutConverter(config));
        findings.addAll(ConverterRules.misspeltJsonOptions(config));
        findings.addAll(ConverterRules.sinkSchemas(config, lower(config, "primary.key.mode", "none").equals("record_key")));
        return findings;
    }

    /** The sink option names of the tested Debezium line, for checks that run without Debezium (the linter). */
    public static Collection<String> debeziumSinkNames() {
        return SinkProperties.DEBEZIUM_3_5;
    }

    private static String get(Map<String, String> config, String key) {
        String v = config.get(key);
        return v == null ? null : v.trim();
    }

    private static String lower(Map<String, String> config, String key, String defaultValue) {
        String v = get(config, key);
        return v == null || v.isEmpty() ? defaultValue : v.toLowerCase(Locale.ROOT);
    }

    private static void connection(Map<String, String> config, DebeziumLine line, List<Finding> findings) {
        String url = get(config, "connection.url");
        if (url == null || url.isEmpty()) {
            findings.add(Finding.error("connection.url", "is required: the JDBC URL of the target database, e.g. "
                    + "jdbc:postgresql://host:5432/db or jdbc:mariadb://host:3306/db"));
        } else if (!url.startsWith("jdbc:")) {
            findings.add(Finding.error("connection.url", "must be a JDBC URL starting with 'jdbc:', e.g. "
                    + "jdbc:mariadb://host:3306/db"));
        } else if (url.startsWith("jdbc:mariadb:") && !line.atLeast(3, 0)) {
            findings.add(Finding.warning("connection.url", "write jdbc:mysql://host:3306/db?nullDatabaseMeansCurrent=true "
                    + "on Debezium " + line + ": its JDBC sink bundles MariaDB Connector/J 3.2.0, which has no "
                    + "nullDatabaseMeansCurrent, so the sink finds a table of the same name in ANOTHER database of "
                    + "the server, skips CREATE TABLE and then fails on every write; the MySQL driver it also bundles "
                    + "has the option"));
        } else if ((url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") && !line.atLeast(3, 0))
                && !url.contains("nullDatabaseMeansCurrent=true")) {
            findings.add(Finding.warning("connection.url", "add '?nullDatabaseMeansCurrent=true': without it the "
                    + "Debezium sink finds a table of the same name in ANOTHER database of the server, skips "
                    + "CREATE TABLE and then fails on every write"));
        }
    }

    private static void enums(Map<String, String> config, List<Finding> findings) {
        for (Map.Entry<String, List<String>> e : SinkProperties.ENUMS.entrySet()) {
            String value = get(config, e.getKey());
            if (value == null || e.getValue().contains(value.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String suggestion = e.getKey().equals("schema.evolution") && value.equalsIgnoreCase("true") ? "basic"
                    : e.getKey().equals("schema.evolution") && value.equalsIgnoreCase("false") ? "none"
                    : Suggestions.closest(value, e.getValue());
            findings.add(Finding.error(e.getKey(), "'" + value + "' is not one of " + e.getValue()
                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")));
        }
    }

    private static void keys(Map<String, String> config, List<Finding> findings) {
        String pkMode = lower(config, "primary.key.mode", "none");
        boolean deletes = Boolean.parseBoolean(get(config, "delete.enabled"));
        if (deletes && !Set.of("record_key", "record_header").contains(pkMode)) {
            findings.add(Finding.error("primary.key.mode", "is '" + pkMode + "' while delete.enabled=true: the sink "
                    + "then has no key to delete by and runs DELETE without a WHERE clause, emptying the target table "
                    + "on the first delete. Set primary.key.mode=record_key (Debezium's record key holds the "
                    + "primary key)"));
        }
        String insertMode = lower(config, "insert.mode", "insert");
        if (Set.of("upsert", "update").contains(insertMode) && pkMode.equals("none")) {
            findings.add(Finding.error("primary.key.mode", "is 'none' while insert.mode=" + insertMode + ", which "
                    + "needs a primary key to match rows: set primary.key.mode=record_key"));
        }
        String pkFields = get(config, "primary.key.fields");
        if (pkMode.equals("record_value") && (pkFields == null || pkFields.isEmpty())) {
            findings.add(Finding.error("primary.key.fields", "is required with primary.key.mode=record_value: name "
                    + "the value fields that form the key, e.g. primary.key.fields=id"));
        }
    }

    private static void unknownProperties(Map<String, String> config, DebeziumLine line, Collection<String> sinkNames,
                                          List<Finding> findings) {
        List<String> known = new ArrayList<>(sinkNames);
        known.addAll(SinkProperties.DEBEZIUM_UNDECLARED);
        known.addAll(SinkProperties.OWN);
        for (String key : config.keySet()) {
            if (known.contains(key) || SinkProperties.isConnectProperty(key) || key.startsWith(SinkProperties.HIBERNATE_PREFIX)
                    || SinkProperties.RENAMED.containsKey(key) || SinkProperties.RENAMED.containsValue(key)) {
                continue;
            }
            String confluent = SinkProperties.CONFLUENT_NAMES.get(key);
            if (confluent != null) {
                findings.add(Finding.error(key, "is a Confluent JDBC sink option that the Debezium JDBC sink ignores: "
                        + confluent));
                continue;
            }
            List<String> candidates = new ArrayList<>(known);
            candidates.addAll(SinkProperties.CONNECT);
            String suggestion = Suggestions.closest(key, candidates);
            if (suggestion != null) {
                findings.add(Finding.error(key, "is not an option of the Debezium JDBC sink " + line
                        + " and would be ignored; did you mean '" + suggestion + "'?"));
            } else {
                findings.add(Finding.warning(key, "is not an option of the Debezium JDBC sink " + line
                        + " and will be ignored"));
            }
        }
    }

    private static void renames(Map<String, String> config, DebeziumLine line, List<Finding> findings) {
        for (Map.Entry<String, String> rename : SinkProperties.RENAMED.entrySet()) {
            String old = rename.getKey();
            String current = rename.getValue();
            if (!line.hasCollectionNames()) {
                if (config.containsKey(current)) {
                    findings.add(Finding.error(current, "is not read by the Debezium JDBC sink " + line
                            + " (it came with 3.0.2), so it would be ignored; write " + old));
                }
            } else if (config.containsKey(old) && config.containsKey(current)
                    && !get(config, old).equals(get(config, current))) {
                findings.add(Finding.error(old, "and " + current + " are both set, to different values; keep only "
                        + current));
            } else if (config.containsKey(old)) {
                findings.add(Finding.warning(old, "is the old name of " + current + " (Debezium " + line + "); write "
                        + current));
            }
        }
        for (String zoneKey : List.of("use.time.zone", "database.time_zone")) {
            String zone = get(config, zoneKey);
            if (zone != null && !zone.isEmpty()) {
                try {
                    ZoneId.of(zone);
                } catch (DateTimeException e) {
                    findings.add(Finding.error(zoneKey, "'" + zone + "' is not a time zone; write e.g. UTC or Asia/Seoul"));
                }
            }
        }
    }

    private static void fields(Map<String, String> config, List<Finding> findings) {
        if (notBlank(config, "field.include.list") && notBlank(config, "field.exclude.list")) {
            findings.add(Finding.error("field.exclude.list", "and field.include.list are both set; the sink honours "
                    + "only one: keep one of them"));
        }
    }

    private static boolean notBlank(Map<String, String> config, String key) {
        String v = get(config, key);
        return v != null && !v.isEmpty();
    }

    private static void pool(Map<String, String> config, List<Finding> findings) {
        Integer min = integer(config, "connection.pool.min_size", findings);
        Integer max = integer(config, "connection.pool.max_size", findings);
        if (min != null && max != null && min > max) {
            findings.add(Finding.error("connection.pool.min_size", min + " is above connection.pool.max_size=" + max));
        }
    }

    private static Integer integer(Map<String, String> config, String key, List<Finding> findings) {
        String v = get(config, key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            findings.add(Finding.error(key, "'" + v + "' is not a whole number"));
            return null;
        }
    }

    private static void batch(Map<String, String> config, List<Finding> findings) {
        Integer batch = integer(config, "batch.size", findings);
        Integer polled = integer(config, "consumer.override.max.poll.records", findings);
        int maxPoll = polled == null ? 500 : polled;
        if (batch != null && batch > maxPoll) {
            findings.add(Finding.warning("batch.size", batch + " will never be reached: the consumer hands the sink "
                    + "at most max.poll.records=" + maxPoll + " records at a time; also set "
                    + "consumer.override.max.poll.records=" + batch));
        }
    }

    private static void postgresUpsert(Map<String, String> config, List<Finding> findings) {
        String url = String.valueOf(get(config, "connection.url"));
        boolean postgres = url.startsWith("jdbc:postgresql:");
        // (cdc-bundle's dialect batches too, but starts a new statement at a repeated key.)
        boolean batched = Boolean.parseBoolean(get(config, "dialect.postgres.unnest.insert.enabled"))
                || url.contains("reWriteBatchedInserts=true");
        if (postgres && batched && lower(config, "insert.mode", "insert").equals("upsert")
                && !Boolean.parseBoolean(get(config, "use.reduction.buffer"))) {
            findings.add(Finding.warning("use.reduction.buffer", "set it to true: an upsert batch that repeats a key "
                    + "fails on PostgreSQL ('ON CONFLICT DO UPDATE command cannot affect row a second time')"));
        }
    }

    private static void milliseconds(Map<String, String> config, String key, long max, String zeroMeans,
                                     List<Finding> findings) {
        String value = get(config, key);
        if (value != null && !(value.matches("[0-9]{1,18}") && Long.parseLong(value) <= max)) {
            findings.add(Finding.error(key, "is '" + value + "': write milliseconds from 0 (" + zeroMeans + ") to " + max));
        }
    }

    /** The bundle.dialect.* options, checked here as well as by their ConfigDef: the linter runs without Kafka's jars. */
    private static void dialect(Map<String, String> config, DebeziumLine line, List<Finding> findings) {
        if (DialectOptions.enabled(config) && !line.runsBundleDialect()) {
            findings.add(Finding.warning(DialectOptions.ENABLED, "cdc-bundle's dialect needs Debezium 3.5 or later; "
                    + "on Debezium " + line + " this sink writes through Debezium's own dialect: "
                    + DebeziumLine.WITHOUT_BUNDLE_DIALECT + ". Set " + DialectOptions.ENABLED + "=false to say so "
                    + "(the configuration checks stay on every line)"));
        }
        for (String flag : List.of(DialectOptions.ENABLED, DialectOptions.FENCE, DialectOptions.OVERLAP)) {
            String value = lower(config, flag, "true");
            if (!value.equals("true") && !value.equals("false")) {
                findings.add(Finding.error(flag, "is '" + value + "': write true or false"));
            }
        }
        milliseconds(config, DialectOptions.TABLE_TTL, DialectOptions.MAX_TABLE_TTL_MS, "read the table for every batch",
                findings);
        milliseconds(config, DialectOptions.RETRY_TIMEOUT, DialectOptions.MAX_RETRY_TIMEOUT_MS,
                "fail at the first lost connection", findings);
        String rows = get(config, DialectOptions.MULTIROW_MAX_ROWS);
        if (rows != null && !(rows.matches("[0-9]{1,9}") && Integer.parseInt(rows) >= 1
                && Integer.parseInt(rows) <= DialectOptions.MAX_ROWS_LIMIT)) {
            findings.add(Finding.error(DialectOptions.MULTIROW_MAX_ROWS, "is '" + rows + "': write a number of rows "
                    + "from 1 (one statement per row) to " + DialectOptions.MAX_ROWS_LIMIT));
        }
    }

    /** A misspelt option of our transforms is otherwise ignored by Connect's validation and by the transform. */
    private static void unknownTransformOptions(Map<String, String> config, String prefix, String type,
                                                List<Finding> findings) {
        java.util.Set<String> options = type == null ? null : OurTransformOptions.BY_CLASS.get(type);
        if (options == null) {
            return;
        }
        String simpleName = type.substring(type.lastIndexOf('.') + 1);
        for (String key : config.keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String option = key.substring(prefix.length());
            if (options.contains(option) || OurTransformOptions.CONNECT.contains(option)) {
                continue;
            }
            String meant = Suggestions.closest(option, options);
            findings.add(Finding.error(key, "is not an option of " + simpleName + (meant != null
                    ? ": did you mean '" + prefix + meant + "'?" : "; its options are " + new java.util.TreeSet<>(options))));
        }
        for (String list : List.of("add.fields", "add.headers")) {
            String value = get(config, prefix + list);
            if (value != null && type.endsWith(".FlattenEnvelope")) {
                envelopeFieldTypos(prefix + list, value, findings);
            }
        }
    }

    /** source.tabel: FlattenEnvelope would add a column of NULLs; a near miss of a known field is a typo. */
    private static void envelopeFieldTypos(String key, String entries, List<Finding> findings) {
        for (String entry : entries.split(",")) {
            String path = entry.contains(":") ? entry.substring(0, entry.indexOf(':')).trim() : entry.trim();
            int dot = path.indexOf('.');
            java.util.Set<String> known = dot < 0 ? null : OurTransformOptions.ENVELOPE_FIELDS.get(path.substring(0, dot));
            if (known == null || known.contains(path.substring(dot + 1))) {
                continue;
            }
            String meant = Suggestions.closest(path.substring(dot + 1), known);
            if (meant != null) {
                findings.add(Finding.error(key, "names '" + path + "', which no Debezium envelope has (it would add a "
                        + "column of NULLs): did you mean '" + path.substring(0, dot + 1) + meant + "'?"));
            }
        }
    }

    private static void transforms(Map<String, String> config, DebeziumLine line, List<Finding> findings) {
        String chain = get(config, "transforms");
        if (chain == null || chain.isEmpty()) {
            return;
        }
        boolean deletes = Boolean.parseBoolean(get(config, "delete.enabled"));
        for (String alias : chain.split(",")) {
            String prefix = "transforms." + alias.trim() + ".";
            String type = get(config, prefix + "type");
            unknownTransformOptions(config, prefix, type, findings);
            if (ROUTER.equals(type)) {
                routing(config, alias.trim(), prefix, findings);
                replacementGroups(config, prefix, findings);
            }
            if ("io.cdcbundle.transforms.FlattenEnvelope".equals(type)) {
                String include = get(config, prefix + "columns.include");
                String exclude = get(config, prefix + "columns.exclude");
                if (include != null && !include.isEmpty() && exclude != null && !exclude.isEmpty()) {
                    findings.add(Finding.error(prefix + "columns.exclude", "is set together with " + prefix
                            + "columns.include; the transform refuses both at task start: keep one (include names "
                            + "the columns to keep, exclude those to drop)"));
                }
            }
            if (type == null || !FLATTENERS.contains(type)) {
                continue;
            }
            String format = get(config, "collection.name.format");
            if (format == null) {
                format = get(config, "table.name.format");
            }
            if (format != null && format.contains("${source.")) {
                findings.add(Finding.error(config.containsKey("collection.name.format") ? "collection.name.format"
                        : "table.name.format", "uses ${source.*}, which a flattened record (" + alias.trim()
                        + ") no longer carries: the sink skips or fails every record. Route by table before "
                        + "flattening instead (io.cdcbundle.transforms.RouteByTable) and write ${topic}"));
            }
            if (deletes && dropsDeletes(config, prefix, type, line)) {
                findings.add(Finding.warning(prefix + "type", "this transform drops or rewrites delete events, so "
                        + "delete.enabled=true never deletes a row: let it turn deletes into tombstones ("
                        + (type.startsWith("io.cdcbundle") ? "delete.handling.mode=tombstone, the default)"
                        : "delete.tombstone.handling.mode=tombstone)")));
            }
        }
    }

    /**
     * RouteByTable writes the table name into the topic (or a header), which the sink reads only through ${topic} in
     * its table name format; with shards merged by it, a key without the source table lets equal ids collide.
     */
    private static void routing(Map<String, String> config, String alias, String prefix, List<Finding> findings) {
        String formatKey = config.containsKey("collection.name.format") ? "collection.name.format"
                : config.containsKey("table.name.format") ? "table.name.format" : null;
        String format = formatKey == null ? "${topic}" : get(config, formatKey);
        boolean toTopic = lower(config, prefix + "route.to", "topic").equals("topic");
        if (toTopic && !format.contains("${topic}")) {
            findings.add(Finding.error(formatKey, "is '" + format + "', which ignores the topic that RouteByTable ("
                    + alias + ") sets to each record's table: every table would be written into one. Write ${topic}"));
        }
        String keyField = get(config, prefix + "key.source.field");
        String pkFields = get(config, "primary.key.fields");
        if (keyField != null && !keyField.isEmpty() && pkFields != null && !pkFields.isEmpty()
                && java.util.Arrays.stream(pkFields.split(",")).map(String::trim).noneMatch(keyField::equals)) {
            findings.add(Finding.warning("primary.key.fields", "leaves out " + keyField + ", which RouteByTable ("
                    + alias + ") adds to the key so that rows of merged tables with equal ids stay apart: add it, or "
                    + "remove primary.key.fields (the whole record key then forms the primary key)"));
        }
    }

    /**
     * A group reference beyond table.regex's groups fails every task at start (Connect validates each option alone,
     * so only a check over the whole configuration finds it before). Read as RouteByTable reads it (TableNamer, pinned
     * by SinkConfigRulesTest against the transform itself): a backslash escapes the next character, and $ takes all
     * the ASCII digits after it; a $ without digits is the option's own validator's to report.
     */
    private static void replacementGroups(Map<String, String> config, String prefix, List<Finding> findings) {
        String regex = get(config, prefix + "table.regex");
        String replacement = get(config, prefix + "table.replacement");
        if (regex == null || regex.isEmpty() || replacement == null) {
            return;
        }
        int groups;
        try {
            groups = java.util.regex.Pattern.compile(regex).matcher("").groupCount();
        } catch (java.util.regex.PatternSyntaxException e) {
            return; // the option's own validator reports it
        }
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            int end = i + 1;
            while (c == '$' && end < replacement.length() && replacement.charAt(end) >= '0' && replacement.charAt(end) <= '9') {
                end++;
            }
            String group = replacement.substring(i + 1, end);
            if (!group.isEmpty() && (group.length() > 9 || Integer.parseInt(group) > groups)) {
                findings.add(Finding.error(prefix + "table.replacement", "refers to group $" + group + ", but " + prefix
                        + "table.regex '" + regex + "' has " + (groups == 0
                        ? "no group: put the part to keep in parentheses, e.g. (.*)_[0-9]+ and $1"
                        : groups + " group(s): write $1" + (groups > 1 ? " to $" + groups : "")
                        + ", or add the group to the regex")));
                return;
            }
            i = end - 1;
        }
    }

    private static boolean dropsDeletes(Map<String, String> config, String prefix, String type, DebeziumLine line) {
        if (type.startsWith("io.cdcbundle")) {
            return !lower(config, prefix + "delete.handling.mode", "tombstone").equals("tombstone");
        }
        String mode = get(config, prefix + "delete.tombstone.handling.mode");
        if (mode != null) {
            return !mode.equalsIgnoreCase("tombstone") && !mode.equalsIgnoreCase("delete-to-tombstone");
        }
        // Before 3.2, ExtractNewRecordState's legacy default dropped deletes (delete.handling.mode=drop).
        return !line.atLeast(3, 2);
    }

    private static void truncate(Map<String, String> config, DebeziumLine line, List<Finding> findings) {
        if (Boolean.parseBoolean(get(config, "truncate.enabled")) && line.major() == 2 && line.minor() == 7
                && line.patch() <= 3) {
            findings.add(Finding.error("truncate.enabled", "does not work on Debezium " + line + " (DBZ-8247): "
                    + "upgrade the JDBC sink to 2.7.4 or later, or set truncate.enabled=false"));
        }
    }
}
