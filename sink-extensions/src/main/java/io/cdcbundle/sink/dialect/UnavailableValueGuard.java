package io.cdcbundle.sink.dialect;

import java.util.Iterator;
import java.util.List;

import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.sink.field.FieldDescriptor;
import org.apache.kafka.connect.data.Schema;

import io.cdcbundle.sink.jdbc.SqlScan;
import io.cdcbundle.sink.jdbc.UnrecognisedStatements;

/**
 * Keeps the target's value of a text column when an upsert carries Debezium's unavailable-value placeholder
 * instead of the value: PostgreSQL sources send it for an unchanged TOASTed column (REPLICA IDENTITY other than
 * FULL), and the stock sink writes the placeholder over the real text. Rewrites each text column's assignment in
 * the upsert's update clause, so one statement still serves every row of a batch.
 */
final class UnavailableValueGuard {

    private static final String POSTGRES_UPDATE = " DO UPDATE SET ";
    private static final String MYSQL_UPDATE = " ON DUPLICATE KEY UPDATE ";

    private final String literal;
    private final boolean postgres;

    UnavailableValueGuard(String placeholder, boolean postgres) {
        this.literal = "'" + placeholder.replace("'", "''") + "'";
        this.postgres = postgres;
    }

    /** The upsert with its text columns guarded; unchanged when its shape is not the one expected. */
    String apply(String upsert, JdbcSinkRecord record) {
        String marker = postgres ? POSTGRES_UPDATE : MYSQL_UPDATE;
        if (record.nonKeyFieldNames().isEmpty()) {
            return upsert; // nothing to update: no assignments to guard
        }
        int at = upsert.indexOf(marker);
        List<String> assignments = at < 0 ? List.of() : SqlScan.splitTopLevel(upsert.substring(at + marker.length()));
        String table = postgres ? targetTable(upsert) : null;
        if (at < 0 || assignments.size() != record.nonKeyFieldNames().size() || (postgres && table == null)) {
            UnrecognisedStatements.report("the unavailable-value guard", upsert);
            return upsert;
        }
        StringBuilder sql = new StringBuilder(upsert.length() * 2).append(upsert, 0, at + marker.length());
        Iterator<String> fields = record.nonKeyFieldNames().iterator();
        for (int i = 0; i < assignments.size(); i++) {
            String assignment = assignments.get(i);
            FieldDescriptor field = record.allFields().get(fields.next());
            int eq = assignment.indexOf('=');
            sql.append(i == 0 ? "" : ",");
            if (field == null || !isPlainText(field.getSchema()) || eq < 0) {
                sql.append(assignment);
                continue;
            }
            String column = assignment.substring(0, eq);
            String incoming = assignment.substring(eq + 1);
            sql.append(column).append('=').append(postgres
                    ? "CASE WHEN " + incoming + "::text = " + literal + " THEN " + table + "." + column + " ELSE " + incoming + " END"
                    : "IF(" + incoming + " <=> " + literal + ", " + column + ", " + incoming + ")");
        }
        return sql.toString();
    }

    private static boolean isPlainText(Schema schema) {
        return schema != null && schema.type() == Schema.Type.STRING && schema.name() == null;
    }

    /** The table after INSERT INTO, as the statement names it (it qualifies the existing row in PostgreSQL). */
    private static String targetTable(String upsert) {
        String prefix = "INSERT INTO ";
        int end = upsert.indexOf(" (", prefix.length());
        return upsert.startsWith(prefix) && end > 0 ? upsert.substring(prefix.length(), end) : null;
    }
}
