package io.inetpublish.auth.integration;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.auth.support.AdminItSupport;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.auth.support.LoginFlow;
import io.inetpublish.common.test.PlainHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * An integration token's life: an ADMIN creates it (named, scoped, the secret shown once and stored hashed), a CI
 * exchanges it for a short access token with its scopes (client credentials), its last use shows, revoking it ends
 * the exchanges (401) and lists its live access tokens for the gateway to refuse.
 */
@AuthIntegrationTest
class IntegrationTokenIT extends AdminItSupport {

    @Autowired
    JdbcTemplate jdbc;

    @LocalManagementPort
    int managementPort;

    record Created(String id, String clientId, String secret) {
    }

    private Created create(String name, String scopesJson) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/auth/integration-tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"scopes\":" + scopesJson + "}").exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return new Created(JsonPath.read(body, "$.token.id"), JsonPath.read(body, "$.clientId"),
                JsonPath.read(body, "$.clientSecret"));
    }

    private MvcTestResult exchange(String clientId, String secret, String scope) {
        var request = mvc.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials").param("client_id", clientId)
                .param("client_secret", secret);
        if (scope != null) {
            request = request.param("scope", scope);
        }
        return request.exchange();
    }

    private String listed(String id, String path) throws Exception {
        MvcTestResult result = mvc.get().uri("/api/auth/integration-tokens").header("Authorization", admin)
                .exchange();
        assertThat(result).hasStatusOk();
        List<Object> values = JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8),
                "$[?(@.id == '" + id + "')]" + path);
        assertThat(values).hasSize(1);
        return values.get(0) == null ? null : String.valueOf(values.get(0));
    }

    @Test
    void createUseSeeLastUseRevoke() throws Exception {
        String name = "Jenkins main " + UUID.randomUUID();
        Created token = create(name, "[\"mainline:report\"]");
        assertThat(token.secret()).startsWith("inps_").hasSizeGreaterThan(40);

        // shown once: the list never carries it, and only its hash is stored
        String list = mvc.get().uri("/api/auth/integration-tokens").header("Authorization", admin).exchange()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains(token.clientId()).doesNotContain(token.secret());
        assertThat(jdbc.queryForObject("select secret_hash from integration_token where id = ?::uuid", String.class,
                token.id())).hasSize(64).isNotEqualTo(token.secret()).doesNotContain(token.secret());
        assertThat(listed(token.id(), ".lastUsedAt")).isNull();

        Instant before = Instant.now().minusSeconds(1);
        MvcTestResult exchanged = exchange(token.clientId(), token.secret(), null);
        assertThat(exchanged).hasStatusOk().hasHeader("Cache-Control", "no-store");
        String body = exchanged.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(body, "$.token_type")).isEqualTo("Bearer");
        assertThat((Integer) JsonPath.read(body, "$.expires_in")).isEqualTo(300);
        assertThat((String) JsonPath.read(body, "$.scope")).isEqualTo("mainline:report");
        JWTClaimsSet claims = SignedJWT.parse(JsonPath.read(body, "$.access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("integration:" + token.clientId());
        assertThat(claims.getStringClaim("name")).isEqualTo(name);
        assertThat(claims.getStringClaim("scope")).isEqualTo("mainline:report");
        assertThat(claims.getClaim("roles")).isNull();
        assertThat(claims.getStringClaim("sid")).isEqualTo(token.id());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
        assertThat(Instant.parse(listed(token.id(), ".lastUsedAt"))).isAfter(before);

        // HTTP Basic works as well (RFC 6749 §2.3.1)
        String basic = Base64.getEncoder().encodeToString((token.clientId() + ":" + token.secret())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(mvc.post().uri("/api/auth/token").header("Authorization", "Basic " + basic)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "client_credentials"))
                .hasStatusOk();

        // the machine's token is no person: not even "me"
        String machine = "Bearer " + JsonPath.read(body, "$.access_token");
        assertThat(mvc.get().uri("/api/auth/me").header("Authorization", machine)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/auth/integration-tokens").header("Authorization", machine))
                .hasStatus(HttpStatus.FORBIDDEN);

        assertThat(mvc.post().uri("/api/auth/integration-tokens/{id}/revoke", token.id())
                .header("Authorization", admin)).hasStatusOk().bodyJson().extractingPath("$.revoked").isEqualTo(true);
        // who created and who revoked it are people of the platform: id (open_id) and name
        assertThat(listed(token.id(), ".createdBy.id")).isEqualTo(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID);
        assertThat(listed(token.id(), ".createdBy.name")).isEqualTo("管理员");
        assertThat(listed(token.id(), ".revokedBy.id")).isEqualTo(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID);
        assertThat(listed(token.id(), ".revokedBy.name")).isEqualTo("管理员");
        MvcTestResult refused = exchange(token.clientId(), token.secret(), null);
        assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED).hasHeader("WWW-Authenticate",
                "Basic realm=\"inetpublish\"");
        assertThat(refused).bodyJson().hasPathSatisfying("$.error", v -> v.assertThat().isEqualTo("invalid_client"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("这个集成令牌已被吊销"))
                .hasPathSatisfying("$.error_description", v -> v.assertThat().asString().contains("revoked"));
        // its access tokens still within their lifetime: on the gateway's list
        PlainHttp.Response listed = new PlainHttp(managementPort).get("/actuator/revocations");
        assertThat(listed.status()).isEqualTo(200);
        List<String> sessions = JsonPath.read(listed.body(), "$.sessions[*].sid");
        assertThat(sessions).contains(token.id());
        // a revoked token's name may be used again
        create(name, "[\"mainline:report\"]");
    }

    @Test
    void grantsOnlyTheTokensScopes() throws Exception {
        Created token = create("reader " + UUID.randomUUID(), "[\"components:read\",\"mainline:report\"]");
        MvcTestResult subset = exchange(token.clientId(), token.secret(), "components:read");
        assertThat(subset).hasStatusOk().bodyJson().extractingPath("$.scope").isEqualTo("components:read");

        Created reader = create("reader " + UUID.randomUUID(), "[\"components:read\"]");
        MvcTestResult unknownScope = exchange(reader.clientId(), reader.secret(), "mainline:report");
        assertThat(unknownScope).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.error")
                .isEqualTo("invalid_scope");
        assertThat(unknownScope).bodyJson().extractingPath("$.detail").isEqualTo("这个集成令牌没有权限范围“mainline:report”");
        assertThat(unknownScope).bodyJson().extractingPath("$.error_description")
                .isEqualTo("This integration token does not have the scope 'mainline:report'");
    }

    @Test
    void refusesWrongSecretsUnknownClientsAndOtherGrants() throws Exception {
        Created token = create("ci " + UUID.randomUUID(), "[\"mainline:report\"]");
        assertThat(exchange(token.clientId(), token.secret() + "x", null)).hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson().extractingPath("$.error").isEqualTo("invalid_client");
        // the problem speaks the caller's language; RFC 6749's error_description stays ASCII (English)
        MvcTestResult chinese = exchange(token.clientId(), token.secret() + "x", null);
        assertThat(chinese).bodyJson().extractingPath("$.detail").isEqualTo("client_id 未知或 client_secret 错误");
        assertThat(chinese).bodyJson().extractingPath("$.error_description")
                .isEqualTo("Unknown client_id or wrong client_secret");
        assertThat(mvc.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("Accept-Language", "en").param("grant_type", "client_credentials")
                .param("client_id", token.clientId()).param("client_secret", token.secret() + "x"))
                .bodyJson().extractingPath("$.detail").isEqualTo("Unknown client_id or wrong client_secret");
        assertThat(exchange("inpc_nope", token.secret(), null)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(listed(token.id(), ".lastUsedAt")).isNull();
        assertThat(mvc.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "password").param("client_id", token.clientId())
                .param("client_secret", token.secret()))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.error")
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void onlyAnAdminManagesTokensAndBadInputNamesTheField() throws Exception {
        String viewer = flow.loginAndRefresh(someone(), "蒋十").bearer();
        assertThat(mvc.post().uri("/api/auth/integration-tokens").header("Authorization", viewer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"scopes\":[\"mainline:report\"]}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/auth/integration-tokens").header("Authorization", viewer))
                .hasStatus(HttpStatus.FORBIDDEN);

        assertThat(mvc.post().uri("/api/auth/integration-tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"scopes\":[\"root\"]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("scopes");
        assertThat(mvc.post().uri("/api/auth/integration-tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"scopes\":[]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("name", "scopes");

        String name = "dup " + UUID.randomUUID();
        create(name, "[\"mainline:report\"]");
        assertThat(mvc.post().uri("/api/auth/integration-tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name.toUpperCase() + "\",\"scopes\":[\"mainline:report\"]}"))
                .hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
    }
}
