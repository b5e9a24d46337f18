package io.inetpublish.auth.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * Feishu's contact API in the WireMock of {@link FeishuStub}, answering as docs/feishu-contact.md documents it: the
 * app's tenant token ({@code /open-apis/auth/v3/tenant_access_token/internal}, for this app's id and secret), an
 * e-mail to an open_id ({@code POST …/users/batch_get_id}: an e-mail nobody has comes back without {@code user_id}),
 * an open_id to name and e-mail ({@code GET …/users/:user_id}), and Feishu's errors as it sends them
 * ({@code {"code":…,"msg":…}} with an HTTP status). Requests match only with the tenant token and
 * {@code user_id_type=open_id}, as the client sends them.
 */
public final class FeishuContacts {

    public static final String TENANT_TOKEN = "t-test";
    public static final String TENANT_TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";
    static final String USERS_PATH = "/open-apis/contact/v3/users/";
    static final String BY_EMAIL_PATH = USERS_PATH + "batch_get_id";

    /** Feishu: no such user id (HTTP 400). */
    public static final int USER_ID_INVALID = 41012;
    /** Feishu: the person is outside the app's contact scope (HTTP 400). */
    public static final int NO_USER_AUTHORITY = 41050;
    /** Feishu: an internal error on its side. */
    public static final int INTERNAL_ERROR = 40003;

    private FeishuContacts() {
    }

    /** Feishu issues the tenant token {@value #TENANT_TOKEN} for the test app's id and secret (2 hours). */
    public static void issueTenantToken(WireMockServer feishu) {
        feishu.stubFor(post(urlEqualTo(TENANT_TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.app_id", equalTo("cli_test_app")))
                .withRequestBody(matchingJsonPath("$.app_secret", equalTo("test-secret")))
                .willReturn(json(200, """
                        {"code":0,"msg":"ok","tenant_access_token":"%s","expire":7200}""".formatted(TENANT_TOKEN))));
    }

    /** The look-up of this e-mail, as the client sends it; {@code willReturn} what Feishu answers. */
    public static MappingBuilder byEmail(String email) {
        return post(urlPathEqualTo(BY_EMAIL_PATH)).withQueryParam("user_id_type", equalTo("open_id"))
                .withHeader("Authorization", equalTo("Bearer " + TENANT_TOKEN))
                .withRequestBody(matchingJsonPath("$.emails[0]", equalTo(email)));
    }

    /** The look-up of this open_id, as the client sends it; {@code willReturn} what Feishu answers. */
    public static MappingBuilder person(String openId) {
        return get(urlPathEqualTo(USERS_PATH + openId)).withQueryParam("user_id_type", equalTo("open_id"))
                .withHeader("Authorization", equalTo("Bearer " + TENANT_TOKEN));
    }

    /** The look-ups of this open_id that reached Feishu (to count them). */
    public static RequestPatternBuilder personAsked(String openId) {
        return getRequestedFor(urlPathEqualTo(USERS_PATH + openId));
    }

    /** Feishu's contacts know this person by e-mail and by open_id. */
    public static void knows(WireMockServer feishu, String openId, String name, String email) {
        knowsEmail(feishu, email, openId);
        feishu.stubFor(person(openId).willReturn(found(openId, name, email)));
    }

    /** Feishu has this e-mail as this open_id (batch_get_id); what it says of the open_id is stubbed apart. */
    public static void knowsEmail(WireMockServer feishu, String email, String openId) {
        feishu.stubFor(byEmail(email).willReturn(json(200, """
                {"code":0,"msg":"success","data":{"user_list":[{"user_id":"%s","email":"%s",
                 "status":{"is_frozen":false,"is_resigned":false,"is_activated":true,"is_exited":false,"is_unjoin":false}}]}}"""
                .formatted(openId, email))));
    }

    /** Feishu knows nobody with this e-mail: its entry comes back without {@code user_id}. */
    public static void knowsNobodyWith(WireMockServer feishu, String email) {
        feishu.stubFor(byEmail(email).willReturn(json(200, """
                {"code":0,"msg":"success","data":{"user_list":[{"email":"%s"}]}}""".formatted(email))));
    }

    /**
     * Feishu answers the look-up of this open_id with one of its documented errors: {@link #USER_ID_INVALID} or
     * {@link #NO_USER_AUTHORITY} (nobody the app may see), {@link #INTERNAL_ERROR}; HTTP 400 as Feishu sends them.
     */
    public static void refusesPerson(WireMockServer feishu, String openId, int code, String msg) {
        feishu.stubFor(person(openId).willReturn(error(400, code, msg)));
    }

    /** Feishu's answer for a person found by open_id. */
    public static ResponseDefinitionBuilder found(String openId, String name, String email) {
        return json(200, """
                {"code":0,"msg":"success","data":{"user":{"open_id":"%s","union_id":"on_x","name":"%s","email":%s}}}"""
                .formatted(openId, name, email == null ? "null" : "\"" + email + "\""));
    }

    /** One of Feishu's errors: {@code {"code":…,"msg":…}} with this HTTP status. */
    public static ResponseDefinitionBuilder error(int status, int code, String msg) {
        return json(status, """
                {"code":%d,"msg":"%s"}""".formatted(code, msg));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }
}
