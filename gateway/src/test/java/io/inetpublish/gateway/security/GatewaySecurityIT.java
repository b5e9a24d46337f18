package io.inetpublish.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.inetpublish.common.test.security.ForgedTokens;
import io.inetpublish.common.test.security.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway lets only valid platform tokens through to /api/** (login excepted) and drops identity headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "management.server.port=0",
        // fetched once at the start; the test fetches when it has set the list up
        "inetpublish.security.revocations-interval=1h"
})
class GatewaySecurityIT {

    static final WireMockServer AUTH = stub("auth-service");
    static final WireMockServer CUSTOMERS = stub("customer-service");
    static final WireMockServer BUILDS = stub("build-service");
    static final WireMockServer RELEASES = stub("release-service");

    static WireMockServer stub(String name) {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"service\":\"" + name + "\"}")));
        return server;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", AUTH::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.customer-service[0].uri", CUSTOMERS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.build-service[0].uri", BUILDS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.release-service[0].uri", RELEASES::baseUrl);
        registry.add("inetpublish.security.revocations-uri", () -> AUTH.baseUrl() + "/actuator/revocations");
    }

    @AfterAll
    static void stop() {
        AUTH.stop();
        CUSTOMERS.stop();
        BUILDS.stop();
        RELEASES.stop();
    }

    @Value("${local.server.port}")
    int port;

    WebTestClient client;

    @BeforeEach
    void plainClient() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    LoggedRequest received(WireMockServer server, String marker) {
        return server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains(marker))
                .findFirst().orElseThrow().getRequest();
    }

    boolean reached(WireMockServer server, String marker) {
        return server.getAllServeEvents().stream().anyMatch(e -> e.getRequest().getUrl().contains(marker));
    }

    @Test
    void passesAValidTokenOnUnchanged() {
        String token = TestJwts.sign(TestJwts.claims("ou_viewer", "ou_viewer", "VIEWER").build());
        String marker = UUID.randomUUID().toString();

        client.get().uri("/api/customers?m=" + marker).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("customer-service");

        assertThat(received(CUSTOMERS, marker).getHeader("Authorization")).isEqualTo("Bearer " + token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/login?m=", "/api/auth/callback?m=", "/api/auth/jwks?m=",
            "/api/auth/.well-known/jwks.json?m="})
    void letsTheLoginThroughWithoutAToken(String path) {
        String marker = UUID.randomUUID().toString();
        client.get().uri(path + marker).exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(reached(AUTH, marker)).isTrue();
    }

    @Test
    void letsTheRefreshThroughWithoutAToken() {
        String marker = UUID.randomUUID().toString();
        client.post().uri("/api/auth/refresh?m=" + marker).exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(reached(AUTH, marker)).isTrue();
    }

    @Test
    void letsAMachinesTokenExchangeThroughWithoutAToken() {
        String marker = UUID.randomUUID().toString();
        client.post().uri("/api/auth/token?m=" + marker).exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(reached(AUTH, marker)).isTrue();
        // only the exchange: the integration tokens themselves need an (admin's) token
        client.get().uri("/api/auth/integration-tokens").exchange().expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void neverRoutesAuthServicesInternalPaths() {
        String marker = UUID.randomUUID().toString();
        client.get().uri("/internal/revocations?m=" + marker).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html").expectBody(Void.class);
        assertThat(reached(AUTH, marker)).isFalse();
    }

    @Test
    void letsADownloadLinkThroughWithoutATokenAndNothingElseOfBuilds() {
        String marker = UUID.randomUUID().toString();
        client.get().uri("/api/builds/downloads/" + marker).exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(reached(BUILDS, marker)).isTrue();
        client.get().uri("/api/builds/downloads/" + marker + "/more").exchange().expectStatus().isUnauthorized()
                .expectBody(Void.class);
        client.post().uri("/api/builds/downloads/" + marker).exchange().expectStatus().isUnauthorized()
                .expectBody(Void.class);
        client.get().uri("/api/builds/" + marker + "/artifacts/out/bundle.tar.gz").exchange().expectStatus()
                .isUnauthorized().expectBody(Void.class);
        assertThat(reached(BUILDS, marker + "/")).isFalse();
    }

    /** Feishu's card callback has no platform token (release-service checks its signature); nothing else opens. */
    @Test
    void letsFeishusCardCallbackThroughWithoutATokenAndNothingElseOfApprovals() {
        String marker = UUID.randomUUID().toString();
        client.post().uri("/api/approvals/feishu/card-callback?m=" + marker)
                .header("Content-Type", "application/json").bodyValue("{\"encrypt\":\"x\"}")
                .exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(reached(RELEASES, marker)).isTrue();
        client.get().uri("/api/approvals/feishu/card-callback?m=x" + marker).exchange().expectStatus()
                .isUnauthorized().expectBody(Void.class);
        client.post().uri("/api/approvals?m=x" + marker).header("Content-Type", "application/json")
                .bodyValue("{}").exchange().expectStatus().isUnauthorized().expectBody(Void.class);
        client.post().uri("/api/approvals/1/decision?m=x" + marker).header("Content-Type", "application/json")
                .bodyValue("{}").exchange().expectStatus().isUnauthorized().expectBody(Void.class);
        assertThat(reached(RELEASES, "x" + marker)).isFalse();
        // a body no Feishu callback has: refused at the gateway, before release-service
        client.post().uri("/api/approvals/feishu/card-callback?m=big" + marker)
                .header("Content-Type", "application/json").bodyValue("{\"encrypt\":\"" + "A".repeat(70_000) + "\"}")
                .exchange().expectStatus().isEqualTo(413).expectBody(Void.class);
        assertThat(reached(RELEASES, "big" + marker)).isFalse();
    }

    @Test
    void requiresATokenForTheRestOfAuth() {
        client.get().uri("/api/auth/users").exchange().expectStatus().isUnauthorized().expectBody(Void.class);
        client.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized().expectBody(Void.class);
    }

    @Test
    void dropsIdentityHeadersAClientSends() {
        String token = TestJwts.sign(TestJwts.claims("ou_viewer", "ou_viewer", "VIEWER").build());
        String marker = UUID.randomUUID().toString();

        client.post().uri("/api/customers?m=" + marker).header("Authorization", "Bearer " + token)
                .header("X-User-Id", "ou_admin").header("X-User-Roles", "ADMIN").header("X-Auth-Name", "管理员")
                .header("X-Forwarded-User", "admin").header("Remote-User", "admin").exchange()
                .expectStatus().isOk().expectBody(Void.class);

        LoggedRequest request = received(CUSTOMERS, marker);
        assertThat(request.getAllHeaderKeys()).noneMatch(h -> h.toLowerCase().startsWith("x-user-")
                || h.toLowerCase().startsWith("x-auth-") || h.equalsIgnoreCase("x-forwarded-user")
                || h.equalsIgnoreCase("remote-user"));
    }

    @Test
    void tellsTheServicesTheClientsAddressNotWhatTheClientClaims() {
        String marker = UUID.randomUUID().toString();
        client.get().uri("/api/auth/login?m=" + marker).header("X-InetPublish-Client", "203.0.113.7")
                .header("X-Forwarded-For", "203.0.113.8").exchange().expectStatus().isOk().expectBody(Void.class);

        assertThat(received(AUTH, marker).getHeader("X-InetPublish-Client")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Nested
    class AnswersItsOwnErrorsAsProblemDetails {

        @Test
        void a401InChineseByDefault() {
            client.get().uri("/api/customers").exchange().expectStatus().isUnauthorized()
                    .expectHeader().exists("WWW-Authenticate")
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/unauthorized")
                    .jsonPath("$.status").isEqualTo(401)
                    .jsonPath("$.title").isEqualTo("需要登录");
        }

        @Test
        void a401InEnglishWhenThePersonPrefersIt() {
            client.get().uri("/api/customers").header("Accept-Language", "en-US,en;q=0.9,zh;q=0.5").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("Content-Language", "en")
                    .expectBody().jsonPath("$.title").isEqualTo("Unauthorized")
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains("access token"));
        }

        @Test
        void a400ForAPathTrickInThePersonsLanguage() {
            client.get().uri(java.net.URI.create("http://localhost:" + port + "/api/releases/%2e%2e/actuator/env"))
                    .header("Accept-Language", "en").exchange()
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.type").isEqualTo("https://inetpublish.io/problems/invalid-path")
                    .jsonPath("$.title").isEqualTo("Bad Request");
        }
    }

    @Nested
    class RevokedAccessTokens {

        @Autowired
        RevokedTokens revokedTokens;

        @Test
        void areRefusedForAnEndedSessionAndWhenIssuedBeforeARoleChange() {
            String endedSession = UUID.randomUUID().toString();
            String changedPerson = UUID.randomUUID().toString();
            Instant changedAt = Instant.now().minusSeconds(60);
            AUTH.stubFor(get(urlPathEqualTo("/actuator/revocations")).willReturn(okJson("""
                    {"asOf": "%2$s", "window": "PT16M",
                     "sessions": [{"sid": "%1$s", "revokedAt": "%2$s"}],
                     "users": [{"uid": "%3$s", "role": "VIEWER", "changedAt": "%2$s"}]}""".formatted(endedSession, changedAt,
                    changedPerson))));
            revokedTokens.refresh().block();

            String ofEndedSession = TestJwts.sign(TestJwts.claims("ou_a", "ou_a", "ADMIN")
                    .claim("sid", endedSession).build());
            String beforeTheChange = TestJwts.sign(TestJwts.claims("ou_b", "ou_b", "ADMIN")
                    .claim("sid", UUID.randomUUID().toString()).claim("uid", changedPerson)
                    .issueTime(Date.from(changedAt.minusSeconds(120))).build());
            String afterTheChange = TestJwts.sign(TestJwts.claims("ou_b", "ou_b", "VIEWER")
                    .claim("sid", UUID.randomUUID().toString()).claim("uid", changedPerson).build());

            for (String token : new String[] {ofEndedSession, beforeTheChange}) {
                client.get().uri("/api/customers").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().isUnauthorized()
                        .expectHeader().value("WWW-Authenticate", v -> assertThat(v).contains("invalid_token"))
                                .expectBody(Void.class);
            }
            client.get().uri("/api/customers").header("Authorization", "Bearer " + afterTheChange).exchange()
                    .expectStatus().isOk().expectBody(Void.class);
        }
    }

    @Nested
    class RefusesWith401 {

        void refused(String token) {
            String marker = UUID.randomUUID().toString();
            var request = client.get().uri("/api/customers?m=" + marker);
            if (token != null) {
                request = request.header("Authorization", "Bearer " + token);
            }
            request.exchange().expectStatus().isUnauthorized().expectHeader().exists("WWW-Authenticate")
                    .expectBody(Void.class);
            assertThat(reached(CUSTOMERS, marker)).isFalse();
        }

        @Test
        void withoutAToken() {
            refused(null);
        }

        @Test
        void withForgedHeadersInsteadOfAToken() {
            String marker = UUID.randomUUID().toString();
            client.get().uri("/api/customers?m=" + marker).header("X-User-Id", "ou_admin")
                    .header("X-User-Roles", "ADMIN").exchange().expectStatus().isUnauthorized().expectBody(Void.class);
            assertThat(reached(CUSTOMERS, marker)).isFalse();
        }

        /** Each of {@link ForgedTokens}: expired, unsigned, badly signed, not meant for us, changed after signing. */
        @TestFactory
        Stream<DynamicTest> whenForged() {
            return ForgedTokens.from(() -> TestJwts.claims("ou_x", "ou_x", "ADMIN"), TestJwts.signingKey()).stream()
                    .map(forged -> DynamicTest.dynamicTest(forged.why(), () -> refused(forged.token())));
        }
    }
}
