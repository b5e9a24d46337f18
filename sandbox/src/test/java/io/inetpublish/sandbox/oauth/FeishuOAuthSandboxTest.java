package io.inetpublish.sandbox.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.UriComponentsBuilder;

/** The sandbox speaks Feishu's OAuth login protocol (docs/integrations.md §1), errors included. */
@SpringBootTest
@AutoConfigureMockMvc
class FeishuOAuthSandboxTest {

    static final String APP = "cli_sandbox_app";
    static final String SECRET = "sandbox-app-secret";
    static final String CALLBACK = "http://localhost:8080/api/auth/callback";
    static final String ZHANGSAN = "ou_5ad573a6411d72b8305fda3a9c15c70e";
    static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-0123456789";

    @Autowired
    MockMvcTester mvc;

    /** The person picks a user on the authorize page; returns the code from the redirect back. */
    String approve(String openId, String verifier) {
        MvcTestResult result = mvc.post().uri("/open-apis/authen/v1/authorize")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("client_id", APP).param("response_type", "code").param("redirect_uri", CALLBACK)
                .param("scope", "contact:user.email:readonly").param("state", "st-123")
                .param("code_challenge", FeishuOAuthController.s256(verifier))
                .param("code_challenge_method", "S256").param("open_id", openId).param("decision", "approve")
                .exchange();
        assertThat(result).hasStatus(HttpStatus.FOUND);
        Map<String, String> query = UriComponentsBuilder.fromUriString(result.getResponse().getHeader("Location"))
                .build().getQueryParams().toSingleValueMap();
        assertThat(result.getResponse().getHeader("Location")).startsWith(CALLBACK + "?");
        assertThat(query).containsEntry("state", "st-123");
        assertThat(query.get("code")).hasSizeGreaterThanOrEqualTo(64);
        return query.get("code");
    }

    MvcTestResult exchange(String json) {
        return mvc.post().uri("/open-apis/authen/v2/oauth/token")
                .contentType("application/json; charset=utf-8").content(json).exchange();
    }

    String body(String code, String verifier) {
        return """
                {"grant_type":"authorization_code","client_id":"%s","client_secret":"%s","code":"%s",
                 "redirect_uri":"%s","code_verifier":"%s"}""".formatted(APP, SECRET, code, CALLBACK, verifier);
    }

    @Test
    void authorizePageListsTheDemoUsersAndARefusal() {
        assertThat(mvc.get().uri("/open-apis/authen/v1/authorize").param("client_id", APP)
                .param("response_type", "code").param("redirect_uri", CALLBACK).param("state", "s")
                .param("code_challenge", "abc").param("code_challenge_method", "S256"))
                .hasStatusOk().bodyText().contains("张三").contains("李四").contains("拒绝")
                .contains("name=\"state\" value=\"s\"");
    }

    @Test
    void refusesAnUnregisteredRedirectWithoutRedirecting() {
        assertThat(mvc.get().uri("/open-apis/authen/v1/authorize").param("client_id", APP)
                .param("response_type", "code").param("redirect_uri", "https://evil.example/cb"))
                .hasStatus(HttpStatus.BAD_REQUEST).doesNotContainHeader("Location");
    }

    @Test
    void denyingSendsAccessDeniedWithTheState() {
        assertThat(mvc.post().uri("/open-apis/authen/v1/authorize").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("client_id", APP).param("response_type", "code").param("redirect_uri", CALLBACK)
                .param("state", "st-9").param("decision", "deny"))
                .hasStatus(HttpStatus.FOUND).hasHeader("Location", CALLBACK + "?error=access_denied&state=st-9");
    }

    @Test
    void exchangesTheCodeOnceAndTheTokenReadsTheUser() throws Exception {
        String code = approve(ZHANGSAN, VERIFIER);

        MvcTestResult token = exchange(body(code, VERIFIER));

        assertThat(token).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.token_type", v -> v.assertThat().isEqualTo("Bearer"))
                .hasPathSatisfying("$.expires_in", v -> v.assertThat().isEqualTo(7200))
                .doesNotHavePath("$.data").doesNotHavePath("$.refresh_token");
        String accessToken = com.jayway.jsonpath.JsonPath.read(token.getResponse().getContentAsString(),
                "$.access_token");
        assertThat(mvc.get().uri("/open-apis/authen/v1/user_info").header("Authorization", "Bearer " + accessToken))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.data.open_id", v -> v.assertThat().isEqualTo(ZHANGSAN))
                .hasPathSatisfying("$.data.name", v -> v.assertThat().isEqualTo("张三"))
                .hasPathSatisfying("$.data.email", v -> v.assertThat().isEqualTo("zhangsan@example.com"));

        assertThat(exchange(body(code, VERIFIER))).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo(20065));
    }

    @Nested
    class TokenErrors {

        void refused(String json, int feishuCode) {
            assertThat(exchange(json)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo(feishuCode))
                    .hasPathSatisfying("$.error", v -> v.assertThat().isNotNull())
                    .hasPathSatisfying("$.error_description", v -> v.assertThat().isNotNull());
        }

        @Test
        void unknownCode() {
            refused(body("no-such-code", VERIFIER), 20003);
        }

        @Test
        void wrongPkceVerifier() {
            refused(body(approve(ZHANGSAN, VERIFIER), VERIFIER + "x"), 20049);
        }

        @Test
        void wrongSecret() {
            refused(body(approve(ZHANGSAN, VERIFIER), VERIFIER).replace(SECRET, "guess"), 20002);
        }

        @Test
        void redirectUriMismatch() {
            refused(body(approve(ZHANGSAN, VERIFIER), VERIFIER).replace(CALLBACK, "http://localhost:9/cb"), 20071);
        }

        @Test
        void badGrantType() {
            refused(body(approve(ZHANGSAN, VERIFIER), VERIFIER).replace("authorization_code", "password"), 20036);
        }

        @Test
        void missingParameter() {
            refused("{\"grant_type\":\"authorization_code\",\"client_id\":\"" + APP + "\"}", 20001);
        }

        @Test
        void malformedBody() {
            refused("{not json", 20063);
        }
    }

    @Test
    void userInfoWithAnUnknownTokenAnswersCode20005() {
        assertThat(mvc.get().uri("/open-apis/authen/v1/user_info").header("Authorization", "Bearer u-made-up"))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo(20005));
    }
}
