package io.cdcbundle.lab.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka Connect REST API as the seed uses it with curl: create, inspect and delete connectors; and as an
 * operator does after a failure: stop, resume, restart, read and rewrite their offsets.
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRestClient(URI base) {
        this.base = base;
    }

    /** The worker's REST address. */
    public URI base() {
        return base;
    }

    /** A response whose status and body the caller judges, e.g. to assert that a bad config is refused. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }

    public Response send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private JsonNode require(Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException(what + " failed with HTTP " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    /** POST /connectors with a connector JSON document ({"name": ..., "config": {...}}), as the seed's curl does. */
    public JsonNode createConnector(String connectorJson) {
        return require(send("POST", "/connectors", connectorJson), "Creating a connector");
    }

    public void deleteConnector(String name) {
        Response response = send("DELETE", "/connectors/" + name, null);
        if (!response.ok() && response.status() != 404) {
            throw new IllegalStateException("Deleting " + name + " failed with HTTP " + response.status() + ": "
                    + response.body());
        }
    }

    /** POST /connectors/NAME/restart?includeTasks=true&onlyFailed=true: what an operator does after an outage. */
    public void restartFailed(String name) {
        Response response = send("POST", "/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true", null);
        if (!response.ok()) {
            throw new IllegalStateException("Restarting " + name + " failed with HTTP " + response.status() + ": "
                    + response.body());
        }
    }

    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        require(send("GET", "/connectors", null), "Listing connectors").forEach(n -> names.add(n.asText()));
        return names;
    }

    public JsonNode status(String name) {
        return require(send("GET", "/connectors/" + name + "/status", null), "Status of " + name);
    }

    public JsonNode config(String name) {
        return require(send("GET", "/connectors/" + name + "/config", null), "Config of " + name);
    }

    /** GET /connectors/NAME/offsets: the offsets Connect has committed for the connector (KIP-875). */
    public JsonNode offsets(String name) {
        return require(send("GET", "/connectors/" + name + "/offsets", null), "Offsets of " + name);
    }

    /** PUT /connectors/NAME/stop, then waits until it reports STOPPED; then its offsets may be altered. */
    public void stop(String name, Duration timeout) {
        require(send("PUT", "/connectors/" + name + "/stop", null), "Stopping " + name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"STOPPED".equals(status(name).path("connector").path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Connector " + name + " not STOPPED after " + timeout);
            }
            pause(name);
        }
    }

    /** PATCH /connectors/NAME/offsets with a body as GET returns it; the connector must be STOPPED. */
    public void alterOffsets(String name, JsonNode offsets) {
        require(send("PATCH", "/connectors/" + name + "/offsets", offsets.toString()), "Altering the offsets of " + name);
    }

    /** DELETE /connectors/NAME/offsets: the connector starts over (a Debezium source takes a new snapshot). */
    public void resetOffsets(String name) {
        require(send("DELETE", "/connectors/" + name + "/offsets", null), "Resetting the offsets of " + name);
    }

    /** PUT /connectors/NAME/resume, then waits until it and its tasks run. */
    public void resume(String name, Duration timeout) {
        require(send("PUT", "/connectors/" + name + "/resume", null), "Resuming " + name);
        awaitRunning(name, timeout);
    }

    /** Plugin class names; with {@code connectorsOnly=false} also transforms, converters and predicates. */
    public List<String> pluginClasses(boolean connectorsOnly) {
        return new ArrayList<>(pluginVersions(connectorsOnly).keySet());
    }

    /** Each listed plugin class with the version the worker reports for it. */
    public Map<String, String> pluginVersions(boolean connectorsOnly) {
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        require(send("GET", "/connector-plugins?connectorsOnly=" + connectorsOnly, null), "Listing plugins")
                .forEach(p -> versions.put(p.get("class").asText(), p.path("version").asText()));
        return versions;
    }

    /** Waits until the connector and all its tasks are RUNNING; a FAILED one fails fast with its trace. */
    public void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status yet";
        while (System.nanoTime() < deadline) {
            Response response = send("GET", "/connectors/" + name + "/status", null);
            if (response.ok()) {
                JsonNode status = response.json();
                last = status.toString();
                String state = status.path("connector").path("state").asText();
                JsonNode tasks = status.path("tasks");
                boolean tasksRunning = tasks.size() > 0;
                for (JsonNode task : tasks) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new IllegalStateException("Task " + task.path("id").asText() + " of " + name
                                + " FAILED: " + task.path("trace").asText());
                    }
                    tasksRunning &= "RUNNING".equals(task.path("state").asText());
                }
                if ("FAILED".equals(state)) {
                    throw new IllegalStateException("Connector " + name + " FAILED: "
                            + status.path("connector").path("trace").asText());
                }
                if ("RUNNING".equals(state) && tasksRunning) {
                    return;
                }
            }
            pause(name);
        }
        throw new IllegalStateException("Connector " + name + " not RUNNING after " + timeout + "; last status: " + last);
    }

    private static void pause(String name) {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name, e);
        }
    }
}
