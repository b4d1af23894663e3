package io.cdcbundle.lab.connect;

import java.net.URI;

/** A Kafka broker with a distributed Connect worker on it, whichever Kafka and Debezium line they run. */
public interface ConnectCluster extends AutoCloseable {

    String bootstrapServers();

    URI restUrl();

    default ConnectRestClient rest() {
        return new ConnectRestClient(restUrl());
    }
}
