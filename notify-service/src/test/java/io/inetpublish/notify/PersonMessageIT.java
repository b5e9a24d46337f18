package io.inetpublish.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.test.Catalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@NotifyIntegrationTest
class PersonMessageIT extends NotifyItSupport {

    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(FEISHU::removeStub);
        stubs.clear();
    }

    /** A stub for one recipient, answering {@code first} once and the default success afterwards. */
    private void firstAnswer(String openId, ResponseDefinitionBuilder first) {
        String scenario = "first-" + openId;
        stubs.add(FEISHU.stubFor(post(urlEqualTo(FeishuStub.MESSAGES_URL)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(STARTED).withRequestBody(matchingJsonPath("$.receive_id", equalTo(openId)))
                .willReturn(first).willSetStateTo("answered")));
    }

    private static ResponseDefinitionBuilder feishuError(int status, int code, String msg) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"msg\":\"" + msg + "\",\"error\":{\"log_id\":\"2024031512000001\"}}");
    }

    @Test
    void sendsTheCardToTheTriggeringPersonAsAJsonStringWithItsUuid() {
        String person = newOpenId();
        EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);

        assertThat(planner.onBuildFinished(event)).isPositive();
        JsonNode row = awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(10));

        assertThat(row.path("channel").stringValue()).isEqualTo("USER");
        assertThat(row.path("kind").stringValue()).isEqualTo("TEST_DEPLOYMENT_FINISHED");
        assertThat(row.path("recipientRole").stringValue()).isEqualTo("ACTOR");
        assertThat(row.path("attempts").intValue()).isEqualTo(1);
        List<LoggedRequest> messages = messagesTo(person);
        assertThat(messages).hasSize(1);
        LoggedRequest message = messages.get(0);
        assertThat(message.getHeader("Authorization")).startsWith("Bearer t-");
        JsonNode body = bodyOf(message);
        assertThat(body.path("msg_type").stringValue()).isEqualTo("interactive");
        JsonNode detail = getJson("/api/notifications/" + row.path("id").stringValue());
        assertThat(body.path("uuid").stringValue()).isEqualTo(detail.path("messageUuid").stringValue())
                .hasSizeLessThanOrEqualTo(50);
        assertThat(detail.path("feishuMessageId").stringValue()).startsWith("om_");
        JsonNode card = cardOf(message);
        assertThat(card).isEqualTo(detail.path("card"));
        assertThat(card.path("header").path("template").stringValue()).isEqualTo("green");
        assertThat(cardText(card)).contains("测试部署成功", "R2025-042 支付网关修复", "测试环境 A", "gateway 2.3.1",
                "billing 1.8.0", "张三", "https://platform.example.com/releases/" + event.payload().releaseId());
    }

    @Test
    void reusesTheCachedTenantTokenForLaterMessages() {
        List<String> people = List.of(newOpenId(), newOpenId(), newOpenId());
        List<EventEnvelope<BuildFinished>> events = new ArrayList<>();
        String first = people.get(0);
        EventEnvelope<BuildFinished> warmUp = buildFinished(first, BuildType.PACKAGE, BuildResult.SUCCESS);
        planner.onBuildFinished(warmUp);
        awaitStatus(warmUp.eventId(), first, "SENT", Duration.ofSeconds(10));
        int tokenRequestsBefore = tokenRequests();

        for (String person : people.subList(1, 3)) {
            EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.PACKAGE, BuildResult.SUCCESS);
            events.add(event);
            planner.onBuildFinished(event);
        }
        for (int i = 0; i < events.size(); i++) {
            awaitStatus(events.get(i).eventId(), people.get(i + 1), "SENT", Duration.ofSeconds(10));
        }

        assertThat(tokenRequests()).isEqualTo(tokenRequestsBefore);
        String token = messagesTo(first).get(0).getHeader("Authorization");
        assertThat(messagesTo(people.get(1)).get(0).getHeader("Authorization")).isEqualTo(token);
        assertThat(messagesTo(people.get(2)).get(0).getHeader("Authorization")).isEqualTo(token);
    }

    @Test
    void fetchesANewTenantTokenWhenFeishuCallsItInvalid() {
        String person = newOpenId();
        firstAnswer(person, feishuError(400, 99991663, "Invalid access token for authorization."));
        EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);
        int tokenRequestsBefore = tokenRequests();

        planner.onBuildFinished(event);
        JsonNode row = awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(10));

        List<LoggedRequest> messages = messagesTo(person);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).getHeader("Authorization")).startsWith("Bearer t-")
                .isNotEqualTo(messages.get(0).getHeader("Authorization"));
        assertThat(tokenRequests()).isGreaterThan(tokenRequestsBefore);
        assertThat(row.path("attempts").intValue()).isEqualTo(1);
        assertThat(bodyOf(messages.get(1)).path("uuid")).isEqualTo(bodyOf(messages.get(0)).path("uuid"));
    }

    @Test
    void waitsForTheRateLimitResetAfterA429() {
        String person = newOpenId();
        firstAnswer(person, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("x-ogw-ratelimit-limit", "100").withHeader("x-ogw-ratelimit-reset", "2")
                .withBody("{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}"));
        EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.FAILURE);

        planner.onBuildFinished(event);
        JsonNode row = awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(15));

        List<LoggedRequest> messages = messagesTo(person);
        assertThat(messages).hasSize(2);
        long waitedMillis = messages.get(1).getLoggedDate().getTime() - messages.get(0).getLoggedDate().getTime();
        assertThat(waitedMillis).isGreaterThanOrEqualTo(2000);
        assertThat(row.path("lastError").stringValue()).contains("99991400");
        assertThat(bodyOf(messages.get(1)).path("uuid")).isEqualTo(bodyOf(messages.get(0)).path("uuid"));
    }

    @Test
    void retriesAfterA5xxAndThenDelivers() {
        String person = newOpenId();
        firstAnswer(person, aResponse().withStatus(503).withBody("upstream unavailable"));
        EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.PACKAGE, BuildResult.SUCCESS);

        planner.onBuildFinished(event);
        JsonNode row = awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(10));

        assertThat(row.path("attempts").intValue()).isEqualTo(2);
        assertThat(row.path("lastError").stringValue()).contains("HTTP 503");
        assertThat(messagesTo(person)).hasSize(2);
    }

    @Nested
    class PermanentErrors {

        @Test
        void userOutsideTheAppsAvailabilityIsFailedAndNotRetried() throws InterruptedException {
            assertFailsForGood(230013, "Bot has NO availability to this user.", "availability");
        }

        @Test
        void botNotInTheChatIsFailedAndNotRetried() throws InterruptedException {
            assertFailsForGood(230002, "The bot is not in the chat.", "not in the chat");
        }

        @Test
        void invalidReceiveIdIsFailedAndNotRetried() throws InterruptedException {
            assertFailsForGood(230034, "The receive_id is invalid.", "invalid receive_id");
        }

        private void assertFailsForGood(int code, String msg, String explained) throws InterruptedException {
            String person = newOpenId();
            stubs.add(FEISHU.stubFor(post(urlEqualTo(FeishuStub.MESSAGES_URL)).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.receive_id", equalTo(person)))
                    .willReturn(feishuError(400, code, msg))));
            EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);

            planner.onBuildFinished(event);
            JsonNode row = awaitStatus(event.eventId(), person, "FAILED", Duration.ofSeconds(10));
            Thread.sleep(1500); // longer than the test's largest backoff

            assertThat(row.path("attempts").intValue()).isEqualTo(1);
            assertThat(lastError(event.eventId(), person, "en")).contains(String.valueOf(code), explained);
            assertThat(row.path("lastError").stringValue()).as("Chinese by default")
                    .startsWith(Catalogue.zh("delivery.feishu." + code) + "（").contains(String.valueOf(code));
            assertThat(messagesTo(person)).hasSize(1);
            assertThat(notificationOf(event.eventId(), person).path("status").stringValue()).isEqualTo("FAILED");
        }
    }

    @Test
    void aDuplicateEventProducesOneMessage() throws InterruptedException {
        String person = newOpenId();
        EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);

        assertThat(planner.onBuildFinished(event)).isPositive();
        assertThat(planner.onBuildFinished(event)).isZero();
        awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(10));
        assertThat(planner.onBuildFinished(event)).isZero();
        Thread.sleep(1000);

        assertThat(notificationsOf(event.eventId()).stream()
                .filter(n -> "USER".equals(n.path("channel").stringValue()))).hasSize(1);
        assertThat(messagesTo(person)).hasSize(1);
    }

    @Test
    void skipsActorsThatAreNotFeishuUsers() throws InterruptedException {
        EventEnvelope<BuildFinished> anonymous = withActor(buildFinished(newOpenId(), BuildType.PACKAGE, BuildResult.SUCCESS),
                new Actor("anonymous", "anonymous"));
        EventEnvelope<BuildFinished> system = withActor(buildFinished(newOpenId(), BuildType.PACKAGE, BuildResult.SUCCESS),
                Actor.system());

        planner.onBuildFinished(anonymous);
        planner.onBuildFinished(system);
        Thread.sleep(500);

        JsonNode a = notificationOf(anonymous.eventId(), "anonymous");
        assertThat(a.path("status").stringValue()).isEqualTo("SKIPPED");
        assertThat(lastError(anonymous.eventId(), "anonymous", "en")).contains("'anonymous'", "not a Feishu user");
        assertThat(a.path("lastError").stringValue()).isEqualTo("操作人是“anonymous”，不是飞书用户；没有可通知的人");
        assertThat(a.path("attempts").intValue()).isZero();
        assertThat(notificationOf(system.eventId(), "system").path("status").stringValue()).isEqualTo("SKIPPED");
        assertThat(FEISHU.findAll(postRequestedFor(urlEqualTo(FeishuStub.MESSAGES_URL))
                .withRequestBody(matchingJsonPath("$.receive_id", matching("anonymous|system"))))).isEmpty();
    }

    @Test
    void deliversEverythingOnceFeishuIsBackAfterAnOutage() {
        String prefix = "ou_down" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        StubMapping outage = FEISHU.stubFor(post(urlEqualTo(FeishuStub.MESSAGES_URL)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.receive_id", matching(prefix + ".*")))
                .willReturn(aResponse().withStatus(503)));
        stubs.add(outage);
        List<String> people = new ArrayList<>();
        List<EventEnvelope<BuildFinished>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String person = prefix + "_" + i;
            people.add(person);
            EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);
            events.add(event);
            planner.onBuildFinished(event);
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (int i = 0; i < 5; i++) {
                JsonNode row = notificationOf(events.get(i).eventId(), people.get(i));
                assertThat(row.path("status").stringValue()).isEqualTo("PENDING");
                assertThat(row.path("attempts").intValue()).isGreaterThanOrEqualTo(3);
            }
        });
        FEISHU.removeStub(outage);

        for (int i = 0; i < 5; i++) {
            JsonNode row = awaitStatus(events.get(i).eventId(), people.get(i), "SENT", Duration.ofSeconds(15));
            assertThat(row.path("lastError").stringValue()).contains("503");
            List<LoggedRequest> tries = messagesTo(people.get(i));
            assertThat(tries.size()).isGreaterThanOrEqualTo(4);
            assertThat(tries.stream().map(r -> bodyOf(r).path("uuid").stringValue()).distinct()).hasSize(1);
        }
    }

    private static EventEnvelope<BuildFinished> withActor(EventEnvelope<BuildFinished> e, Actor actor) {
        return new EventEnvelope<>(e.eventId(), e.type(), e.occurredAt(), actor, e.payload());
    }

    private static int tokenRequests() {
        return FEISHU.findAll(postRequestedFor(urlEqualTo(FeishuStub.TOKEN_PATH))).size();
    }
}
