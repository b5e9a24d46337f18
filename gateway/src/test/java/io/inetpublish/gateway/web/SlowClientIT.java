package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that stops sending (SlowClientLimits): with a read timeout of 1 s and an idle timeout of 2 s here, a body
 * that stalls ends with a closed connection after the read timeout, an idle connection is closed after the idle one,
 * and a slow upload that keeps sending is not cut. Raw sockets, because an HTTP client never leaves a body half-sent on purpose. The route used is
 * Feishu's card callback (no platform token, so the body is read at once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0",
        "inetpublish.gateway.client-read-timeout=1s",
        "inetpublish.gateway.client-idle-timeout=2s"
})
class SlowClientIT {

    static final WireMockServer RELEASE = new WireMockServer(options().dynamicPort());

    static {
        RELEASE.start();
        RELEASE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.release-service[0].uri", RELEASE::baseUrl);
    }

    @AfterAll
    static void stop() {
        RELEASE.stop();
    }

    @LocalServerPort
    int port;

    static final String CALLBACK = "/api/approvals/feishu/card-callback";

    Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    static String head(int contentLength) {
        return "POST " + CALLBACK + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** Everything the gateway sends until it closes the connection, and how long that took. */
    record Ended(String answer, long millis) {
    }

    static Ended readUntilClosed(Socket socket, long started) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException ex) {
            throw new AssertionError("the gateway kept the connection for 10 s; it sent: " + answer, ex);
        } catch (IOException reset) {
            // a reset after the answer is a close too
        }
        return new Ended(answer.toString(StandardCharsets.UTF_8), (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aBodyThatStopsComingEndsWithAClosedConnection() throws IOException {
        try (Socket socket = open()) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write((head(100) + "{\"challenge\":").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Ended ended = readUntilClosed(socket, started);
            // closed by the read timeout (1 s), not the idle one (2 s); Reactor Netty closes without an answer
            assertThat(ended.millis()).as("closed after %s", ended).isBetween(900L, 1_900L);
            assertThat(ended.answer()).isEmpty();
        }
    }

    @Test
    void aConnectionWithNoRequestIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = open()) {
            long started = System.nanoTime();
            Ended ended = readUntilClosed(socket, started);
            assertThat(ended.answer()).isEmpty();
            assertThat(ended.millis()).isBetween(1_900L, 6_000L);
        }
    }

    @Test
    void aSlowUploadThatKeepsSendingIsNotCut() throws Exception {
        byte[] body = "{\"challenge\":\"slow-but-steady\",\"type\":\"url_verification\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = open()) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head(body.length).getBytes(StandardCharsets.UTF_8));
            // 3.5 s in all, never more than 0.5 s without a byte: longer than the read timeout, never idle for it
            for (int i = 0; i < body.length; i += 8) {
                out.write(body, i, Math.min(8, body.length - i));
                out.flush();
                Thread.sleep(500);
            }
            socket.shutdownOutput();
            Ended ended = readUntilClosed(socket, started);
            assertThat(ended.answer()).startsWith("HTTP/1.1 200").contains("{\"ok\":true}");
            assertThat(ended.millis()).isGreaterThan(3_000L);
        }
    }
}
