package io.inetpublish.common.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A request with a body of known length (sent with {@code Content-Length}). */
    public Response send(String method, String path, String contentType, byte[] body, String bearerToken) {
        return send(request(path, bearerToken).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A request whose body is sent chunked, without a {@code Content-Length}, as it is produced. */
    public Response sendChunked(String method, String path, String contentType, InputStream body,
            String bearerToken) {
        return send(request(path, bearerToken).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> body)).build());
    }

    /**
     * Sends the head of a chunked multipart request and the start of a 15 MB file part, then no more, and returns
     * what the server answered within the timeout (status line, headers and body; as soon as that answer is whole),
     * or "" if it waited for the rest: a server that parses the parts waits.
     */
    public String stalledMultipart(String method, String path, String bearerToken, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            String part = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n" + "A".repeat(8192);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (bearerToken == null ? "X-Test-No-Token: true\r\n" : "Authorization: Bearer " + bearerToken
                    + "\r\n") + "Content-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(part.length()) + "\r\n" + part + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; !complete(answer.toString(StandardCharsets.ISO_8859_1))
                        && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException ex) {
                // the server waited (nothing read) or ended the connection after its answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    /**
     * Whether an HTTP/1.1 answer read so far is whole: its head and as much body as its {@code Content-Length} says,
     * or its last chunk. Tomcat keeps a connection open after answering while it swallows the rest of the request's
     * body, so the end of the answer cannot wait for the connection's end.
     */
    static boolean complete(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = answer.substring(0, headEnd).toLowerCase(Locale.ROOT);
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return answer.length() - headEnd - 4 >= Long.parseLong(length.group(1));
        }
        return head.contains("\r\ntransfer-encoding: chunked") && answer.endsWith("\r\n0\r\n\r\n");
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
