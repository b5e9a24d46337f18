package io.inetpublish.auth.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Feishu's OAuth endpoints in WireMock, answering as docs/integrations.md §1 documents: v2 token with top-level fields,
 * token errors as HTTP 400/500 {@code {code, error, error_description}}, user_info as {@code {code, msg, data}}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FeishuStub {

    public static final String BOOTSTRAP_ADMIN_OPEN_ID = "ou_bootstrap_admin_for_tests";
    public static final String TOKEN_PATH = "/open-apis/authen/v2/oauth/token";
    public static final String USER_INFO_PATH = "/open-apis/authen/v1/user_info";

    @Bean(destroyMethod = "stop")
    WireMockServer feishuWireMock() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    @Bean
    DynamicPropertyRegistrar feishuUrls(WireMockServer feishuWireMock) {
        return registry -> {
            registry.add("inetpublish.auth.feishu.api-base-url", feishuWireMock::baseUrl);
            registry.add("inetpublish.auth.feishu.auth-base-url", feishuWireMock::baseUrl);
        };
    }

    /** Feishu accepts this code (for this app and redirect) and the token then reads as this person. */
    public static void acceptsCode(WireMockServer feishu, String code, String openId, String name, String email) {
        String userToken = "u-" + code;
        feishu.stubFor(post(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", matching("application/json; ?charset=(?i)utf-8"))
                .withRequestBody(matchingJsonPath("$.code", equalTo(code)))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("authorization_code")))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo("cli_test_app")))
                .withRequestBody(matchingJsonPath("$.client_secret", equalTo("test-secret")))
                .withRequestBody(matchingJsonPath("$.redirect_uri",
                        equalTo("http://localhost:8080/api/auth/callback")))
                .withRequestBody(matchingJsonPath("$.code_verifier"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"code":0,"access_token":"%s","expires_in":7200,
                                 "scope":"contact:user.email:readonly","token_type":"Bearer"}""".formatted(userToken))));
        feishu.stubFor(get(urlEqualTo(USER_INFO_PATH))
                .withHeader("Authorization", equalTo("Bearer " + userToken))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"code":0,"msg":"success","data":{"name":"%s","en_name":"%s","avatar_url":"https://example.test/a.png",
                                 "avatar_thumb":"https://example.test/t.png","avatar_middle":"","avatar_big":"",
                                 "open_id":"%s","union_id":"on_%s","email":"%s","enterprise_email":"",
                                 "user_id":"5d9bd","mobile":"","tenant_key":"736588c92lxf175d","employee_no":"1"}}"""
                                .formatted(name, name + " EN", openId, openId, email))));
    }

    /** Feishu refuses this code with one of its documented errors (e.g. 20003 not found, 20004 expired, 20065 used). */
    public static void refusesCode(WireMockServer feishu, String code, int status, int feishuCode, String error) {
        feishu.stubFor(post(urlEqualTo(TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.code", equalTo(code)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"code":%d,"error":"%s","error_description":"The authorization code is invalid."}"""
                                .formatted(feishuCode, error))));
    }

}
