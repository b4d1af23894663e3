package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ValidatedJdbcSinkConnector behind the real worker's REST API. (Every lab pipeline's sink already runs on it:
 * the seed's corrected configurations are accepted and replicate.)
 */
@ExtendWith(LabExtension.class)
class ValidatedSinkRestTest {

    private static Pipeline pipeline(Lab lab, String name, Map<String, String> sinkOverrides) {
        return lab.pipeline(name, lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.POSTGRES))
                .withSinkConfig(sinkOverrides);
    }

    /** PUT .../config/validate with the pipeline's sink configuration, as the REST API expects it. */
    private static ConnectRestClient.Response validate(Lab lab, Pipeline pipeline) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(pipeline.sinkConnectorJson(lab.cluster().bootstrapServers())).get("config");
        if (!config.has("name")) {
            config.put("name", pipeline.sinkConnector());
        }
        return lab.rest().send("PUT", "/connector-plugins/ValidatedJdbcSinkConnector/config/validate", config.toString());
    }

    @Test
    void theUnsafeDeleteConfigurationIsRefusedWith400NamingPrimaryKeyMode(Lab lab) {
        Map<String, String> unsafe = new HashMap<>();
        unsafe.put("primary.key.mode", null);
        Pipeline p = pipeline(lab, "unsafe-delete", unsafe);
        ConnectRestClient.Response response = lab.rest().send("POST", "/connectors",
                p.sinkConnectorJson(lab.cluster().bootstrapServers()));
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("primary.key.mode: is"), "the 400 names the property: " + response.body());
        assertTrue(response.body().contains("DELETE without a WHERE clause"), response.body());
        assertEquals(404, lab.rest().send("GET", "/connectors/" + p.sinkConnector(), null).status(), "not created");
    }

    @Test
    void aTypoGetsADidYouMean(Lab lab) {
        Pipeline p = pipeline(lab, "typo", Map.of("insert.mode", "upsrt"));
        ConnectRestClient.Response response = lab.rest().send("POST", "/connectors",
                p.sinkConnectorJson(lab.cluster().bootstrapServers()));
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("did you mean 'upsert'?"), response.body());
    }

    /**
     * A bad option of our transforms is an error on its property at validation (Connect never calls configure()
     * there), and the connector is not created: before, validate said 0 errors and the task failed at start.
     */
    @Test
    void aBadTransformOptionIsAnErrorOnItsPropertyBeforeTheConnectorExists(Lab lab) throws Exception {
        Pipeline p = pipeline(lab, "bad-transform", Map.of("transforms", "route,flatten", "collection.name.format", "${topic}",
                "transforms.route.type", "io.cdcbundle.transforms.RouteByTable",
                "transforms.route.table.replacement", "$1\\",
                "transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope",
                "transforms.flatten.add.fields", "op,source.table,ts",
                "transforms.flatten.delete.handling.mod", "drop"));
        JsonNode result = validate(lab, p).json();
        List<String> bad = new java.util.ArrayList<>();
        for (JsonNode config : result.path("configs")) {
            if (config.path("value").path("errors").size() > 0) {
                bad.add(config.path("value").path("name").asText());
            }
        }
        assertEquals(java.util.Set.of("transforms.route.table.replacement", "transforms.flatten.add.fields",
                "transforms.flatten.delete.handling.mod"), java.util.Set.copyOf(bad), result.toString());
        assertTrue(result.toString().contains("did you mean 'transforms.flatten.delete.handling.mode'?"), result.toString());
        ConnectRestClient.Response created = lab.rest().send("POST", "/connectors",
                p.sinkConnectorJson(lab.cluster().bootstrapServers()));
        assertEquals(400, created.status(), created.body());
        assertTrue(created.body().contains("Invalid value ts for configuration add.fields") && created.body().contains("expected one of"),
                created.body());
    }

    @Test
    void theValidateEndpointNamesEveryProblem(Lab lab) throws Exception {
        Pipeline p = pipeline(lab, "seed-as-written", Map.of("auto.create", "true", "schema.evolution", "true"));
        ConnectRestClient.Response response = validate(lab, p);
        assertEquals(200, response.status(), response.body());
        JsonNode result = response.json();
        assertEquals(2, result.get("error_count").asInt(), response.body());
        assertTrue(response.body().contains("Confluent JDBC sink option"), response.body());
        assertTrue(response.body().contains("did you mean 'basic'?"), response.body());
    }

    @Test
    void theLiveCheckSeesMariaDbBehindAMysqlUrlAndAKeyMismatch(Lab lab) throws Exception {
        Pipeline p = lab.pipeline("live-check", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.MARIADB));
        p.target().recreateDatabase(p.database());
        try (var c = p.target().connect(p.database()); var s = c.createStatement()) {
            s.execute("create table target_table (id int primary key, name varchar(10))");
        }
        Map<String, String> live = new HashMap<>();
        live.put("name", "live-check-sink");
        live.put("validation.live.check", "true");
        live.put("connection.url", "jdbc:mysql://" + p.target().host() + ":" + p.target().port() + "/" + p.database());
        live.put("primary.key.fields", "name");
        ConnectRestClient.Response response = validate(lab, p.withSinkConfig(live));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().contains("the server is MariaDB"), response.body());
        assertTrue(response.body().contains("has primary key [id]"), response.body());
        assertTrue(!response.body().contains(p.target().password()), "the live check shows no password");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DatabaseKind.class, names = {"MARIADB", "POSTGRES"})
    void theLiveCheckSeesMissingPrivileges(DatabaseKind kind, Lab lab) throws Exception {
        Pipeline p = lab.pipeline("live-rights-" + kind.id(), lab.source(DatabaseKind.MARIADB), lab.target(kind));
        p.target().recreateDatabase(p.database());
        try (var c = p.target().connect(p.database()); var s = c.createStatement()) {
            if (kind == DatabaseKind.MARIADB) {
                s.execute("CREATE OR REPLACE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'reader-pw'");
                s.execute("GRANT SELECT, INSERT ON " + p.database() + ".* TO 'reader'@'127.0.0.1'");
            } else {
                // PostgreSQL 15 grants no CREATE on schema public to other roles.
                s.execute("DROP ROLE IF EXISTS reader");
                s.execute("CREATE ROLE reader LOGIN PASSWORD 'reader-pw'");
            }
        }
        Map<String, String> live = new HashMap<>();
        live.put("name", "live-rights-sink");
        live.put("validation.live.check", "true");
        live.put("connection.username", "reader");
        live.put("connection.password", "reader-pw");
        ConnectRestClient.Response response = validate(lab, p.withSinkConfig(live));
        String lacks = kind == DatabaseKind.MARIADB ? "[UPDATE, DELETE, CREATE, ALTER]" : "[CREATE, ALTER]";
        assertTrue(response.body().contains("'reader' lacks " + lacks), response.body());
        assertTrue(!response.body().contains("reader-pw"), "no password in the answer");
    }
}
