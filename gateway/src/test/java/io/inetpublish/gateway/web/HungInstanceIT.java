package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.inetpublish.common.test.DeadAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A hung instance (issue 21, item 6; the probe stopped customer-service with SIGSTOP and a read waited 19 s): here
 * customer-service has a hung instance (answers after 3 s) and a healthy one, notify-service only a hung one,
 * release-service none at all, build-service one that is registered but dead (nothing listens on its port, as for
 * a process that ended while the registry still lists it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0",
        "inetpublish.gateway.read-timeout=400ms",
        "inetpublish.gateway.circuit-breaker.open-for=30s",
        "spring.cloud.loadbalancer.cache.enabled=false"
})
@AutoConfigureWebTestClient(timeout = "20s")
class HungInstanceIT {

    static final WireMockServer HUNG = server(3000, "hung");
    static final WireMockServer HEALTHY = server(0, "healthy");
    static final WireMockServer HUNG_ALONE = server(3000, "hung-alone");
    /** An instance that drops every connection (as Tomcat does after answering early without reading a body). */
    static final WireMockServer AUTH_CLOSES = new WireMockServer(options().dynamicPort());

    static {
        AUTH_CLOSES.start();
        AUTH_CLOSES.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    static final String DEAD = DeadAddress.reserve();

    static WireMockServer server(int delayMillis, String name) {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":\"" + name + "\"}")));
        return server;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[0].uri", HUNG::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[1].uri", HEALTHY::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.notify-service[0].uri", HUNG_ALONE::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.build-service[0].uri", () -> DEAD);
        registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", AUTH_CLOSES::baseUrl);
    }

    @AfterAll
    static void stop() {
        HUNG.stop();
        HEALTHY.stop();
        HUNG_ALONE.stop();
        AUTH_CLOSES.stop();
    }

    @Autowired
    WebTestClient client;

    long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aReadIsAnsweredByAnotherInstanceWhenOneHangs() {
        for (int i = 0; i < 4; i++) {
            long took = millis(() -> client.get().uri("/api/customers").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.instance").isEqualTo("healthy"));
            assertThat(took).isLessThan(2000);
        }
    }

    @Test
    void aRouteWhoseOnlyInstanceHangsAnswersA504ProblemQuicklyAndThen503AtOnce() {
        long first = millis(() -> client.get().uri("/api/notifications").exchange().expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/gateway-timeout")
                .jsonPath("$.title").isEqualTo("服务响应超时"));
        // the read timeout, and one more try
        assertThat(first).isLessThan(2000);
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/notifications").exchange().expectStatus().is5xxServerError().expectBody(Void.class);
        }
        // the route's breaker is open now: no waiting at all
        long open = millis(() -> client.get().uri("/api/notifications").header("Accept-Language", "en").exchange()
                .expectStatus().isEqualTo(503).expectBody()
                .jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/service-unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable"));
        assertThat(open).isLessThan(300);
        // and other routes are not affected
        client.get().uri("/api/customers").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void aServiceWithNoInstanceAnswers503ProblemsEveryTime() {
        for (int i = 0; i < 6; i++) {
            client.get().uri("/api/releases").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/service-unavailable")
                    .jsonPath("$.title").isEqualTo("服务暂时不可用");
            client.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/service-unavailable");
        }
    }

    @Test
    void aServiceWhoseOnlyInstanceIsDeadAnswers503ProblemsEveryTime() {
        for (int i = 0; i < 6; i++) {
            long took = millis(() -> client.get().uri("/api/builds").header("Accept-Language", "en").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/service-unavailable")
                    .jsonPath("$.title").isEqualTo("Service Unavailable"));
            assertThat(took).isLessThan(2000);
            client.post().uri("/api/builds").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(503).expectBody(Void.class);
        }
    }

    /**
     * The probe's GET with 45 MB of multipart got a 500 after 5 s, then (a read with a body tried only once) a 504:
     * release-service refused it at once (415) while the gateway was still sending the body. A read that carries a
     * body is now refused at the door ({@code ReadsCarryNoBodyFilter}), before any instance is tried.
     */
    @Test
    void aReadWithABodyIsRefusedBeforeAnyInstanceIsTried() {
        client.method(HttpMethod.GET).uri("/api/auth/jwks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"probe\":true}").exchange()
                .expectStatus().isEqualTo(400)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/body-not-allowed");
        // without a body the read is tried again, and answers the same
        client.get().uri("/api/auth/jwks").exchange().expectStatus().isEqualTo(502).expectBody(Void.class);
    }
}
