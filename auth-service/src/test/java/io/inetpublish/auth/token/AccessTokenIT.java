package io.inetpublish.auth.token;

import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.auth.support.LoginFlow;
import io.inetpublish.common.test.security.ForgedTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@AuthIntegrationTest
class AccessTokenIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WireMockServer feishu;

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    JdbcTemplate jdbc;

    LoginFlow flow;
    String openId;

    @BeforeEach
    void setUp() {
        flow = new LoginFlow(mvc, feishu);
        openId = someone();
    }

    @Test
    void isAnEs256JwtWithKidIssuerAudienceAndAFifteenMinuteLifetime() throws Exception {
        String token = flow.loginAndRefresh(openId, "郑一").accessToken();

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(signingKeys.current().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("inetpublish-auth");
        assertThat(claims.getAudience()).containsExactly("inetpublish");
        assertThat(claims.getSubject()).isEqualTo(openId);
        assertThat(claims.getStringClaim("name")).isEqualTo("郑一");
        assertThat(claims.getStringListClaim("roles")).containsExactly("VIEWER");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
    }

    @Test
    void jwksPublishesOnlyPublicKeysIncludingTheCurrentOne() throws Exception {
        var result = mvc.get().uri("/api/auth/jwks").exchange();

        assertThat(result).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.keys[0].kty", v -> v.assertThat().isEqualTo("EC"))
                .doesNotHavePath("$.keys[0].d");
        assertThat(mvc.get().uri("/api/auth/.well-known/jwks.json")).hasStatusOk();
        List<String> kids = JsonPath.read(result.getResponse().getContentAsString(), "$.keys[*].kid");
        assertThat(kids).contains(signingKeys.current().getKeyID());
    }

    @Test
    void rotatingTheKeyLogsNobodyOut() throws Exception {
        String before = flow.loginAndRefresh(openId, "冯二").accessToken();
        String admin = flow.loginAndRefresh(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID, "管理员").bearer();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        String newKid = JsonPath.read(mvc.post().uri("/api/auth/keys/rotate").header("Authorization", admin)
                .exchange().getResponse().getContentAsString(), "$.kid");

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(mvc.get().uri("/api/auth/me").header("Authorization", "Bearer " + before)).hasStatusOk();
        List<String> kids = JsonPath.read(mvc.get().uri("/api/auth/jwks").exchange().getResponse()
                .getContentAsString(), "$.keys[*].kid");
        assertThat(kids).containsExactlyInAnyOrder(newKid, oldKid);
        String after = flow.loginAndRefresh(openId, "冯二").accessToken();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
    }

    @Test
    void keysThatAreNoLongerPublishedAreDeleted() {
        String first = signingKeys.rotate();
        String second = signingKeys.rotate();
        String third = signingKeys.rotate();

        assertThat(jdbc.queryForList("select kid from signing_key", String.class))
                .containsExactlyInAnyOrder(second, third).doesNotContain(first);
        assertThat(signingKeys.published().getKeys()).extracting(k -> k.getKeyID())
                .containsExactlyInAnyOrder(second, third);
    }

    @Test
    void onlyAdminsRotateKeys() {
        String viewer = flow.loginAndRefresh(openId, "陈三").bearer();

        assertThat(mvc.post().uri("/api/auth/keys/rotate").header("Authorization", viewer))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Nested
    class RefusesWith401 {

        JWTClaimsSet.Builder valid() {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder().issuer("inetpublish-auth").audience("inetpublish").subject(openId)
                    .claim("name", "攻击者").claim("roles", List.of("ADMIN")).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600)));
        }

        void refused(String token) {
            assertThat(mvc.get().uri("/api/auth/me").header("Authorization", "Bearer " + token))
                    .hasStatus(HttpStatus.UNAUTHORIZED).containsHeader("WWW-Authenticate");
        }

        @Test
        void withoutAToken() {
            assertThat(mvc.get().uri("/api/auth/me")).hasStatus(HttpStatus.UNAUTHORIZED);
        }

        /** Each of {@link ForgedTokens}: expired, unsigned, badly signed, not meant for us, changed after signing. */
        @TestFactory
        Stream<DynamicTest> whenForged() {
            return ForgedTokens.from(this::valid, signingKeys.current()).stream()
                    .map(forged -> DynamicTest.dynamicTest(forged.why(), () -> refused(forged.token())));
        }
    }
}
