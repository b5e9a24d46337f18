package io.inetpublish.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.ReleaseSubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@NotifyIntegrationTest
class GroupWebhookIT extends NotifyItSupport {

    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(FEISHU::removeStub);
        stubs.clear();
    }

    @Test
    void postsReleaseSubmittedToSubscribedGroupsSignedWhenTheBotHasASecret() {
        String plain = "ok-" + UUID.randomUUID();
        String signed = "ok-" + UUID.randomUUID();
        String secret = "sign-" + UUID.randomUUID();
        List<String> ids = saveWebhooks(
                "{\"name\":\"研发群\",\"url\":\"" + hookUrl(plain) + "\",\"eventTypes\":[\"release.submitted\"]}",
                "{\"name\":\"发布群\",\"url\":\"" + hookUrl(signed) + "\",\"secret\":\"" + secret
                        + "\",\"eventTypes\":[\"release.submitted\",\"build.finished\"]}",
                "{\"name\":\"只收构建\",\"url\":\"" + hookUrl("ok-" + UUID.randomUUID())
                        + "\",\"eventTypes\":[\"build.finished\"]}");
        EventEnvelope<ReleaseSubmitted> event = releaseSubmitted("R2025-100");

        assertThat(planner.onReleaseSubmitted(event)).isEqualTo(2);
        JsonNode plainRow = awaitStatus(event.eventId(), ids.get(0), "SENT", Duration.ofSeconds(10));
        awaitStatus(event.eventId(), ids.get(1), "SENT", Duration.ofSeconds(10));

        assertThat(notificationsOf(event.eventId())).hasSize(2)
                .allSatisfy(n -> assertThat(n.path("channel").stringValue()).isEqualTo("GROUP"));
        assertThat(plainRow.path("recipientName").stringValue()).isEqualTo("研发群");
        JsonNode unsignedBody = bodyOf(hookRequests(plain).get(0));
        assertThat(unsignedBody.has("sign")).isFalse();
        assertThat(unsignedBody.has("timestamp")).isFalse();
        assertThat(unsignedBody.path("msg_type").stringValue()).isEqualTo("interactive");
        JsonNode card = unsignedBody.path("card");
        assertThat(card.isObject()).as("webhook cards are objects, not strings").isTrue();
        assertThat(cardText(card)).contains("新的发布记录", "R2025-100 修复登录超时", "HOT", "auth 3.1.4", "李四",
                "https://platform.example.com/releases/" + event.payload().releaseId());

        List<LoggedRequest> signedRequests = hookRequests(signed);
        assertThat(signedRequests).hasSize(1);
        JsonNode signedBody = bodyOf(signedRequests.get(0));
        assertThat(signedBody.path("timestamp").isString()).isTrue();
        long timestamp = Long.parseLong(signedBody.path("timestamp").stringValue());
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
        assertThat(signedBody.path("sign").stringValue()).isEqualTo(feishuSign(timestamp, secret));
        assertThat(signedBody.path("card")).isEqualTo(card);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aStoredWebhookOnAHostThatIsNotAllowedOrThePlatformsOwnGetsNothing() {
        List<String> ids = saveWebhooks(
                "{\"name\":\"注册中心\",\"url\":\"" + hookUrl("a-" + UUID.randomUUID())
                        + "\",\"eventTypes\":[\"release.submitted\"]}",
                "{\"name\":\"外部\",\"url\":\"" + hookUrl("b-" + UUID.randomUUID())
                        + "\",\"eventTypes\":[\"release.submitted\"]}");
        // as an earlier version could have stored them: Eureka's address, and a host nobody allowed
        jdbc.update("update feishu_webhook set url = ? where id = ?::uuid",
                "http://127.0.0.1:8761/open-apis/bot/v2/hook/x", ids.get(0));
        jdbc.update("update feishu_webhook set url = ? where id = ?::uuid",
                "http://hooks.attacker.example/open-apis/bot/v2/hook/x", ids.get(1));
        EventEnvelope<ReleaseSubmitted> event = releaseSubmitted("R2025-SSRF");

        assertThat(planner.onReleaseSubmitted(event)).isEqualTo(2);
        JsonNode platform = awaitStatus(event.eventId(), ids.get(0), "FAILED", Duration.ofSeconds(10));
        JsonNode outside = awaitStatus(event.eventId(), ids.get(1), "FAILED", Duration.ofSeconds(10));

        assertThat(platform.path("lastError").stringValue()).contains("未发送", "127.0.0.1:8761");
        assertThat(outside.path("lastError").stringValue()).contains("未发送", "INETPUBLISH_INTEGRATION_HOSTS");
        assertThat(lastError(event.eventId(), ids.get(0), "en")).startsWith("not sent: ").contains("127.0.0.1:8761")
                .doesNotContain("未发送");
        assertThat(platform.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void badWebhookAndSignatureFailuresAreFailedAndNotRetried() throws InterruptedException {
        String badToken = "gone-" + UUID.randomUUID();
        String badSign = "signfail-" + UUID.randomUUID();
        stubs.add(FEISHU.stubFor(post(urlEqualTo(FeishuStub.HOOK_PATH + badToken)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":19001,\"msg\":\"param invalid: incoming webhook access token invalid\"}"))));
        stubs.add(FEISHU.stubFor(post(urlEqualTo(FeishuStub.HOOK_PATH + badSign)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}"))));
        List<String> ids = saveWebhooks(
                "{\"name\":\"旧群\",\"url\":\"" + hookUrl(badToken) + "\",\"eventTypes\":[\"release.submitted\"]}",
                "{\"name\":\"签名错\",\"url\":\"" + hookUrl(badSign)
                        + "\",\"secret\":\"wrong\",\"eventTypes\":[\"release.submitted\"]}");
        EventEnvelope<ReleaseSubmitted> event = releaseSubmitted("R2025-101");

        planner.onReleaseSubmitted(event);
        JsonNode gone = awaitStatus(event.eventId(), ids.get(0), "FAILED", Duration.ofSeconds(10));
        JsonNode sign = awaitStatus(event.eventId(), ids.get(1), "FAILED", Duration.ofSeconds(10));
        Thread.sleep(1500);

        assertThat(lastError(event.eventId(), ids.get(0), "en")).contains("19001", "webhook access token invalid");
        assertThat(lastError(event.eventId(), ids.get(1), "en")).contains("19021", "signature");
        assertThat(gone.path("lastError").stringValue()).startsWith("Webhook 的 access token 无效（").contains("19001");
        assertThat(sign.path("lastError").stringValue()).startsWith("签名校验失败").contains("19021");
        assertThat(gone.path("attempts").intValue()).isEqualTo(1);
        assertThat(hookRequests(badToken)).hasSize(1);
        assertThat(hookRequests(badSign)).hasSize(1);
    }

    @Test
    void aBurstOf50EventsToOneBotStaysUnder5PerSecond() {
        String token = "ok-burst-" + UUID.randomUUID();
        String id = saveWebhooks("{\"name\":\"广播群\",\"url\":\"" + hookUrl(token)
                + "\",\"eventTypes\":[\"release.submitted\"]}").get(0);
        List<EventEnvelope<ReleaseSubmitted>> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EventEnvelope<ReleaseSubmitted> event = releaseSubmitted("R2025-B" + i);
            events.add(event);
            planner.onReleaseSubmitted(event);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> hookRequests(token).size() >= 50);
        for (EventEnvelope<ReleaseSubmitted> event : events) {
            awaitStatus(event.eventId(), id, "SENT", Duration.ofSeconds(5));
        }

        // when the platform let each call go (its grants, shared by every instance): any 6 of them span the second
        // of Feishu's limit plus the margin (100 ms) that keeps calls bunched on their way inside Feishu's count
        List<Instant> granted = jdbc.queryForList(
                "select granted_at from feishu_rate_grant where limit_key = ? order by granted_at", Timestamp.class,
                "bot:" + id).stream().map(Timestamp::toInstant).toList();
        assertThat(granted).hasSize(50);
        for (int i = 0; i + 5 < granted.size(); i++) {
            assertThat(Duration.between(granted.get(i), granted.get(i + 5)))
                    .as("6 calls granted from call %d on span a second and the margin", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1100));
        }
        // as the bot saw them: 50 calls over at least 9 s. (Each arrival also carries the test machine's scheduling
        // delay, 100 ms and more on a loaded 2-core machine, so 6 arrivals are not timed to the millisecond here.)
        List<LoggedRequest> requests = hookRequests(token);
        assertThat(requests).hasSize(50);
        long total = requests.get(49).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(total).as("50 calls at most 5/s need 9 s").isGreaterThanOrEqualTo(9000);
    }

    /** The formula of docs/integrations.md §2(a), written out independently of the production signer. */
    private static String feishuSign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(new byte[] {}));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
