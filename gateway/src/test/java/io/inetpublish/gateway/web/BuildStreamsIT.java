package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Only build-service's streams wait long for their answer (route {@code build-streams},
 * {@code GATEWAY_BUILD_RESPONSE_TIMEOUT_MS}): a console log, an artifact or bundle file, a download link. Every other
 * read under {@code /api/builds} - the list, one build, its manifest, the settings - has the gateway's read timeout
 * like every route (before, the whole prefix waited 10 minutes for a hung instance). Here build-service's one instance
 * starts every answer after 1 s; the read timeout is 400 ms, the streams' timeout 1.5 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0",
        "inetpublish.gateway.read-timeout=400ms",
        "GATEWAY_BUILD_RESPONSE_TIMEOUT_MS=1500",
        // every timeout here is meant: the route's breaker is not what this test looks at
        "inetpublish.gateway.circuit-breaker.minimum-calls=1000",
        "spring.cloud.loadbalancer.cache.enabled=false"
})
@AutoConfigureWebTestClient(timeout = "20s")
class BuildStreamsIT {

    static final String BUILD = "0b1d0000-0000-4000-8000-000000000001";
    static final byte[] FILE = new byte[48 * 1024];

    static final WireMockServer SLOW = new WireMockServer(options().dynamicPort());

    static {
        SLOW.start();
        SLOW.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(1000)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":\"slow\"}")));
        // headers at once, then the file in 12 pieces over 2.4 s: longer than the streams' timeout
        SLOW.stubFor(get(urlPathEqualTo("/api/builds/" + BUILD + "/artifacts/dist/long.zip"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                        .withBody(FILE).withChunkedDribbleDelay(12, 2400)));
        // a hung instance: no answer within the streams' timeout either
        SLOW.stubFor(get(urlPathEqualTo("/api/builds/" + BUILD + "/artifacts/dist/hung.zip"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(4000).withBody(FILE)));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.build-service[0].uri", SLOW::baseUrl);
    }

    @AfterAll
    static void stop() {
        SLOW.stop();
    }

    @Autowired
    WebTestClient client;

    static long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/builds?releaseId=" + BUILD + "&page=0", "/api/builds/" + BUILD,
            "/api/builds/" + BUILD + "/manifest?download=true", "/api/builds/settings"})
    void anOrdinaryReadHasTheReadTimeout(String path) {
        long took = millis(() -> client.get().uri(path).exchange().expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/gateway-timeout"));
        // the read timeout, and one more try: neither the instance's answer (1 s) nor the streams' timeout waited for
        assertThat(took).isLessThan(1500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/builds/" + BUILD + "/log?start=0", "/api/builds/" + BUILD + "/artifacts/dist/app.zip",
            "/api/builds/" + BUILD + "/artifacts/out/sub/bundle.tar.gz", "/api/builds/downloads/secret-link-token"})
    void aStreamWaitsForItsAnswer(String path) {
        long took = millis(() -> client.get().uri(path).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.instance").isEqualTo("slow"));
        assertThat(took).isGreaterThanOrEqualTo(1000);
    }

    /** The streams' timeout is the wait for the answer to begin: a file that takes longer to arrive is not cut. */
    @Test
    void aDownloadThatStreamsLongerThanTheTimeoutArrivesWhole() {
        long took = millis(() -> assertThat(client.get().uri("/api/builds/" + BUILD + "/artifacts/dist/long.zip")
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody())
                .hasSize(FILE.length));
        assertThat(took).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aStreamWhoseInstanceHangsEndsWithA504AfterTheStreamsTimeout() {
        long took = millis(() -> client.get().uri("/api/builds/" + BUILD + "/artifacts/dist/hung.zip").exchange()
                .expectStatus().isEqualTo(504).expectBody(Void.class));
        // 1.5 s, and one more try (not the read timeout's 400 ms; the answer would have come after 4 s)
        assertThat(took).isBetween(3000L, 4000L);
    }
}
