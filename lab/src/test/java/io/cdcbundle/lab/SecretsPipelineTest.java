package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.connect.ConnectRestClient;
import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.MariaDbServer;
import io.cdcbundle.lab.db.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every lab pipeline gives its connectors the database passwords as ${secrets:...} references, resolved by our
 * SecretsConfigProvider from the packaged plugin directory. The REST API must show only the references.
 */
@ExtendWith(LabExtension.class)
class SecretsPipelineTest {

    private static final List<String> PASSWORDS = List.of(MariaDbServer.PASSWORD, PostgresServer.PASSWORD);

    @Test
    void connectorsRunOnReferencesAndTheRestApiShowsNoPassword(Lab lab) throws Exception {
        Pipeline pipeline = lab.pipeline("secret-refs", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.POSTGRES));
        SeedScenario.prepare(pipeline);
        lab.deploy(pipeline);
        try {
            SeedScenario.run(pipeline);
            assertEquals(SeedScenario.EXPECTED, SeedScenario.awaitRows(pipeline.target(), pipeline.database(),
                    Pipeline.TARGET_TABLE, SeedScenario.EXPECTED, Duration.ofSeconds(60)), "the references resolved");

            ConnectRestClient rest = lab.rest();
            assertEquals(lab.secrets().passwordReference(pipeline.source()),
                    rest.config(pipeline.sourceConnector()).get("database.password").asText());
            assertEquals(lab.secrets().passwordReference(pipeline.target()),
                    rest.config(pipeline.sinkConnector()).get("connection.password").asText());
            for (String connector : List.of(pipeline.sourceConnector(), pipeline.sinkConnector())) {
                for (String path : List.of("/connectors/" + connector, "/connectors/" + connector + "/config",
                        "/connectors/" + connector + "/tasks", "/connectors?expand=info&expand=status")) {
                    String body = rest.send("GET", path, null).body();
                    assertTrue(body.contains("${secrets:"), path + " should show the reference: " + body);
                    for (String password : PASSWORDS) {
                        assertFalse(body.contains(password), "GET " + path + " shows a password");
                    }
                }
            }
        } finally {
            lab.undeploy(pipeline);
        }
        Path log = Path.of(System.getProperty("cdcbundle.lab.logFile"));
        String text = Files.readString(log);
        assertTrue(text.contains("secret-refs-sink"), "the log covers this pipeline");
        for (String password : PASSWORDS) {
            assertFalse(text.contains(password), "the worker's log holds a database password");
        }
    }

    @Test
    void aWrongReferenceFailsConnectorCreationNamingIt(Lab lab) {
        Pipeline pipeline = lab.pipeline("secret-wrong", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.MARIADB))
                .withSourceConfig(Map.of("database.password", lab.secrets().reference("no-such-server.password")));
        ConnectRestClient.Response response = lab.rest().send("POST", "/connectors",
                pipeline.sourceConnectorJson(lab.cluster().bootstrapServers()));
        try {
            assertFalse(response.ok(), "created with an unresolvable secret: " + response.body());
            assertTrue(response.body().contains("no-such-server.password"), response.body());
        } finally {
            lab.rest().deleteConnector(pipeline.sourceConnector());
        }
    }
}
