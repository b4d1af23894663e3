package io.cdcbundle.sink.dialect;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.sink.field.FieldDescriptor;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column types that Debezium's dialects create with a loss of value, replaced in the CREATE TABLE and ALTER TABLE
 * statements they write (issue #15). Debezium picks a column's type inside its own statement builder, out of reach
 * of a wrapping dialect, so the replacement is made in the statement: the column's name followed by the type Debezium
 * chose for it.
 * <ul>
 * <li>{@code io.debezium.data.VariableScaleDecimal} (a PostgreSQL {@code numeric} without precision, whose values
 * each carry their own scale) becomes {@code double precision}/{@code double} in Debezium, which keeps about 16
 * digits. Created here as {@code numeric} on PostgreSQL and {@code decimal(65,30)} on MariaDB/MySQL, their widest
 * decimal.</li>
 * <li>{@code io.debezium.time.ZonedTimestamp} (a PostgreSQL {@code timestamptz}, a MariaDB/MySQL {@code TIMESTAMP})
 * becomes {@code timestamp(6)} on MariaDB/MySQL, which holds only 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC and
 * fails the task outside it. Created here as {@code datetime(6)}, which holds years 1000 to 9999; the value written
 * is Debezium's, the instant in {@code use.time.zone} (UTC by default).</li>
 * <li>A key column of bytes becomes {@code longblob} on MariaDB/MySQL, which a primary key cannot hold ("BLOB/TEXT
 * column used in key specification without a key length"). Created as {@code varbinary(255)}, as Debezium creates a
 * text key column {@code varchar(255)}.</li>
 * </ul>
 * A statement in which the column cannot be found (a column naming strategy that renames it, a Debezium version
 * that writes columns differently) is left as Debezium wrote it, with a warning once per column.
 */
final class CreatedColumnTypes {

    private static final Logger log = LoggerFactory.getLogger(CreatedColumnTypes.class);
    static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";

    private final TargetServer server;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    CreatedColumnTypes(TargetServer server) {
        this.server = server;
    }

    /** The type to create for a field of this schema instead of Debezium's, if any. */
    Optional<String> replacement(Schema schema, boolean key) {
        if (key && server.mysqlFamily() && schema.type() == Schema.Type.BYTES && schema.name() == null) {
            return Optional.of("varbinary(255)");
        }
        if (VARIABLE_SCALE_DECIMAL.equals(schema.name())) {
            return Optional.of(server == TargetServer.POSTGRES ? "numeric" : "decimal(65,30)");
        }
        if (ZONED_TIMESTAMP.equals(schema.name()) && server.mysqlFamily()) {
            return Optional.of("datetime(6)");
        }
        return Optional.empty();
    }

    /** {@code statement} with the replaced types of {@code fields}; {@code stock} names the types Debezium chose. */
    String apply(String statement, Collection<FieldDescriptor> fields, DatabaseDialect stock) {
        String result = statement;
        for (FieldDescriptor field : fields) {
            Schema schema = field.getSchema();
            Optional<String> wanted = replacement(schema, field.isKey());
            if (wanted.isEmpty()) {
                continue;
            }
            String chosen = stock.getSchemaType(schema).getTypeName(schema, field.isKey());
            String replaced = replaceColumnType(result, field.getColumnName(), chosen, wanted.get());
            if (replaced == null) {
                if (warned.add(field.getColumnName())) {
                    log.warn("cdc-bundle could not find column {} of type {} in Debezium's statement, so it is created as "
                            + "{} (values may lose digits), not {}: {}", field.getColumnName(), chosen, chosen, wanted.get(),
                            statement);
                }
                continue;
            }
            result = replaced;
        }
        return result;
    }

    /** The statement with the one "column type" pair replaced, or null if it does not occur exactly once. */
    static String replaceColumnType(String statement, String column, String chosen, String wanted) {
        Pattern pair = Pattern.compile("(?<=[\\s(,])(([`\"]?)" + Pattern.quote(column) + "\\2\\s+)" + Pattern.quote(chosen)
                + "(?=[\\s,)]|$)", Pattern.CASE_INSENSITIVE);
        Matcher m = pair.matcher(statement);
        if (!m.find()) {
            return null;
        }
        String replaced = statement.substring(0, m.start()) + m.group(1) + wanted + statement.substring(m.end());
        return m.find() ? null : replaced;
    }
}
