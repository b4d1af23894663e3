package io.cdcbundle.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseServer;

/**
 * The lab's database passwords as a mounted secret directory, one file per server, read by our
 * SecretsConfigProvider: connector JSON, and so the REST API, carry {@code ${secrets:DIR:SERVER.password}}.
 */
public final class LabSecrets {

    /** The provider's alias in the worker configuration: {@code ${secrets:...}}. */
    public static final String PROVIDER = "secrets";

    private final Path directory;

    LabSecrets(Path directory) {
        try {
            this.directory = Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the secrets directory " + directory, e);
        }
    }

    /** Worker properties that install the provider, allowed to read this directory only. */
    Map<String, String> workerProperties() {
        return Map.of(
                "config.providers", PROVIDER,
                "config.providers." + PROVIDER + ".class", "io.cdcbundle.config.SecretsConfigProvider",
                "config.providers." + PROVIDER + ".param.allowed.paths", directory.toString());
    }

    /** Writes the server's password to its secret file (once) and returns the reference to it. */
    public String passwordReference(DatabaseServer server) {
        return reference(passwordFile(server).getFileName().toString());
    }

    /** The server's secret file, written once: what a user reads to log in to the lab's databases. */
    public synchronized Path passwordFile(DatabaseServer server) {
        Path file = directory.resolve(server.name() + ".password");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, server.password() + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** A reference to any key of the directory, e.g. one that does not exist, to see it refused. */
    public String reference(String key) {
        return "${" + PROVIDER + ":" + directory + ":" + key + "}";
    }
}
