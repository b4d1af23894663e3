package io.cdcbundle.lab.db;

/** A database server the lab did not start (a Testcontainers container, a server of the user's): never stopped by it. */
public record ExternalServer(DatabaseKind kind, String name, String host, int port, String user, String password)
        implements DatabaseServer {

    @Override
    public String toString() {
        return name + " (" + kind.id() + " on " + host + ":" + port + ")";
    }
}
