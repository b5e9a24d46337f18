package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

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
 * A kept-alive connection keeps being read (KeptAliveReads): two requests sent together, the first answered by a
 * service after 50 ms, the second by the gateway itself at once (a path it refuses), then a third on the same
 * connection. On Reactor Netty 1.3.6 without KeptAliveReads the third is never read (reactor-netty#4361); the
 * gateway ITs' request that waited 30 s for an answer came this way. Raw sockets, because an HTTP client sends a
 * request only once it has the previous answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0"
})
class KeptAliveReadsIT {

    static final WireMockServer AUTH = new WireMockServer(options().dynamicPort());

    static {
        AUTH.start();
        AUTH.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(50)
                .withHeader("Content-Type", "application/json").withBody("{\"keys\":[]}")));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", AUTH::baseUrl);
    }

    @AfterAll
    static void stop() {
        AUTH.stop();
    }

    @LocalServerPort
    int port;

    static final String KEYS = "GET /api/auth/jwks HTTP/1.1\r\nHost: localhost\r\n\r\n";
    static final String REFUSED = "GET /api/releases/..;/actuator/env HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Test
    void theNextRequestOnAConnectionIsAnsweredAfterOneTheGatewayRefusedAtOnce() throws IOException {
        for (int round = 0; round < 5; round++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write((KEYS + REFUSED).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(readAnswer(in, round + ": the service's answer")).startsWith("HTTP/1.1 200");
                assertThat(readAnswer(in, round + ": the refusal")).startsWith("HTTP/1.1 400");
                out.write(KEYS.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readAnswer(in, round + ": the next request on the connection"))
                        .startsWith("HTTP/1.1 200");
            }
        }
    }

    /** One answer: its head and its body (of the Content-Length it names, or chunked). */
    static String readAnswer(InputStream in, String which) throws IOException {
        StringBuilder answer = new StringBuilder();
        try {
            String head = readUntil(in, "\r\n\r\n", answer, which);
            int length = 0;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            if (!chunked) {
                answer.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                return answer.toString();
            }
            for (int size; (size = Integer.parseInt(readUntil(in, "\r\n", answer, which).trim(), 16)) > 0; ) {
                answer.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                readUntil(in, "\r\n", answer, which);
            }
            readUntil(in, "\r\n", answer, which);
            return answer.toString();
        } catch (SocketTimeoutException ex) {
            throw new AssertionError(which + ": no answer within 5 s (the connection is no longer read); it sent "
                    + answer, ex);
        }
    }

    /** The bytes up to and with {@code end}, also appended to {@code answer}. */
    static String readUntil(InputStream in, String end, StringBuilder answer, String which) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError(which + ": the gateway closed the connection; it sent " + answer + read);
            }
            read.append((char) b);
        }
        answer.append(read);
        return read.toString();
    }
}
