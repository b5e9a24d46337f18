package io.inetpublish.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The gateway routes each API prefix to the right service by its Eureka name. Here each service is a WireMock
 * server registered under that name in the simple discovery client, answering with its own name.
 * <p>
 * Every exchange reads the answer's body, {@code expectBody(Void.class)} where the test does not look at it: an unread
 * body keeps its connection taken (and the gateway's write to it pending) for the rest of the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0"
})
// 25 MB uploads through the gateway take longer than the client's default 5 s on two busy shared cores
@AutoConfigureWebTestClient(timeout = "PT30S")
class GatewayRoutesIT {

    static final Map<String, WireMockServer> SERVICES = new LinkedHashMap<>();

    static {
        for (String service : new String[] {"auth-service", "release-service", "customer-service", "build-service",
                "notify-service"}) {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"service\":\"" + service + "\"}")));
            SERVICES.put(service, server);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, server) -> registry.add(
                "spring.cloud.discovery.client.simple.instances." + name + "[0].uri", server::baseUrl));
    }

    @AfterAll
    static void stop() {
        SERVICES.values().forEach(WireMockServer::stop);
    }

    @Autowired
    WebTestClient client;

    @Value("${local.server.port}")
    int port;

    @Nested
    class Routing {

        @ParameterizedTest
        @CsvSource({
                "/api/auth/users, auth-service",
                "/api/releases, release-service",
                "/api/releases/42/timeline, release-service",
                "/api/schedules, release-service",
                "/api/deployments/7/evidence/3, release-service",
                "/api/approvals, release-service",
                "/api/approvals/policy, release-service",
                "/api/plans, release-service",
                "/api/rollouts/42/targets, release-service",
                "/api/customers, customer-service",
                "/api/environments/1, customer-service",
                "/api/components, customer-service",
                "/api/versions/compare, customer-service",
                "/api/operation-logs, customer-service",
                "/api/builds, build-service",
                "/api/builds/42/log, build-service",
                "/api/builds/42/artifacts/out/bundle.tar.gz, build-service",
                "/api/builds/downloads/link-secret, build-service",
                "/api/notifications, notify-service"
        })
        void sendsEachApiPrefixToItsService(String path, String service) {
            client.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo(service);
        }

        @Test
        void doesNotRouteAnythingOutsideTheApi() {
            client.get().uri("/actuator/health").exchange().expectStatus().isNotFound().expectBody(Void.class);
            client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound().expectBody(Void.class);
            client.get().uri("/api/unknown").exchange().expectStatus().isNotFound().expectBody(Void.class);
        }

        @ParameterizedTest
        @CsvSource({
                "/api/releases/../actuator/env",
                "/api/releases/%2e%2e/actuator/env",
                "/api/releases/..;/actuator/env",
                "/api/customers/%2E%2E%2Factuator%2Fenv",
                "/api/builds/..%5Cactuator"
        })
        void refusesPathsThatAServiceWouldNormaliseElsewhere(String path) {
            client.get().uri(URI.create("http://localhost:" + port + path)).exchange()
                    .expectStatus().isBadRequest().expectBody(Void.class);
            SERVICES.values().forEach(server -> assertThat(server.getAllServeEvents())
                    .noneMatch(event -> event.getRequest().getUrl().contains("actuator")));
        }
    }

    /** The API reference: public, and the only way it reaches a service is that service's OpenAPI description. */
    @Nested
    class ApiReference {

        final WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();

        @Test
        void servesThePageToAnyoneWithEveryServiceToChooseFrom() {
            anonymous.get().uri("/api-docs").exchange().expectStatus().isPermanentRedirect()
                    .expectHeader().location("/api-docs/").expectBody(Void.class);
            String page = anonymous.get().uri("/api-docs/").exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).contains("swagger-ui/swagger-ui-bundle.js", "reference.js").doesNotContain("id=\"app\"");
            anonymous.get().uri("/api-docs/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk()
                    .expectBody(Void.class);
            anonymous.get().uri("/api-docs/reference.js").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(script -> assertThat(script).contains("swagger-config.json"));
            String config = anonymous.get().uri("/api-docs/swagger-config.json").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            java.util.List<String> urls = com.jayway.jsonpath.JsonPath.read(config, "$.urls[*].url");
            assertThat(urls).containsExactlyInAnyOrderElementsOf(SERVICES.keySet().stream()
                    .map(service -> "/api-docs/" + service + ".json").toList());
        }

        @ParameterizedTest
        @CsvSource({"auth-service", "release-service", "customer-service", "build-service", "notify-service"})
        void fetchesEachServicesDescriptionWithoutAToken(String service) {
            SERVICES.get(service).resetRequests();
            anonymous.get().uri("/api-docs/" + service + ".json").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo(service);
            var received = SERVICES.get(service).getAllServeEvents();
            assertThat(received).singleElement().satisfies(event -> {
                assertThat(event.getRequest().getUrl()).isEqualTo("/v3/api-docs");
                assertThat(event.getRequest().containsHeader("Authorization")).isFalse();
            });
        }

        @Test
        void reachesNothingElseOfAService() {
            for (String path : new String[] {"/api-docs/actuator.json", "/api-docs/release-service.json/actuator",
                    "/api-docs/release-service", "/api-docs/swagger-ui/../../actuator/health"}) {
                anonymous.get().uri(URI.create("http://localhost:" + port + path)).exchange()
                        .expectStatus().value(status -> assertThat(status).as(path).isIn(400, 404))
                                .expectBody(Void.class);
            }
            anonymous.post().uri("/api-docs/release-service.json").exchange().expectStatus().isNotFound()
                    .expectBody(Void.class);
            SERVICES.values().forEach(server -> assertThat(server.getAllServeEvents())
                    .noneMatch(event -> event.getRequest().getUrl().contains("actuator")));
        }
    }

    @Nested
    class Tracing {

        @Test
        void carriesTheCallersTraceIdToTheService() {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            client.get().uri("/api/notifications?trace-test").header("traceparent",
                    "00-" + traceId + "-00f067aa0ba902b7-01").exchange().expectStatus().isOk().expectBody(Void.class);

            var received = SERVICES.get("notify-service").getAllServeEvents().stream()
                    .filter(event -> event.getRequest().getUrl().contains("trace-test"))
                    .findFirst().orElseThrow().getRequest();
            assertThat(received.getHeader("traceparent")).startsWith("00-" + traceId + "-");
        }

        @Test
        void startsATraceWhenTheCallerHasNone() {
            client.get().uri("/api/builds?new-trace").exchange().expectStatus().isOk().expectBody(Void.class);

            var received = SERVICES.get("build-service").getAllServeEvents().stream()
                    .filter(event -> event.getRequest().getUrl().contains("new-trace"))
                    .findFirst().orElseThrow().getRequest();
            assertThat(received.getHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
    }

    @Nested
    class RequestSize {

        @Test
        void refusesAnOversizedOrdinaryRequest() {
            byte[] body = new byte[3 * 1024 * 1024];
            client.post().uri("/api/builds").contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .header("Content-Length", String.valueOf(body.length))
                    .bodyValue(body).exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE).expectBody(Void.class);
        }

        @Test
        void refusesAChunkedBodyOverTheRouteLimitWhileItStreams() {
            String marker = UUID.randomUUID().toString();
            // 1 MB over the limit: read to its end and dropped, so the client reads the answer on an open connection
            // (closing it while the client still sends would reset it, and the answer could be lost)
            var result = client.post().uri("/api/builds?m=" + marker).contentType(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromDataBuffers(Bodies.chunked(3 * 1024 * 1024)))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/body-too-large")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2 MB"))
                    .returnResult();
            assertThat(result.getResponseHeaders().getConnection()).doesNotContain("close");
            assertThat(SERVICES.get("build-service").findAll(anyRequestedFor(urlPathEqualTo("/api/builds"))
                    .withQueryParam("m", equalTo(marker)))).isEmpty();
        }

        @Test
        void answersThe413InThePersonsLanguageNamingTheLimit() {
            byte[] body = new byte[3 * 1024 * 1024];
            client.post().uri("/api/builds").contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .bodyValue(body).exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Content-Language", "zh-CN")
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/body-too-large")
                    .jsonPath("$.status").isEqualTo(413)
                    .jsonPath("$.title").isEqualTo("内容过大")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2 MB", "未保存"))
                    .jsonPath("$.instance").isEqualTo("/api/builds");
            client.post().uri("/api/builds").contentType(MediaType.APPLICATION_JSON)
                    .header("Accept-Language", "en-GB,en;q=0.9")
                    .body(BodyInserters.fromDataBuffers(Bodies.chunked(3 * 1024 * 1024))).exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectHeader().valueEquals("Content-Language", "en")
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/body-too-large")
                    .jsonPath("$.title").isEqualTo("Content Too Large")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2 MB", "nothing was stored"));
        }

        @Test
        void refusesAReadThatCarriesABodyBeforeReadingIt() {
            String marker = UUID.randomUUID().toString();
            // probe 2.6: a GET with a large multipart body on the route with the largest limit; 3 MB are read and
            // dropped, so the answer goes out on a connection that stays
            var refused = client.method(org.springframework.http.HttpMethod.GET).uri("/api/releases?m=" + marker)
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(BodyInserters.fromDataBuffers(Bodies.chunked(3 * 1024 * 1024)))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/body-not-allowed")
                    .jsonPath("$.title").isEqualTo("请求无效")
                    .returnResult();
            assertThat(refused.getResponseHeaders().getConnection()).doesNotContain("close");
            client.method(org.springframework.http.HttpMethod.GET).uri("/api/releases?m=" + marker)
                    .header("Accept-Language", "en").bodyValue(new byte[10]).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").isEqualTo("A read (GET, HEAD) carries no request body.");
            assertThat(SERVICES.get("release-service").findAll(anyRequestedFor(urlPathEqualTo("/api/releases"))
                    .withQueryParam("m", equalTo(marker)))).isEmpty();
            // a GET without a body, or with an empty one, goes through
            client.get().uri("/api/releases?m=" + marker).header("Content-Length", "0").exchange()
                    .expectStatus().isOk().expectBody(Void.class);
        }

        @Test
        void streamsAChunkedUploadWithinTheLimitToTheService() {
            client.post().uri("/api/releases/1/deployments").contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(BodyInserters.fromDataBuffers(Bodies.chunked(25 * 1024 * 1024)))
                    .exchange()
                    .expectStatus().isOk().expectBody(Void.class);
        }

        @Test
        void letsEvidenceUploadsThroughOnTheReleaseRoute() {
            byte[] body = new byte[25 * 1024 * 1024];
            client.post().uri("/api/releases/1/deployments").contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .header("Content-Length", String.valueOf(body.length))
                    .bodyValue(body).exchange()
                    .expectStatus().isOk().expectBody(Void.class);
        }
    }
}
