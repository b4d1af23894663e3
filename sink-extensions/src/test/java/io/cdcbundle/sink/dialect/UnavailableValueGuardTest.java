package io.cdcbundle.sink.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.sink.field.FieldDescriptor;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class UnavailableValueGuardTest {

    private static final String PLACEHOLDER = "__debezium_unavailable_value";

    /** A record whose non-key fields are id (key), body (text), n (int) and doc (io.debezium.data.Json). */
    private static JdbcSinkRecord record() {
        Map<String, FieldDescriptor> fields = new LinkedHashMap<>();
        fields.put("id", new FieldDescriptor(Schema.INT32_SCHEMA, "id", true));
        fields.put("body", new FieldDescriptor(Schema.OPTIONAL_STRING_SCHEMA, "body", false));
        fields.put("n", new FieldDescriptor(Schema.OPTIONAL_INT32_SCHEMA, "n", false));
        fields.put("doc", new FieldDescriptor(SchemaBuilder.string().name("io.debezium.data.Json").optional().build(),
                "doc", false));
        Set<String> nonKey = new LinkedHashSet<>(List.of("body", "n", "doc"));
        return (JdbcSinkRecord) Proxy.newProxyInstance(JdbcSinkRecord.class.getClassLoader(),
                new Class<?>[] {JdbcSinkRecord.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "nonKeyFieldNames" -> nonKey;
                    case "keyFieldNames" -> Set.of("id");
                    case "allFields" -> fields;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void postgresKeepsTheExistingTextOfAPlaceholder() {
        String upsert = "INSERT INTO public.t (id,body,n,doc) VALUES (?,?,?,cast(? as json)) ON CONFLICT (id) DO UPDATE "
                + "SET body=EXCLUDED.body,n=EXCLUDED.n,doc=EXCLUDED.doc";
        assertEquals("INSERT INTO public.t (id,body,n,doc) VALUES (?,?,?,cast(? as json)) ON CONFLICT (id) DO UPDATE "
                + "SET body=CASE WHEN EXCLUDED.body::text = '" + PLACEHOLDER + "' THEN public.t.body ELSE EXCLUDED.body END,"
                + "n=EXCLUDED.n,doc=EXCLUDED.doc", new UnavailableValueGuard(PLACEHOLDER, true).apply(upsert, record()));
    }

    @Test
    void mariadbKeepsTheExistingTextOfAPlaceholder() {
        String upsert = "INSERT INTO t (id, body, n, doc) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "body=VALUES(body),n=VALUES(n),doc=VALUES(doc)";
        assertEquals("INSERT INTO t (id, body, n, doc) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "body=IF(VALUES(body) <=> 'it''s', body, VALUES(body)),n=VALUES(n),doc=VALUES(doc)",
                new UnavailableValueGuard("it's", false).apply(upsert, record()));
    }

    @Test
    void leavesAStatementOfAnotherShapeAsItIs() {
        String twoAssignments = "INSERT INTO t (id, body, n, doc) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "body=VALUES(body),n=VALUES(n)";
        assertEquals(twoAssignments, new UnavailableValueGuard(PLACEHOLDER, false).apply(twoAssignments, record()));
        String doNothing = "INSERT INTO t (id) VALUES (?) ON CONFLICT (id) DO NOTHING";
        assertEquals(doNothing, new UnavailableValueGuard(PLACEHOLDER, true).apply(doNothing, record()));
    }
}
