package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.TypeMatrix.Column;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;

/**
 * {@code docs/type-mapping.md}: the column type cdc-bundle's sink creates for each source column of the type matrix,
 * per direction, as the target's catalogue reports it after a run. Written by the test run with
 * {@code -Dcdcbundle.docs.write=true}; otherwise a run of all four directions fails when the committed file differs.
 */
final class TypeMappingDoc {

    static final String FILE = "type-mapping.md";
    static final String REGENERATE = "mvn -B -pl lab -am verify -Dtest=TypeMatrixPipelineTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcdcbundle.docs.write=true";

    private static final List<DatabaseKind> ENGINES = List.of(DatabaseKind.MARIADB, DatabaseKind.POSTGRES);

    private TypeMappingDoc() {
    }

    /** Column name -> the type the target's catalogue gives the created column. */
    static Map<String, String> created(Pipeline pipeline, List<Column> columns) throws SQLException {
        DatabaseServer target = pipeline.target();
        String sql = target.kind() == DatabaseKind.POSTGRES
                ? "select a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid) "
                        + "from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
                        + "where a.attrelid = ('public.' || ?)::regclass and a.attnum > 0 and not a.attisdropped"
                : "select column_name, column_type, column_default from information_schema.columns "
                        + "where table_schema = database() and table_name = ?";
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = target.connect(pipeline.database()); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, Pipeline.TARGET_TABLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String fallback = rs.getString(3);
                    types.put(rs.getString(1), rs.getString(2)
                            + (fallback == null || fallback.equalsIgnoreCase("NULL") ? "" : " default " + fallback));
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        columns.forEach(column -> ordered.put(column.name(), types.getOrDefault(column.name(), "(not created)")));
        return ordered;
    }

    /** Renders what the run created and compares it with the committed file, or writes it. */
    static void check(Map<String, Map<String, String>> created, Map<String, String> debeziumAlone) throws IOException {
        for (DatabaseKind source : ENGINES) {
            for (DatabaseKind target : ENGINES) {
                if (!created.containsKey(direction(source, target)) || !debeziumAlone.containsKey(direction(source, target))) {
                    return; // a partial run, e.g. one direction picked by -Dtest: nothing to compare
                }
            }
        }
        String rendered = render(created, debeziumAlone);
        Path file = docsDir().resolve(FILE);
        if (Boolean.getBoolean("cdcbundle.docs.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(missing)";
        assertEquals(committed, rendered, "docs/" + FILE + " is not what the sinks created: regenerate it with "
                + REGENERATE + ", and say in the commit why the mapping changed");
    }

    static Path docsDir() {
        return Path.of(System.getProperty("cdcbundle.docs.dir", "../docs"));
    }

    private static String direction(DatabaseKind source, DatabaseKind target) {
        return source.id() + " -> " + target.id();
    }

    /** The distinct columns named in the test's list of differences. */
    static String differingColumns(List<String> differences) {
        List<String> columns = differences.stream().map(d -> d.split(" ")[2]).distinct().toList();
        return columns.isEmpty() ? "every value equal" : "values differ in " + String.join(", ", columns);
    }

    /** The last cause of a failed task, without connection numbers that change from run to run. */
    static String rootCause(String causes) {
        List<String> lines = causes.lines().filter(l -> l.contains("Caused by")).toList();
        String last = lines.isEmpty() ? causes : lines.get(lines.size() - 1);
        return "the task failed: " + last.replaceFirst(".*Caused by: ", "").replaceAll("\\(conn=\\d+\\) ", "")
                .replaceAll("\\s+", " ").trim();
    }

    static String render(Map<String, Map<String, String>> created, Map<String, String> debeziumAlone) {
        StringBuilder doc = new StringBuilder();
        doc.append("# Type mapping: the column each source type becomes in the target\n\n")
                .append("Generated by `TypeMatrixPipelineTest` from the tables cdc-bundle's sink created (Debezium 3.5.0 ")
                .append("connectors, `ValidatedJdbcSinkConnector` with its dialect, the lab's connector JSON: ")
                .append("`schema.evolution=basic`, MariaDB `bigint.unsigned.handling.mode=precise`), read from the ")
                .append("target's catalogue; MariaDB 10.11 and PostgreSQL 15. Every value of the matrix (`TypeMatrix`: ")
                .append("extremes, empty and all-zero values, NULL in every column) reads back equal in the target in ")
                .append("each direction; a test run fails when this file is stale. Regenerate with\n\n```sh\n")
                .append(REGENERATE).append("\n```\n");
        doc.append(NOTES);
        doc.append("\n## Debezium's dialect alone\n\nThe same rows with `bundle.dialect.enabled=false` (Debezium's own ")
                .append("dialect; cdc-bundle's task otherwise), after the inserts:\n\n| direction | outcome |\n|---|---|\n");
        debeziumAlone.forEach((direction, outcome) -> doc.append("| ").append(direction).append(" | ")
                .append(outcome.replace("|", "\\|")).append(" |\n"));
        for (DatabaseKind source : ENGINES) {
            doc.append("\n## From ").append(title(source)).append("\n\n| column | source type |");
            ENGINES.forEach(target -> doc.append(" -> ").append(title(target)).append(" |"));
            doc.append("\n|---|---|---|---|\n");
            for (Column column : TypeMatrix.of(source)) {
                doc.append("| `").append(column.name()).append("` | `").append(column.type()).append("` |");
                for (DatabaseKind target : ENGINES) {
                    String type = column.runsTo(target)
                            ? created.get(direction(source, target)).get(column.name()) : null;
                    doc.append(' ').append(type == null ? "not in the matrix: the target cannot hold its values" : "`" + type + "`").append(" |");
                }
                doc.append('\n');
            }
        }
        return doc.toString();
    }

    private static final String NOTES = """

            ## What cdc-bundle's dialect changes, and what is still lost

            Fixed in cdc-bundle's dialect (Debezium 3.5.0 fails or changes these values):
            - BIT(n): bound as the bit string (PostgreSQL) or big-endian bytes (MariaDB) of the declared length. Debezium
              sends them little-endian with trailing zero bytes left out; its PostgreSQL dialect failed on a high bit or
              an all-zero value and swapped multi-byte values.
            - Decimals keep the declared precision up to the target's maximum (PostgreSQL 1000, MariaDB 65); Debezium cut
              them to 38 digits and the write failed.
            - PostgreSQL `numeric` without precision is created as `numeric` (PostgreSQL) or `decimal(65,30)` (MariaDB);
              Debezium created `double precision` and kept about 16 digits. On MariaDB a value with more than 35 integer
              digits fails, and fraction digits past 30 are rounded.
            - Timestamps with a time zone (PostgreSQL `timestamptz`, MariaDB `TIMESTAMP`) are created as `datetime(6)` on
              MariaDB, holding the instant in `use.time.zone` (UTC by default); Debezium created `timestamp(6)`, which
              fails outside 1970-2038.
            - MariaDB TIME beyond 24 hours or negative reaches MariaDB as the duration it is; Debezium failed.
            - PostgreSQL intervals keep their fraction of a second; PostgreSQL `infinity`/`-infinity` timestamps stay
              infinity (Debezium wrote the year 294247).
            - PostgreSQL arrays become JSON arrays in a MariaDB JSON column (Debezium failed with a NullPointerException).
            - Column types of sinks to different engines on one worker stay their own engine's (`ConcurrentSinkStartTest`).
            - An update of a primary key no longer stops the sink: Debezium's sources mark it with a struct header
              (`__debezium.newkey`) that the worker's default header converter reads back without a full schema, and
              Debezium's sink failed on every such record ("No schema defined for value of map field"). Headers whose
              schema does not describe their value are left out (`ReadableHeaders`).
            - A key column of bytes is created as `varbinary(255)` on MariaDB (Debezium's `longblob` cannot be a key).
              A composite key of text (4-byte unicode, empty), timestamp, decimal, unsigned bigint or uuid, bytes and
              date is inserted, updated, moved to another key and deleted in all four directions
              (`keysOfEveryKindUpdateAndDelete`).

            Changes of type that keep the value (the tables below): enums become `text` on PostgreSQL (also from
            PostgreSQL) and `enum(...)` on MariaDB, MariaDB SET becomes `text` on PostgreSQL; JSON becomes `longtext` on
            MariaDB (MariaDB's JSON is longtext) and `json` on PostgreSQL, except MariaDB's JSON, which reaches
            Debezium as text; jsonb becomes json; uuid becomes longtext on MariaDB; inet, cidr and macaddr become text
            (also PostgreSQL to PostgreSQL); char(n) becomes text, keeping its padding; unsigned integers take the next
            wider type (BIGINT UNSIGNED: decimal(20,0)); times and timestamps of 0-5 fraction digits get 6; money
            becomes a decimal of scale 2 at the target's widest precision; `bit varying(n)` becomes `bit(n)`, so a
            shorter value gains leading zeros; a PostgreSQL interval becomes a bigint of microseconds on MariaDB (a
            month counted as 30 days, as Debezium reckons it).

            Column defaults (the `default` in the tables below; they matter only for rows written to the target by
            something other than the sink, since the sink always writes every column): number, date, decimal and
            boolean constants are created as the source's. Not carried as they are, all upstream: a function default
            (`CURRENT_TIMESTAMP`, `now()`) reaches the sink as the epoch and is created as `1970-01-01 00:00:00`; text
            defaults are not created on MariaDB (Debezium's MariaDB dialect gives text columns none); a PostgreSQL
            source's text default with a quote in it arrives cut at the quote; a BIT default is not created on
            PostgreSQL.

            Not carried, and not in the matrix:
            - NaN and infinite floating-point values: Kafka's JsonConverter writes them as JSON strings and reads those
              back as 0, before any sink sees them (also SchemaCachingJsonConverter, which reads as JsonConverter does).
            - PostgreSQL `infinity` timestamps and dates, `timetz` and MariaDB TIME beyond 24 h into the other engine,
              and a NUL character in a MariaDB text into PostgreSQL: the target's types cannot hold them.
            - PostgreSQL `point` and other geometric types: Debezium's PostgreSQL sink writes them as PostGIS geometry,
              which fails on a server without PostGIS.
            - MariaDB `INET6`: Debezium 3.5.0's MariaDB connector cannot parse a table that has one (the source task
              fails with a ParsingException), so nothing of that table reaches Kafka.
            - A NULL in a column with a default becomes the default unless the converters on both sides set
              `replace.null.with.default=false` (Kafka's JsonConverter default is true), as the lab's connector JSON does.
            """;

    private static String title(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRES ? "PostgreSQL" : "MariaDB";
    }
}
