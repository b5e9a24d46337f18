package io.inetpublish.auth.outside;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inetpublish.auth.feishu.FeishuContactClient;
import io.inetpublish.auth.feishu.FeishuLoginException;
import io.inetpublish.auth.feishu.FeishuOAuthClient;
import io.inetpublish.auth.support.AuthIntegrationTest;
import io.inetpublish.auth.support.FeishuContacts;
import io.inetpublish.auth.support.FeishuStub;
import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.test.OutsideCallChecks;
import io.inetpublish.common.web.DownstreamUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * auth-service's outside-call clients (README, "Outside calls") keep to the configured timeouts and breaker of the
 * instance {@code feishu}: Feishu's login ({@link FeishuOAuthClient}) and contacts ({@link FeishuContactClient}).
 */
@AuthIntegrationTest
class OutsideCallsIT {

    @Autowired
    WireMockServer feishu;

    @Autowired
    OutsideCalls outside;

    @Autowired
    FeishuOAuthClient login;

    @Autowired
    FeishuContactClient contacts;

    OutsideCall call() {
        return outside.get("feishu");
    }

    /** Other tests' failures (PeopleIT stages some) do not count here, and these do not count for the next. */
    @BeforeEach
    void closeTheBreakerBefore() {
        call().breaker().reset();
    }

    @AfterEach
    void closeTheBreakerAfter() {
        call().breaker().reset();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class Login {

        void tokenEndpointFor(String code, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
            feishu.stubFor(post(urlEqualTo(FeishuStub.TOKEN_PATH))
                    .withRequestBody(matchingJsonPath("$.code", equalTo(code))).willReturn(answer));
        }

        @Test
        void aSlowTokenEndpointEndsAtTheReadTimeout() {
            String code = unique("slow");
            tokenEndpointFor(code, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":0,\"access_token\":\"u-slow\",\"expires_in\":7200}")
                    .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call())));

            assertThat(OutsideCallChecks.failsAtReadTimeout(call(), () -> login.login(code, "verifier")))
                    .isInstanceOfSatisfying(FeishuLoginException.class, e -> assertThat(e.rejected()).isFalse());
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenSendsNothing() {
            String code = unique("down");
            tokenEndpointFor(code, aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":20050,\"error\":\"server_error\"}"));

            OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> login.login(code, "verifier"),
                    () -> feishu.countRequestsMatching(postRequestedFor(urlEqualTo(FeishuStub.TOKEN_PATH))
                            .withRequestBody(matchingJsonPath("$.code", equalTo(code))).build()).getCount());
        }

        @Test
        void aRefusedCodeIsAnAnswerNotAFailure() {
            String code = unique("used");
            FeishuStub.refusesCode(feishu, code, 400, 20003, "invalid_grant");

            OutsideCallChecks.isAnAnswerNotAFailure(call(), () -> assertThat(catchThrowableOfType(
                    FeishuLoginException.class, () -> login.login(code, "verifier")).rejected()).isTrue());
        }
    }

    @Nested
    class Contacts {

        @BeforeEach
        void tenantToken() {
            FeishuContacts.issueTenantToken(feishu);
        }

        @Test
        void aSlowLookUpEndsAtTheReadTimeoutAs503() {
            String openId = unique("ou_slow");
            feishu.stubFor(FeishuContacts.person(openId).willReturn(FeishuContacts.found(openId, "慢", null)
                    .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call()))));

            assertThat(OutsideCallChecks.failsAtReadTimeout(call(), () -> contacts.person(openId)))
                    .isInstanceOf(DownstreamUnavailableException.class);
        }

        @Test
        void theBreakerOpensAfterTheConfiguredFailuresAndThenAsksNothing() {
            String openId = unique("ou_down");
            feishu.stubFor(FeishuContacts.person(openId)
                    .willReturn(FeishuContacts.error(500, FeishuContacts.INTERNAL_ERROR, "internal error")));

            OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> contacts.person(openId),
                    () -> feishu.countRequestsMatching(FeishuContacts.personAsked(openId).build()).getCount());
        }

        @Test
        void someoneOutsideTheAppsScopeIsAnAnswerNotAFailure() {
            String openId = unique("ou_hidden");
            FeishuContacts.refusesPerson(feishu, openId, FeishuContacts.NO_USER_AUTHORITY, "no user authority");

            OutsideCallChecks.isAnAnswerNotAFailure(call(), () -> assertThat(contacts.person(openId)).isEmpty());
        }
    }
}
