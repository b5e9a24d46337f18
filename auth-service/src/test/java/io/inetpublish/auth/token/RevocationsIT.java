package io.inetpublish.auth.token;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.auth.support.LoginFlow;
import io.inetpublish.common.test.PlainHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The list the gateway refuses access tokens by: sessions ended and roles changed within a token's lifetime. */
@AuthIntegrationTest
class RevocationsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WireMockServer feishu;

    @Autowired
    JdbcTemplate jdbc;

    @LocalManagementPort
    int managementPort;

    LoginFlow flow;

    @BeforeEach
    void setUp() {
        flow = new LoginFlow(mvc, feishu);
    }

    @Test
    void listsASessionEndedByLogoutWithoutAskingForAToken() throws Exception {
        LoginFlow.Refreshed session = flow.loginAndRefresh(someone(), "冯七");
        String sid = claims(session).getStringClaim("sid");
        assertThat(sessions()).doesNotContain(sid);

        assertThat(mvc.post().uri("/api/auth/logout").header("Authorization", session.bearer()))
                .hasStatus(HttpStatus.NO_CONTENT);

        assertThat(sessions()).contains(sid);
    }

    @Test
    void listsAPersonWhoseRoleChangedWithTheRoleTheirTokensMustCarry() throws Exception {
        String admin = flow.loginAndRefresh(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID, "管理员").bearer();
        LoginFlow.Refreshed session = flow.loginAndRefresh(someone(), "陈八");
        String uid = claims(session).getStringClaim("uid");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(mvc.put().uri("/api/auth/users/" + uid + "/role").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"TESTER\"}")).hasStatusOk();

        Map<String, Object> listed = users().stream().filter(u -> uid.equals(u.get("uid"))).findFirst().orElseThrow();
        assertThat(listed.get("role")).isEqualTo("TESTER");
        assertThat(Instant.parse((String) listed.get("changedAt"))).isAfterOrEqualTo(before);
        assertThat(claims(session).getStringListClaim("roles")).containsExactly("VIEWER");
    }

    @Test
    void forgetsWhatHappenedBeforeTheLastTokenLifetime() throws Exception {
        LoginFlow.Refreshed session = flow.loginAndRefresh(someone(), "褚九");
        String sid = claims(session).getStringClaim("sid");
        mvc.post().uri("/api/auth/logout").header("Authorization", session.bearer()).exchange();
        // ended 18 minutes ago: every access token of that session expired 15 minutes after it was issued, and the
        // gateway's minute of leeway past expiry is over too
        jdbc.update("update refresh_family set revoked_at = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(18 * 60)), UUID.fromString(sid));

        assertThat(sessions()).doesNotContain(sid);
    }

    private List<String> sessions() throws Exception {
        return JsonPath.read(revocations(), "$.sessions[*].sid");
    }

    private List<Map<String, Object>> users() throws Exception {
        return JsonPath.read(revocations(), "$.users[*]");
    }

    /** As the gateway reads it: auth-service's management port, without a token. */
    private String revocations() {
        PlainHttp.Response listed = new PlainHttp(managementPort).get("/actuator/revocations");
        assertThat(listed.status()).isEqualTo(200);
        return listed.body();
    }

    private static JWTClaimsSet claims(LoginFlow.Refreshed session) throws Exception {
        return SignedJWT.parse(session.accessToken()).getJWTClaimsSet();
    }
}
