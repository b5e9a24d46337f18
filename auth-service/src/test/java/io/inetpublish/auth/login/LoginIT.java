package io.inetpublish.auth.login;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inetpublish.auth.support.LoginFlow.someone;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.auth.support.LoginFlow;
import io.inetpublish.auth.user.UserRepository;
import io.inetpublish.common.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@AuthIntegrationTest
class LoginIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WireMockServer feishu;

    @Autowired
    UserRepository users;

    LoginFlow flow;

    @BeforeEach
    void setUp() {
        flow = new LoginFlow(mvc, feishu);
    }

    @Test
    void sendsTheBrowserToFeishuWithStateAndPkce() {
        LoginFlow.Started started = flow.start("/releases");

        assertThat(started.location()).startsWith(feishu.baseUrl() + "/open-apis/authen/v1/authorize?");
        assertThat(started.query()).containsEntry("client_id", "cli_test_app")
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", "http://localhost:8080/api/auth/callback")
                .containsEntry("code_challenge_method", "S256");
        assertThat(started.state()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(started.query().get("code_challenge")).hasSize(43);
        assertThat(started.stateCookie().getValue()).isEqualTo(started.state());
    }

    @Test
    void completesTheLoginCreatesTheUserAndReturnsToThePathAskedFor() throws Exception {
        String openId = someone();
        String code = "code-" + UUID.randomUUID();
        FeishuStub.acceptsCode(feishu, code, openId, "张三", "zhangsan@example.test");
        LoginFlow.Started started = flow.start("/releases/42?tab=timeline");

        MvcTestResult callback = flow.callback(started, code);

        assertThat(callback).hasStatus(HttpStatus.FOUND).hasHeader("Location", "/releases/42?tab=timeline");
        assertThat(LoginFlow.attributes(LoginFlow.setCookie(callback, "inetpublish_refresh")))
                .contains("Path=/api/auth/refresh", "HttpOnly", "Secure", "SameSite=Strict");
        // the verifier Feishu received is the one behind the challenge in the authorize URL
        String body = feishu.findAll(postRequestedFor(urlEqualTo(FeishuStub.TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.code", equalTo(code)))).get(0).getBodyAsString();
        String verifier = JsonPath.read(body, "$.code_verifier");
        assertThat(verifier.length()).isBetween(43, 128);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(started.query().get("code_challenge"));

        var user = users.findByOpenId(openId).orElseThrow();
        assertThat(user.getName()).isEqualTo("张三");
        assertThat(user.getEnName()).isEqualTo("张三 EN");
        assertThat(user.getUnionId()).isEqualTo("on_" + openId);
        assertThat(user.getEmail()).isEqualTo("zhangsan@example.test");
        assertThat(user.getAvatarUrl()).isEqualTo("https://example.test/a.png");
        assertThat(user.getRole()).isEqualTo(Role.VIEWER);

        LoginFlow.Refreshed session = flow.refresh(LoginFlow.refreshCookie(callback));
        assertThat(mvc.get().uri("/api/auth/me").header("Authorization", session.bearer()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.openId", v -> v.assertThat().isEqualTo(openId))
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("张三"))
                .hasPathSatisfying("$.role", v -> v.assertThat().isEqualTo("VIEWER"));
    }

    @Test
    void aSecondLoginUpdatesTheProfileAndKeepsOneAccount() {
        String openId = someone();
        flow.login(openId, "李四");
        flow.login(openId, "李四（新）");

        assertThat(users.findAll().stream().filter(u -> u.getOpenId().equals(openId)))
                .singleElement().satisfies(u -> assertThat(u.getName()).isEqualTo("李四（新）"));
    }

    @Test
    void aConfiguredAdministratorBecomesAdmin() {
        flow.login(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID, "管理员");

        assertThat(users.findByOpenId(FeishuStub.BOOTSTRAP_ADMIN_OPEN_ID).orElseThrow().getRole())
                .isEqualTo(Role.ADMIN);
    }

    @Nested
    class RefusesWithoutCreatingAnAccount {

        @Test
        void whenTheStateDoesNotMatchTheBrowsersLogin() {
            String openId = "ou_" + UUID.randomUUID();
            String code = "code-" + UUID.randomUUID();
            FeishuStub.acceptsCode(feishu, code, openId, "王五", "w@example.test");
            LoginFlow.Started mine = flow.start("/");
            LoginFlow.Started someoneElses = flow.start("/");

            MvcTestResult result = mvc.get().uri("/api/auth/callback").param("code", code)
                    .param("state", someoneElses.state()).cookie(mine.stateCookie()).exchange();

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .bodyText().contains("登录无法完成").contains("/api/auth/login").contains("<html lang=\"zh-CN\">");
            // a browser that asks for English reads the page in English
            assertThat(mvc.get().uri("/api/auth/callback").param("code", code).param("state", someoneElses.state())
                    .cookie(mine.stateCookie()).header("Accept-Language", "en-US,en;q=0.9"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("<html lang=\"en\">")
                    .contains("The login could not be completed")
                    .contains("This login was not started in this browser").contains(">Log in again</a>")
                    .doesNotContain("登录");
            assertThat(users.findByOpenId(openId)).isEmpty();
            feishu.verify(0, postRequestedFor(urlEqualTo(FeishuStub.TOKEN_PATH))
                    .withRequestBody(matchingJsonPath("$.code", equalTo(code))));
        }

        @Test
        void whenTheCallbackHasNoLoginCookie() {
            LoginFlow.Started started = flow.start("/");

            assertThat(mvc.get().uri("/api/auth/callback").param("code", "x").param("state", started.state()))
                    .hasStatus(HttpStatus.BAD_REQUEST);
        }

        @Test
        void whenTheSameCallbackIsReplayed() {
            String openId = "ou_" + UUID.randomUUID();
            String code = "code-" + UUID.randomUUID();
            FeishuStub.acceptsCode(feishu, code, openId, "赵六", "z@example.test");
            LoginFlow.Started started = flow.start("/");
            assertThat(flow.callback(started, code)).hasStatus(HttpStatus.FOUND);

            MvcTestResult replay = flow.callback(started, code);

            assertThat(replay).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("登录已过期");
            feishu.verify(1, postRequestedFor(urlEqualTo(FeishuStub.TOKEN_PATH))
                    .withRequestBody(matchingJsonPath("$.code", equalTo(code))));
        }

        @ParameterizedTest(name = "Feishu {0} {1}")
        @CsvSource({"400, 20003, invalid_grant", "400, 20004, invalid_grant", "400, 20065, invalid_grant",
                "400, 20049, invalid_grant"})
        void whenFeishuRefusesTheCode(int status, int feishuCode, String error) {
            String code = "code-" + UUID.randomUUID();
            FeishuStub.refusesCode(feishu, code, status, feishuCode, error);
            long before = users.count();

            MvcTestResult result = flow.callback(flow.start("/"), code);

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("代码 " + feishuCode);
            assertThat(result.getResponse().getHeaders("Set-Cookie")).noneMatch(c -> c.startsWith("inetpublish_refresh="));
            assertThat(users.count()).isEqualTo(before);
        }

        @Test
        void whenFeishuFailsAndSaysSoAsAnOutage() {
            String code = "code-" + UUID.randomUUID();
            FeishuStub.refusesCode(feishu, code, 500, 20050, "server_error");

            assertThat(flow.callback(flow.start("/"), code)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .bodyText().contains("飞书暂时无法访问");
        }

        @Test
        void whenThePersonDeniesConsentAtFeishu() {
            LoginFlow.Started started = flow.start("/");
            long before = users.count();

            MvcTestResult result = mvc.get().uri("/api/auth/callback").param("error", "access_denied")
                    .param("state", started.state()).cookie(started.stateCookie()).exchange();

            assertThat(result).hasStatus(HttpStatus.FORBIDDEN).bodyText().contains("拒绝了授权");
            assertThat(users.count()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil.example",
            "%2F%2Fevil.example", "/%2F/evil.example", "/%5Cevil.example", "%252F%252Fevil.example",
            "javascript:alert(1)", "/api/auth/login"})
    void neverReturnsTheBrowserOutsideThePlatform(String returnTo) {
        String code = "code-" + UUID.randomUUID();
        FeishuStub.acceptsCode(feishu, code, "ou_" + UUID.randomUUID(), "访客", "g@example.test");

        assertThat(flow.callback(flow.start(returnTo), code)).hasStatus(HttpStatus.FOUND).hasHeader("Location", "/");
    }

    @Test
    void limitsHowOftenOneClientMayTryToLogIn() {
        String client = "203.0.113." + (int) (Math.random() * 200 + 1);
        int calls = 0;
        MvcTestResult last;
        do {
            // forwarding headers a client adds do not give it a fresh allowance: the gateway's word counts
            last = mvc.get().uri("/api/auth/callback").header("X-InetPublish-Client", client)
                    .header("X-Forwarded-For", "198.51.100." + calls % 250).exchange();
            calls++;
        } while (last.getResponse().getStatus() != 429 && calls < 700);

        // 300 a minute are allowed (a minute boundary during the loop allows at most 300 more)
        assertThat(calls).isBetween(301, 601);
        assertThat(last).containsHeader("Retry-After");
        assertThat(mvc.get().uri("/api/auth/callback").header("X-InetPublish-Client", client + "9"))
                .hasStatus(HttpStatus.BAD_REQUEST);
    }
}
