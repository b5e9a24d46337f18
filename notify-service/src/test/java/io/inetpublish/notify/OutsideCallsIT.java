package io.inetpublish.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.outside.OutsideCall;
import io.inetpublish.common.outside.OutsideCalls;
import io.inetpublish.common.test.OutsideCallChecks;
import io.inetpublish.notify.feishu.DeliveryResult;
import io.inetpublish.notify.feishu.FeishuClient;
import io.inetpublish.notify.settings.SettingsService.WebhookTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * notify-service's outside-call client (README, "Outside calls"), {@link FeishuClient}, keeps to the configured
 * timeouts and breaker of the instance {@code feishu}: a slow or failing Feishu is a transient failure (sent again
 * later), and while the breaker is open nothing is sent.
 */
@NotifyIntegrationTest
class OutsideCallsIT extends NotifyItSupport {

    private static final String CARD = "{\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"t\"}}}";

    @Autowired
    OutsideCalls outside;

    @Autowired
    FeishuClient feishu;

    OutsideCall call() {
        return outside.get("feishu");
    }

    @AfterEach
    void closeTheBreaker() {
        call().breaker().reset();
    }

    static WebhookTarget hook(String token) {
        return new WebhookTarget(UUID.randomUUID(), "群 " + token, FEISHU.baseUrl() + FeishuStub.HOOK_PATH + token,
                null);
    }

    @Test
    void aSlowFeishuEndsAtTheReadTimeoutAsATransientFailure() {
        String token = "slow-" + UUID.randomUUID();
        FEISHU.stubFor(post(urlEqualTo(FeishuStub.HOOK_PATH + token)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":0,\"msg\":\"success\"}")
                .withFixedDelay(OutsideCallChecks.beyondReadTimeoutMillis(call()))));

        DeliveryResult result = OutsideCallChecks.answersAtReadTimeout(call(),
                () -> feishu.sendToWebhook(hook(token), CARD));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Transient.class,
                t -> assertThat(t.error().code()).isEqualTo("delivery.unreachable"));
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresAndThenSendsNothing() {
        String token = "down-" + UUID.randomUUID();
        FEISHU.stubFor(post(urlEqualTo(FeishuStub.HOOK_PATH + token)).willReturn(aResponse().withStatus(502)));

        OutsideCallChecks.opensAfterConfiguredFailures(call(), () -> feishu.sendToWebhook(hook(token), CARD),
                () -> FEISHU.countRequestsMatching(postRequestedFor(urlEqualTo(FeishuStub.HOOK_PATH + token)).build())
                        .getCount());
    }

    @Test
    void whileTheBreakerIsOpenAMessageIsATransientFailureSaidSo() {
        call().breaker().transitionToOpenState();

        assertThat(feishu.sendToWebhook(hook("ok-" + UUID.randomUUID()), CARD))
                .isInstanceOfSatisfying(DeliveryResult.Transient.class,
                        t -> assertThat(t.error().code()).as("nothing was sent")
                                .isEqualTo("delivery.circuit-open"));
    }
}
