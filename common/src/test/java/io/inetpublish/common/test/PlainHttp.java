package io.inetpublish.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP to a port of the service under test, as Prometheus, a health check, the gateway or an operator's curl
 * reach it (MockMvc only sees the service port's servlet, not the management server). Requests carry no token
 * unless one is given (the test default token is switched off with {@code X-Test-No-Token}).
 */
public record PlainHttp(int port) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(int status, String body) {
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response get(String path, String bearerToken) {
        return send(request(path, bearerToken).GET().build());
    }

    /** A GET without a token, with one extra header (e.g. {@code Accept}). */
    public Response get(String path, String header, String value) {
        return send(request(path, null).header(header, value).GET().build());
    }

    public Response post(String path, String json, String bearerToken) {
        return send(request(path, bearerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String path, String bearerToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        return bearerToken == null ? builder.header("X-Test-No-Token", "true")
                : builder.header("Authorization", "Bearer " + bearerToken);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
