package io.cdcbundle.lab.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private database instance started from the server programs installed on this machine: its own data directory
 * under the lab's work directory, its own loopback port, stopped and deleted on {@link #close()}.
 */
public abstract class LocalServer implements DatabaseServer {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final int port;
    protected final Path home;
    protected final Path log;
    protected Process process;

    protected LocalServer(String name, Path workDir) {
        this.name = name;
        this.port = LocalProcesses.freePort();
        this.home = workDir.resolve(name);
        this.log = home.resolve("server.log");
    }

    /**
     * Starts the server and returns once it accepts the lab's JDBC connections; a server that fails to start is
     * stopped and deleted before the error propagates, so no process outlives a failed start.
     */
    public final LocalServer start() {
        try {
            launch();
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    protected abstract void launch();

    /** Stops the server process, keeping its data: {@link #start()} brings it back on the same port. */
    public abstract void stop();

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Kills the server as a crash would (SIGKILL to it and its children), keeping its data for {@link #start()}. */
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        LocalProcesses.deleteRecursively(home);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    /** The server's process, for tests that crash it on purpose. */
    public Process process() {
        return process;
    }

    protected void awaitJdbc() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            requireAlive();
            try (Connection c = connect(kind().maintenanceDatabase())) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " did not accept connections on port " + port + " within "
                + START_TIMEOUT + " (last error: " + (last == null ? "none" : last.getMessage()) + "); server log "
                + log + ":\n" + LocalProcesses.tail(log));
    }

    protected void requireAlive() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting; "
                    + "server log " + log + ":\n" + LocalProcesses.tail(log));
        }
    }

    protected static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + kind().id() + " on " + host() + ":" + port + ")";
    }
}
