package io.cdcbundle.checker;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A table on one end.
 *
 * @param collection the table as Debezium names a data collection: database.table (MariaDB/MySQL) or
 *                   schema.table (PostgreSQL)
 */
public record Table(String name, String quoted, String collection, List<Column> columns, List<String> keys) {
    public Column column(String wanted) {
        for (Column c : columns) {
            if (c.name().equals(wanted)) {
                return c;
            }
        }
        for (Column c : columns) {
            if (c.name().equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        return null;
    }

    /** A table as {@code connection} sees it, or null if there is none of that name. */
    public static Table describe(Connection connection, Engine engine, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        int dot = name.indexOf('.');
        String qualifier = dot < 0 ? null : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        String catalog = engine == Engine.MARIADB ? (qualifier != null ? qualifier : connection.getCatalog()) : null;
        String schema = engine == Engine.POSTGRES ? (qualifier != null ? qualifier : "public") : null;
        String exact = null;
        String exactSchema = schema;
        String exactCatalog = catalog;
        try (ResultSet rs = meta.getTables(catalog, schema, "%", null)) {
            while (rs.next()) {
                String found = rs.getString("TABLE_NAME");
                if (found.equals(table) || (exact == null && found.equalsIgnoreCase(table))) {
                    exact = found;
                    exactSchema = rs.getString("TABLE_SCHEM");
                    exactCatalog = rs.getString("TABLE_CAT");
                }
            }
        }
        if (exact == null) {
            return null;
        }
        String quoted = engine == Engine.MARIADB
                ? engine.quote(exactCatalog) + "." + engine.quote(exact)
                : engine.quote(exactSchema) + "." + engine.quote(exact);
        List<Column> columns = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(Column.of(engine, md.getColumnName(i), md.getColumnType(i), md.getColumnTypeName(i),
                        md.getPrecision(i), md.getScale(i)));
            }
        }
        TreeMap<Integer, String> keys = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(exactCatalog, exactSchema, exact)) {
            while (rs.next()) {
                keys.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        String collection = (engine == Engine.MARIADB ? exactCatalog : exactSchema) + "." + exact;
        return new Table(name, quoted, collection, columns, List.copyOf(keys.values()));
    }
}
