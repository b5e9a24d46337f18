package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.loadbalancing.UnreachableInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One of two instances died and the registry still lists it (its lease has not expired yet), as when a host dies
 * (bench/failover measured reads and writes failing for three minutes): after the one request that finds it dead, the
 * gateway sends everything, writes included, to the instance that answers, and the route's breaker stays closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0",
        "inetpublish.gateway.read-timeout=400ms",
        "inetpublish.gateway.skip-unreachable-for=60s",
        "spring.cloud.loadbalancer.cache.enabled=false"
})
@AutoConfigureWebTestClient(timeout = "20s")
class DeadInstanceIT {

    static final WireMockServer ALIVE = new WireMockServer(options().dynamicPort());

    static {
        ALIVE.start();
        ALIVE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":\"alive\"}")));
    }

    static final String DEAD = HungInstanceIT.deadAddress();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[0].uri", () -> DEAD);
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[1].uri", ALIVE::baseUrl);
    }

    @AfterAll
    static void stop() {
        ALIVE.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    UnreachableInstances unreachable;

    @Test
    void afterOneFailureEveryWriteAndReadGoesToTheInstanceThatAnswers() {
        int failedWrites = 0;
        for (int i = 0; i < 12; i++) {
            int status = client.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"c" + i + "\"}").exchange().returnResult(String.class).getStatus().value();
            if (status != 200) {
                failedWrites++;
                // the write that found the dead instance: refused as unreachable, never half-done
                assertThat(status).isIn(502, 503);
            }
            client.get().uri("/api/customers").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.instance").isEqualTo("alive");
        }
        // round robin over both would have failed every other write, and then opened the route's breaker
        assertThat(failedWrites).isLessThanOrEqualTo(1);
        assertThat(unreachable.skipped()).containsExactly(DEAD.substring("http://".length()));
        // every write answered 200 reached the live instance once
        assertThat(ALIVE.findAll(postRequestedFor(anyUrl()))).hasSize(12 - failedWrites);
    }
}
