package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;

import io.cdcbundle.checker.Column.Kind;

/** One end of a pipeline, source or target: a read-only session, its tables' descriptions, and the checker's reads. */
public final class Endpoint implements AutoCloseable {

    /** Where an end is and who reads it; the password never leaves this record but for the driver. */
    record Settings(String role, String url, String user, Password password) {
        @Override
        public String toString() {
            return role + " " + JdbcUrls.withoutSecrets(url);
        }
    }

    /** Keys per lookup statement: well under both engines' parameter limits for keys of a few columns. */
    private static final int LOOKUP_BATCH = 1000;

    final Settings settings;
    final Engine engine;
    private final Connection connection;
    /** {@link #joinLimit()} once read; 0 before. */
    private long joinLimit;
    /** Whether this MariaDB session joins range texts as long as {@link #joinLimit()}. */
    private boolean joinedTextAllowed;

    private Endpoint(Settings settings, Engine engine, Connection connection) {
        this.settings = settings;
        this.engine = engine;
        this.connection = connection;
    }

    /** A read-only session. */
    static Endpoint open(Settings settings) {
        return open(settings, true);
    }

    /** A session that may write: the repair's signals on the source and deletes on the target. */
    static Endpoint openForRepair(Settings settings) {
        return open(settings, false);
    }

    private static Endpoint open(Settings settings, boolean readOnly) {
        Engine engine = Engine.of(settings.url().trim());
        try {
            Connection c = engine.open(settings.url().trim(), settings.user(),
                    settings.password() == null ? null : settings.password().value());
            c.setReadOnly(readOnly);
            c.setAutoCommit(true);
            return new Endpoint(settings, engine, c);
        } catch (SQLException e) {
            throw new ConnectException("cdc-bundle consistency checker cannot connect to the " + settings + ": "
                    + e.getMessage().replace(settings.password() == null ? "\u0000" : settings.password().value(), "***")
                    + "; check " + settings.role() + ".connection.url, .user and .password", e);
        }
    }

    /** A table as this end sees it: its exact name, columns and primary key (in key order). */
    Table describe(String name) throws SQLException {
        return Table.describe(connection, engine, name);
    }

    /** Up to {@code limit} rows after {@code after} (null = from the first), in key order. */
    List<Row> scan(Table table, Projection p, List<Object> after, int limit, boolean keysOnly) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(keysOnly ? p.keyList(this) : p.columnList(this))
                .append(" FROM ").append(table.quoted());
        if (after != null) {
            sql.append(" WHERE ").append(p.keyTuple(this)).append(" > ").append(tuple(after.size()));
        }
        sql.append(" ORDER BY ").append(p.keyList(this)).append(" LIMIT ").append(limit);
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            if (after != null) {
                bind(s, 1, after);
            }
            return read(s, p, keysOnly);
        }
    }

    /**
     * The key of the {@code n}-th row after {@code after} in key order (the end of a range of n rows), or null when
     * fewer rows follow.
     */
    List<Object> boundary(Table table, Projection p, List<Object> after, int n) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(p.keyList(this)).append(" FROM ").append(table.quoted());
        if (after != null) {
            sql.append(" WHERE ").append(p.keyTuple(this)).append(" > ").append(tuple(after.size()));
        }
        sql.append(" ORDER BY ").append(p.keyList(this)).append(" LIMIT 1 OFFSET ").append(n - 1);
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            if (after != null) {
                bind(s, 1, after);
            }
            List<Row> rows = read(s, p, true);
            return rows.isEmpty() ? null : rows.get(0).keyValues();
        }
    }

    /** The digest of the rows with keys in (from, to]; a null bound is open. */
    RangeDigest digest(Table table, Projection p, RangeDigest.Form form, List<Object> from, List<Object> to)
            throws SQLException {
        if (form == RangeDigest.Form.JOINED && engine == Engine.MARIADB && !joinedTextAllowed) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET SESSION group_concat_max_len = " + joinLimit());
            }
            joinedTextAllowed = true;
        }
        String sql = RangeDigest.select(this, p, table, form) + where(p, from, to);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bindRange(s, from, to);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return RangeDigest.read(rs, form);
            }
        }
    }

    /**
     * The longest text this server joins in one value: MariaDB cuts GROUP_CONCAT at max_allowed_packet whatever
     * group_concat_max_len says; PostgreSQL's limit (1 GB) is beyond any range the checker joins.
     */
    long joinLimit() throws SQLException {
        if (joinLimit == 0) {
            if (engine != Engine.MARIADB) {
                joinLimit = RangeDigest.JOINED_BYTES;
            } else {
                try (Statement s = connection.createStatement();
                     ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
                    rs.next();
                    joinLimit = Math.min(RangeDigest.JOINED_BYTES, rs.getLong(1));
                }
            }
        }
        return joinLimit;
    }

    /** The rows with keys in (from, to], in key order; a null bound is open. */
    List<Row> range(Table table, Projection p, List<Object> from, List<Object> to) throws SQLException {
        String sql = "SELECT " + p.columnList(this) + " FROM " + table.quoted() + where(p, from, to) + " ORDER BY "
                + p.keyList(this);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bindRange(s, from, to);
            return read(s, p, false);
        }
    }

    private String where(Projection p, List<Object> from, List<Object> to) {
        String key = p.keyTuple(this);
        if (from == null && to == null) {
            return "";
        }
        return " WHERE " + (from == null ? "" : key + " > " + tuple(from.size())) + (from != null && to != null ? " AND " : "")
                + (to == null ? "" : key + " <= " + tuple(to.size()));
    }

    private static void bindRange(PreparedStatement s, List<Object> from, List<Object> to) throws SQLException {
        int index = 1;
        if (from != null) {
            index = bind(s, index, from);
        }
        if (to != null) {
            bind(s, index, to);
        }
    }

    /** The rows with these keys, by key text. */
    Map<String, Row> lookup(Table table, Projection p, List<List<Object>> keys, boolean keysOnly) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += LOOKUP_BATCH) {
            List<List<Object>> batch = keys.subList(from, Math.min(keys.size(), from + LOOKUP_BATCH));
            StringBuilder sql = new StringBuilder("SELECT ").append(keysOnly ? p.keyList(this) : p.columnList(this))
                    .append(" FROM ").append(table.quoted()).append(" WHERE ").append(p.keyTuple(this)).append(" IN (");
            String one = tuple(p.keyCount());
            for (int i = 0; i < batch.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(one);
            }
            sql.append(')');
            try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (List<Object> key : batch) {
                    index = bind(s, index, key);
                }
                for (Row row : read(s, p, keysOnly)) {
                    rows.put(row.key(), row);
                }
            }
        }
        return rows;
    }

    private List<Row> read(PreparedStatement s, Projection p, boolean keysOnly) throws SQLException {
        List<Row> rows = new ArrayList<>();
        List<Column> mine = p.columns(this);
        List<Column> theirs = p.otherColumns(this);
        int keyCount = p.keyCount();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                List<Object> keyValues = new ArrayList<>(keyCount);
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < keyCount; i++) {
                    Object value = portable(rs, i + 1, mine.get(i));
                    keyValues.add(value);
                    // an integer key's text is its digits: no second read of the column
                    key.append(value instanceof Long l ? l.toString()
                            : ValueText.canonical(ValueText.raw(rs, i + 1, mine.get(i)), mine.get(i), theirs.get(i)))
                            .append('\u0001');
                }
                String[] values = null;
                if (!keysOnly) {
                    values = new String[mine.size() - keyCount];
                    for (int i = keyCount; i < mine.size(); i++) {
                        values[i - keyCount] = ValueText.raw(rs, i + 1, mine.get(i));
                    }
                }
                rows.add(new Row(keyValues, key.toString(), values));
            }
        }
        return rows;
    }

    /**
     * A key value as either engine can bind it: integers as long (so that PostgreSQL uses the key's index),
     * timestamps as the UTC instant's local date-time, everything without a common JDBC type as text.
     */
    private static Object portable(ResultSet rs, int index, Column column) throws SQLException {
        Object value = switch (column.kind()) {
            case INTEGER -> {
                // BIGINT UNSIGNED and numeric keys past a long's range read as decimals
                String text = rs.getString(index);
                if (text == null) {
                    yield null;
                }
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    yield new BigDecimal(text);
                }
            }
            case DECIMAL -> rs.getBigDecimal(index);
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : b;
            }
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case TIMESTAMP_TZ -> column.offsetDateTime() ? utc(rs.getObject(index, OffsetDateTime.class))
                    : rs.getObject(index, LocalDateTime.class);
            case BYTES -> rs.getBytes(index);
            default -> rs.getString(index);
        };
        return value;
    }

    private static LocalDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static int bind(PreparedStatement s, int index, List<Object> values) throws SQLException {
        for (Object v : values) {
            s.setObject(index++, v);
        }
        return index;
    }

    /** Inserts one row into a Debezium signal table (id, type, data). */
    void signal(String signalTable, String type, String data) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + engine.quoteName(signalTable)
                + " (id, type, data) VALUES (?, ?, ?)")) {
            s.setString(1, java.util.UUID.randomUUID().toString());
            s.setString(2, type);
            s.setString(3, data);
            s.executeUpdate();
        }
    }

    /** Deletes the rows with these keys (values for {@code keyColumns}); the number deleted. */
    int delete(Table table, List<String> keyColumns, List<List<Object>> keys) throws SQLException {
        int deleted = 0;
        String columns = String.join(", ", keyColumns.stream().map(engine::quote).toList());
        for (List<Object> key : keys) {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table.quoted() + " WHERE "
                    + (keyColumns.size() == 1 ? columns : "(" + columns + ")") + " = " + tuple(key.size()))) {
                bind(s, 1, key);
                deleted += s.executeUpdate();
            }
        }
        return deleted;
    }

    private static String tuple(int n) {
        return n == 1 ? "?" : "(" + "?, ".repeat(n - 1) + "?)";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a session that failed: nothing left to release
        }
    }

    /** A row read: its key as values to bind and as text, and the other compared columns as the driver's text. */
    record Row(List<Object> keyValues, String key, String[] values) {
    }
}
