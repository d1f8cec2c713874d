package org.mentoring.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo seed's HTTP client: JSON in, JSON out, and a clear error naming the call when a service refuses. */
final class DemoHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends and returns the parsed body; fails unless the status is one of {@code expected}. */
    JsonNode send(String method, String url, String token, String contentType, String body, String ifMatch,
                  int... expected) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(method, url, token, contentType, body, ifMatch);
        if (Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
            throw new DemoCallException(method + " " + url + " answered " + response.statusCode() + ": " + response.body(),
                    response.statusCode());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Sends an object as JSON. */
    JsonNode json(String method, String url, String token, Object body, int... expected)
            throws IOException, InterruptedException {
        return send(method, url, token, body == null ? null : "application/json",
                body == null ? null : JSON.writeValueAsString(body), null, expected);
    }

    HttpResponse<String> exchange(String method, String url, String token, String contentType, String body,
                                  String ifMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call the service refused, with its status, so the seed can tell "not there yet" from a real failure. */
    static final class DemoCallException extends IOException {
        private final int status;

        DemoCallException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
