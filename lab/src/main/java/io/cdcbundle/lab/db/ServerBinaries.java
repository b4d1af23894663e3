package io.cdcbundle.lab.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the database server programs installed on this machine, or says how to install them. */
public final class ServerBinaries {

    static final String MARIADB_INSTALL = "sudo apt-get install -y mariadb-server";
    static final String POSTGRES_INSTALL = "sudo apt-get install -y postgresql";

    private ServerBinaries() {
    }

    /** An executable on PATH or in one of {@code extraDirs} (server programs often live in /usr/sbin). */
    static Path require(String executable, String product, String installCommand, List<Path> extraDirs) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.addAll(extraDirs);
        for (Path dir : dirs) {
            Path candidate = dir.resolve(executable);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new MissingServerBinaryException(product + " program '" + executable + "' was not found on PATH or in "
                + extraDirs + ". The lab starts private " + product + " instances from the server installed on this "
                + "machine; install it with: " + installCommand);
    }

    static Path mariadbd() {
        return require("mariadbd", "MariaDB", MARIADB_INSTALL, List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin")));
    }

    static Path mariadbInstallDb() {
        return require("mariadb-install-db", "MariaDB", MARIADB_INSTALL, List.of(Path.of("/usr/bin")));
    }

    static Path mariadbClient() {
        return require("mariadb", "MariaDB", MARIADB_INSTALL, List.of(Path.of("/usr/bin")));
    }

    /**
     * The directory holding PostgreSQL's initdb, postgres and pg_ctl: Debian keeps them out of PATH in
     * /usr/lib/postgresql/VERSION/bin, so the newest version there wins, then PATH.
     */
    static Path postgresBinDir() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions
                        .filter(v -> Files.isExecutable(v.resolve("bin/postgres")) && Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(ServerBinaries::majorVersion));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                // fall through to PATH
            }
        }
        return require("initdb", "PostgreSQL", POSTGRES_INSTALL, List.of()).getParent();
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Thrown when a server program the lab needs is not installed; the message holds the install command. */
    public static final class MissingServerBinaryException extends IllegalStateException {
        MissingServerBinaryException(String message) {
            super(message);
        }
    }
}
