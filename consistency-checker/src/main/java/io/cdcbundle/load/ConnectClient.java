package io.cdcbundle.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdcbundle.checker.Json;

/** The Kafka Connect REST calls the bulk load makes: create, stop and resume a connector, and read its state. */
final class ConnectClient {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectClient(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    boolean exists(String connector) {
        return call("GET", path(connector, "status"), null, true) != null;
    }

    /** Creates the connector, or updates its configuration. */
    void put(String connector, Map<String, String> config) {
        StringBuilder body = new StringBuilder("{");
        config.forEach((k, v) -> {
            if (body.length() > 1) {
                body.append(',');
            }
            Json.quote(body, k);
            body.append(':');
            Json.quote(body, v);
        });
        call("PUT", path(connector, "config"), body.append('}').toString(), false);
    }

    /** Stops the connector (Connect 3.5 or later) and waits until the worker reports it stopped, no task left. */
    void stop(String connector, Duration timeout) throws InterruptedException {
        call("PUT", path(connector, "stop"), null, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<?, ?> status = (Map<?, ?>) call("GET", path(connector, "status"), null, false);
            Object state = ((Map<?, ?>) status.get("connector")).get("state");
            if ("STOPPED".equals(state) && ((List<?>) status.get("tasks")).isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not stop " + connector + " within " + timeout
                        + "; its status: " + state);
            }
            Thread.sleep(50);
        }
    }

    /** The connector's configuration as the worker holds it (references unresolved). */
    Map<?, ?> config(String connector) {
        return (Map<?, ?>) call("GET", path(connector, "config"), null, false);
    }

    /** The connector's committed source offsets ({@code GET /connectors/<name>/offsets}, Connect 3.5 or later). */
    List<Map<?, ?>> offsets(String connector) {
        Object offsets = ((Map<?, ?>) call("GET", path(connector, "offsets"), null, false)).get("offsets");
        return offsets instanceof List<?> list ? list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(o -> (Map<?, ?>) o).toList()
                : List.of();
    }

    void resume(String connector) {
        call("PUT", path(connector, "resume"), null, false);
    }

    /** The first line of the trace of the connector's or a task's failure, or null while none failed. */
    String failure(String connector) {
        Map<?, ?> status = (Map<?, ?>) call("GET", path(connector, "status"), null, true);
        if (status == null) {
            return null;
        }
        String failed = failed(status.get("connector"));
        if (failed == null && status.get("tasks") instanceof List<?> tasks) {
            for (Object task : tasks) {
                failed = failed == null ? failed(task) : failed;
            }
        }
        return failed == null ? null : connector + " failed: " + failed;
    }

    private static String failed(Object state) {
        if (state instanceof Map<?, ?> m && "FAILED".equals(m.get("state"))) {
            String trace = String.valueOf(m.get("trace"));
            return trace.lines().findFirst().orElse(trace);
        }
        return null;
    }

    private static String path(String connector, String what) {
        return "connectors/" + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20") + "/" + what;
    }

    /** The answer's JSON; null for a 404 when {@code absentOk}. */
    private Object call(String method, String path, String body, boolean absentOk) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("--connect: " + method + " " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
        if (response.statusCode() == 404 && absentOk) {
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            Object message = response.body().isBlank() ? null : messageOf(response.body());
            throw new IllegalStateException(method + " " + base.resolve(path) + ": HTTP " + response.statusCode()
                    + (message == null ? "" : ": " + message));
        }
        return response.body().isBlank() ? Map.of() : JsonReader.parse(response.body());
    }

    private static Object messageOf(String body) {
        try {
            return JsonReader.parse(body) instanceof Map<?, ?> m ? m.get("message") : body;
        } catch (IllegalArgumentException e) {
            return body;
        }
    }
}
