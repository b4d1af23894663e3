package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.junit.jupiter.api.Test;

class ConnectorTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replacesEveryToken() {
        String json = ConnectorTemplate.of("t.json", "{\"name\": \"{{a}}-x\", \"port\": \"{{b.c}}\"}")
                .render(Map.of("a", "p", "b.c", "42"));
        assertEquals("{\"name\": \"p-x\", \"port\": \"42\"}", json);
    }

    @Test
    void refusesATokenWithoutValueNamingIt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConnectorTemplate.of("t.json", "{\"a\": \"{{missing.one}}\"}").render(Map.of()));
        assertTrue(e.getMessage().contains("{{missing.one}}"), e.getMessage());
    }

    @Test
    void refusesJsonThatDoesNotParseWithLineAndColumn() {
        // The seed's own connector files carry '#' comments, which no JSON parser accepts.
        var e = assertThrows(IllegalArgumentException.class, () -> ConnectorTemplate.of("t.json",
                "{\n  \"a\": \"b\",    #comment\n  \"c\": \"d\"\n}").render(Map.of()));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    /** Every shipped template renders for every pairing, with the seed's defects corrected. */
    @Test
    void everyPipelineRendersCorrectedSeedConnectors() throws Exception {
        for (DatabaseKind source : DatabaseKind.values()) {
            for (DatabaseKind target : DatabaseKind.values()) {
                Pipeline p = new Pipeline(source.id() + "-to-" + target.id(), server(source, 3306),
                        server(target, 3307), 5401);
                JsonNode src = JSON.readTree(p.sourceConnectorJson("broker:9092")).get("config");
                JsonNode sink = JSON.readTree(p.sinkConnectorJson("broker:9092")).get("config");

                assertEquals(p.topic(), sink.get("topics").asText());
                assertEquals(p.prefix(), src.get("topic.prefix").asText());
                // 3.x names only; auto.create is no Debezium option and was silently ignored in the seed.
                assertFalse(sink.has("auto.create"));
                assertFalse(sink.has("table.name.format"));
                assertFalse(src.has("database.server.name"));
                assertEquals("target_table", sink.get("collection.name.format").asText());
                // A sink converter's schemas.enable only counts when the converter class is set beside it.
                assertEquals("org.apache.kafka.connect.json.JsonConverter", sink.get("value.converter").asText());
                if (source != DatabaseKind.POSTGRES) {
                    assertEquals("5401", src.get("database.server.id").asText());
                }
            }
        }
    }

    private static DatabaseServer server(DatabaseKind kind, int port) {
        return new DatabaseServer() {
            public DatabaseKind kind() { return kind; }
            public String host() { return "db"; }
            public int port() { return port; }
            public String user() { return "u"; }
            public String password() { return "p"; }
            public String name() { return kind.id(); }
        };
    }
}
