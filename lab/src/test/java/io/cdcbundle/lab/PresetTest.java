package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tuned preset: it must still replicate exactly, and docker/'s tuned JSON must be exactly the preset. */
@ExtendWith(LabExtension.class)
class PresetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSeedScenarioReplicatesWithTheFastPreset(Lab lab) throws Exception {
        for (DatabaseKind kind : List.of(DatabaseKind.MARIADB, DatabaseKind.POSTGRES)) {
            Pipeline pipeline = Preset.FAST.applyTo(lab.pipeline(kind.id() + "-fast", lab.source(kind), lab.target(kind)));
            SeedScenarioPipelineTest.assertSeedScenarioReplicates(lab, pipeline);
        }
    }

    @Test
    void dockerFastConnectorsAreTheDefaultOnesPlusThePreset() throws Exception {
        Path connectors = Path.of(Lab.buildInfo().get("repository.root")).resolve("docker/connectors");
        for (String pipeline : List.of("mariadb", "mysql", "postgres")) {
            for (String role : List.of("source", "sink")) {
                String file = pipeline + "-" + role + ".json";
                Map<String, String> expected = config(connectors.resolve(file));
                expected.putAll(role.equals("source") ? Preset.FAST.source() : Preset.FAST.sink());
                assertEquals(expected, config(connectors.resolve("fast").resolve(file)), file);
            }
        }
    }

    private static Map<String, String> config(Path file) throws Exception {
        Map<String, String> config = new HashMap<>();
        JsonNode node = JSON.readTree(Files.readString(file)).get("config");
        node.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }
}
