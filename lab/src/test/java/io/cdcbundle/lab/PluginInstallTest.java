package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.cdcbundle.lab.connect.KafkaConnectCluster;
import io.cdcbundle.lab.db.LocalProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Confluent Hub-style zip, unpacked into an otherwise empty plugin path, is what a worker finds: our
 * transforms are listed and the worker starts with our config provider installed. (The mounted-directory layout is
 * the one every other lab test runs on.)
 */
@ExtendWith(LabExtension.class)
class PluginInstallTest {

    @Test
    void theHubZipUnpackedIntoAnEmptyPluginPathIsFound(Lab lab, @TempDir Path pluginPath) throws Exception {
        unzip(Path.of(Lab.buildInfo().get("hub.zip")), pluginPath);
        try (KafkaConnectCluster.Worker worker = lab.cluster().startWorker("hub-check", pluginPath,
                LocalProcesses.freePort(), Map.of(
                        "config.providers", "secrets",
                        "config.providers.secrets.class", "io.cdcbundle.config.SecretsConfigProvider",
                        "config.providers.secrets.param.allowed.paths", pluginPath.toString()))) {
            List<String> plugins = worker.rest().pluginClasses(false);
            for (String expected : List.of("io.cdcbundle.transforms.FlattenEnvelope", "io.cdcbundle.transforms.RouteByTable")) {
                assertTrue(plugins.contains(expected), expected + " not listed: " + plugins);
            }
            assertTrue(plugins.stream().noneMatch(p -> p.startsWith("io.debezium")), "the plugin path holds only the zip");
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e; (e = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
    }
}
