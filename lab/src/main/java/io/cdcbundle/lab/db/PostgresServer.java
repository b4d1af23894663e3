package io.cdcbundle.lab.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private PostgreSQL instance configured as the seed's {@code custom-postgresql.conf} intends a CDC source to be
 * (wal_level=logical, replication slots and senders), with password authentication over TCP as in the seed.
 */
public final class PostgresServer extends LocalServer {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgrespass";
    private static final String OS_USER = "postgres";

    private Path bin;

    public PostgresServer(String name, Path workDir) {
        super(name, workDir);
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    private Path data() {
        return home.resolve("data");
    }

    @Override
    protected void launch() {
        bin = ServerBinaries.postgresBinDir();
        LocalProcesses.ownedDirectory(home, OS_USER);
        Path passwordFile = home.resolve("pwfile");
        if (Files.exists(data().resolve("PG_VERSION"))) {
            startPostmaster();
            return;
        }
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
            if (LocalProcesses.runningAsRoot()) {
                Files.setOwner(passwordFile, Files.getOwner(home));
            }
            LocalProcesses.run(LocalProcesses.asUser(OS_USER, List.of(bin.resolve("initdb").toString(),
                    "-D", data().toString(), "-U", USER, "--pwfile=" + passwordFile, "--auth-local=trust",
                    "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C")), log, Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // it lives in our private directory and goes with it
            }
        }
        startPostmaster();
    }

    private void startPostmaster() {
        // No Unix socket: everything, the connectors included, comes over TCP on loopback.
        process = LocalProcesses.start(LocalProcesses.asUser(OS_USER, List.of(bin.resolve("postgres").toString(),
                "-D", data().toString(), "-p", String.valueOf(port()), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "wal_level=logical", "-c", "max_replication_slots=64",
                "-c", "max_wal_senders=64", "-c", "fsync=off", "-c", "shared_buffers=128MB")), log);
        awaitJdbc();
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            try {
                // A fast shutdown: the default (smart) one waits for Debezium's replication connection to go away.
                LocalProcesses.run(LocalProcesses.asUser(OS_USER, List.of(bin.resolve("pg_ctl").toString(),
                        "-D", data().toString(), "-m", "fast", "-w", "-t", "30", "stop")), log, Duration.ofSeconds(40));
            } catch (IllegalStateException e) {
                // fall back to signals below
            }
        }
        LocalProcesses.stop(process, Duration.ofSeconds(10));
    }
}
