package io.inetpublish.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.inetpublish.gateway.Bodies;
import io.inetpublish.common.test.DeadAddress;
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
import org.springframework.web.reactive.function.BodyInserters;

/**
 * One of two instances died and the registry still lists it (its lease has not expired yet), as when a host dies
 * (bench/failover measured reads and writes failing for three minutes): the request that finds it dead goes to the
 * instance that answers (a read always; a write because nothing of it was sent: the connection was refused), the
 * gateway sends everything after it, writes included, to the live instance, and the route's breaker stays closed.
 * A write that did reach an instance that then failed is not sent again.
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
    /** Reads the request, then resets the connection: the process died with the write in flight. */
    static final WireMockServer DIES_WITH_IT = new WireMockServer(options().dynamicPort());

    static {
        ALIVE.start();
        ALIVE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"instance\":\"alive\"}")));
        DIES_WITH_IT.start();
        DIES_WITH_IT.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    static final String DEAD = DeadAddress.reserve();
    static final String DEAD_RELEASES = DeadAddress.reserve();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[0].uri", () -> DEAD);
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[1].uri", ALIVE::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.release-service[0].uri", () -> DEAD_RELEASES);
        registry.add("spring.cloud.discovery.client.simple.instances.release-service[1].uri", ALIVE::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.build-service[0].uri", DIES_WITH_IT::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.build-service[1].uri", ALIVE::baseUrl);
    }

    @AfterAll
    static void stop() {
        ALIVE.stop();
        DIES_WITH_IT.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    UnreachableInstances unreachable;

    @Test
    void everyWriteAndReadIsAnsweredByTheInstanceThatAnswers() {
        // writes first: round robin over both instances sends one of the first two to the dead one
        for (int i = 0; i < 12; i++) {
            client.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"c" + i + "\"}").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.instance").isEqualTo("alive");
        }
        assertThat(unreachable.skipped()).contains(DEAD.substring("http://".length()));
        // the write the dead instance refused went to the live one, once, like every other write
        for (int i = 0; i < 12; i++) {
            assertThat(ALIVE.findAll(postRequestedFor(urlPathEqualTo("/api/customers"))
                    .withRequestBody(equalToJson("{\"name\":\"c" + i + "\"}")))).as("write c" + i).hasSize(1);
        }
        for (int i = 0; i < 12; i++) {
            client.get().uri("/api/customers").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.instance").isEqualTo("alive");
        }
    }

    @Test
    void anUploadRefusedByTheDeadInstanceReachesTheLiveOneWhole() {
        int size = 12 * 1024 * 1024;
        for (int i = 0; i < 2; i++) {
            // chunked, as a browser's evidence upload through the gateway is streamed: nothing of it is kept for a
            // second try, and none is needed when the first never connected
            client.post().uri("/api/releases/1/deployments?upload=" + i)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(BodyInserters.fromDataBuffers(Bodies.chunked(size))).exchange()
                    .expectStatus().isOk().expectBody(Void.class);
        }
        assertThat(unreachable.skipped()).contains(DEAD_RELEASES.substring("http://".length()));
        for (int i = 0; i < 2; i++) {
            assertThat(ALIVE.findAll(postRequestedFor(urlPathEqualTo("/api/releases/1/deployments"))
                    .withQueryParam("upload", equalTo(String.valueOf(i)))))
                    .as("upload " + i).singleElement()
                    .satisfies(received -> assertThat(received.getBody()).hasSize(size));
        }
    }

    @Test
    void aWriteThatReachedAnInstanceWhichThenFailedIsNotSentAgain() {
        // round robin sends one of the first two writes to the instance that reads it and dies
        int failed = -1;
        for (int i = 0; i < 2 && failed < 0; i++) {
            int status = client.post().uri("/api/builds?write=" + i).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectBody(Void.class).returnResult().getStatus().value();
            if (status != 200) {
                assertThat(status).isEqualTo(502);
                failed = i;
            }
        }
        assertThat(failed).as("a write that met the failing instance").isNotNegative();
        String write = String.valueOf(failed);
        // it reached that instance, once, and was not sent to the live one: the service may have applied it
        assertThat(DIES_WITH_IT.findAll(postRequestedFor(urlPathEqualTo("/api/builds"))
                .withQueryParam("write", equalTo(write)))).hasSize(1);
        assertThat(ALIVE.findAll(postRequestedFor(urlPathEqualTo("/api/builds"))
                .withQueryParam("write", equalTo(write)))).isEmpty();
    }
}
