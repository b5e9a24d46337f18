package io.inetpublish.customer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.test.security.ForgedTokens;
import io.inetpublish.common.test.security.TestSecurity;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.test.security.TestTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * customer-service called directly, not through the gateway: it checks the access token itself (the platform's
 * resource-server configuration from common), over MockMvc and over its real port, whatever identity headers come
 * with the request. Which role may call which endpoint is each controller's slice test (CustomerControllerTest).
 */
@ServiceIntegrationTest
class SecurityEnforcementIT {

    @Autowired
    MockMvcTester mvc;

    @LocalServerPort
    int port;

    MvcTestResult listWith(String token) {
        return mvc.get().uri("/api/customers").with(TestTokens.bearerToken(token)).exchange();
    }

    @Nested
    class RefusesWith401 {

        JWTClaimsSet.Builder valid() {
            return TestTokens.claims("ou_attacker", "攻击者", Role.ADMIN);
        }

        void refused(String token) {
            assertThat(listWith(token)).hasStatus(HttpStatus.UNAUTHORIZED).containsHeader("WWW-Authenticate")
                    .bodyJson().hasPathSatisfying("$.type",
                            v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/unauthorized"));
        }

        @Test
        void withoutAToken() {
            assertThat(mvc.get().uri("/api/customers").with(TestTokens.none())).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(mvc.post().uri("/api/customers").with(TestTokens.none()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"x\"}")).hasStatus(HttpStatus.UNAUTHORIZED);
        }

        @Test
        void overTheRealPortWithoutAToken() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/customers"))
                    .header(TestSecurity.NO_TOKEN_HEADER, "1").header("X-User-Id", "ou_admin")
                    .header("X-User-Roles", "ADMIN").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
        }

        /** Each of {@link ForgedTokens}: expired, unsigned, badly signed, not meant for us, changed after signing. */
        @TestFactory
        Stream<DynamicTest> whenForged() {
            return ForgedTokens.from(this::valid, TestTokens.signingKey()).stream()
                    .map(forged -> DynamicTest.dynamicTest(forged.why(), () -> refused(forged.token())));
        }
    }

    @Test
    void forgedIdentityHeadersChangeNothing() {
        assertThat(mvc.post().uri("/api/customers").with(TestTokens.bearer("ou_viewer", "访客", Role.VIEWER))
                .header("X-User-Id", "ou_admin").header("X-User-Name", "管理员").header("X-User-Roles", "ADMIN")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Forged " + UUID.randomUUID() + "\"}"))
                .hasStatus(HttpStatus.FORBIDDEN);

        String operator = "ou_" + UUID.randomUUID().toString().replace("-", "");
        String name = "Op " + UUID.randomUUID();
        assertThat(mvc.post().uri("/api/customers").with(TestTokens.bearer(operator, "技术支持甲", Role.SUPPORT))
                .header("X-User-Id", "ou_someone_else").header("X-User-Name", "冒名者")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"))
                .hasStatus(HttpStatus.CREATED);
        // the operation log names the person of the token, not the headers
        assertThat(mvc.get().uri("/api/operation-logs").param("operator", operator))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[0].actor.id", v -> v.assertThat().isEqualTo(operator))
                .hasPathSatisfying("$.items[0].actor.name", v -> v.assertThat().isEqualTo("技术支持甲"));
        assertThat(mvc.get().uri("/api/operation-logs").param("operator", "ou_someone_else"))
                .bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void operatorEndpointsAreOpenOnlyOnTheManagementPort(@LocalManagementPort int managementPort,
            @LocalServerPort int serverPort) {
        assertThat(new PlainHttp(managementPort).get("/actuator/health").status()).isEqualTo(200);
        assertThat(new PlainHttp(serverPort).get("/actuator/health").status()).isEqualTo(401);
        assertThat(mvc.get().uri("/actuator/health").with(TestTokens.none())).hasStatus(HttpStatus.UNAUTHORIZED);
    }
}
