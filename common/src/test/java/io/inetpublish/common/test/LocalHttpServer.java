package io.inetpublish.common.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server for a test that calls out (a service instance, a key server, a downstream), on a free port of
 * 127.0.0.1: each request on a thread of its own, so a slow answer holds up no other; {@link #close} stops it at once.
 * <pre>{@code
 * server = LocalHttpServer.start()
 *         .route("/things/", exchange -> LocalHttpServer.answer(exchange, 200, "thing"));
 * ... server.url() + "/things/a" ...
 * server.close();   // @AfterEach
 * }</pre>
 */
public final class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private LocalHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(threads);
        server.start();
    }

    /** A started server that answers nothing yet (404) until {@link #route}s are added. */
    public static LocalHttpServer start() {
        return new LocalHttpServer();
    }

    /** Requests to {@code path} and below are answered by {@code handler}. */
    public LocalHttpServer route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The address of {@code path} on this server. */
    public URI uri(String path) {
        return URI.create(url() + path);
    }

    /**
     * Answers with this status and text and ends the exchange: as application/json when the text is a JSON object or
     * array, as UTF-8 plain text otherwise.
     */
    public static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") || text.startsWith("[")
                ? "application/json" : "text/plain;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Holds the answer this long (a slow downstream); a test stopping the server ends the wait. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
