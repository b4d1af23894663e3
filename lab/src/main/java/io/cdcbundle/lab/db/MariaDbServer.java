package io.cdcbundle.lab.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private MariaDB instance configured as the seed's {@code mariadb_main.cnf} intends a CDC source to be: binary log
 * in ROW format with full row images and metadata, GTID strict mode, its own server id.
 */
public final class MariaDbServer extends LocalServer {

    public static final String USER = "root";
    public static final String PASSWORD = "rootpass";
    private static final String OS_USER = "mysql";

    private final int serverId;

    public MariaDbServer(String name, Path workDir, int serverId) {
        super(name, workDir);
        this.serverId = serverId;
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    public int serverId() {
        return serverId;
    }

    private Path socket() {
        return home.resolve("mysqld.sock");
    }

    @Override
    protected void launch() {
        Path mariadbd = ServerBinaries.mariadbd();
        Path installDb = ServerBinaries.mariadbInstallDb();
        Path client = ServerBinaries.mariadbClient();
        LocalProcesses.ownedDirectory(home, OS_USER);
        Path data = home.resolve("data");

        if (!java.nio.file.Files.isDirectory(data.resolve("mysql"))) {
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data,
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            withOsUser(install);
            LocalProcesses.run(install, home.resolve("install.log"), Duration.ofSeconds(120));
        }

        List<String> server = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults",
                "--datadir=" + data, "--port=" + port(), "--bind-address=127.0.0.1", "--socket=" + socket(),
                "--pid-file=" + home.resolve("mysqld.pid"), "--log-error=" + log,
                "--server-id=" + serverId, "--log-bin=" + data.resolve("mariadb-bin"), "--binlog-format=ROW",
                "--binlog-row-image=FULL", "--binlog-row-metadata=FULL", "--log-slave-updates=ON",
                "--gtid-strict-mode=ON", "--gtid-domain-id=" + serverId, "--expire-logs-days=1",
                "--skip-name-resolve", "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=2",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"));
        withOsUser(server);
        process = LocalProcesses.start(server, home.resolve("mariadbd.out"));

        // With skip-name-resolve a TCP client from 127.0.0.1 never matches root@localhost, which only the
        // socket reaches: create the account the connectors use, as the seed's root/rootpass.
        String bootstrap = "CREATE OR REPLACE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'; "
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;";
        List<String> sql = List.of(client.toString(), "--no-defaults", "--socket=" + socket(), "-uroot", "-e", bootstrap);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            requireAlive();
            try {
                LocalProcesses.run(sql, home.resolve("bootstrap.log"), Duration.ofSeconds(20));
                break;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name() + " did not start within " + START_TIMEOUT + "; server log "
                            + log + ":\n" + LocalProcesses.tail(log), notYet);
                }
                sleep(100);
            }
        }
        awaitJdbc();
    }

    private static void withOsUser(List<String> command) {
        if (LocalProcesses.runningAsRoot()) {
            command.add(2, "--user=" + OS_USER); // mariadbd drops root privileges itself
        }
    }

    @Override
    public void stop() {
        LocalProcesses.stop(process, Duration.ofSeconds(30));
    }
}
