package io.inetpublish.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.notify.notification.NotificationPlanner;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by the notify-service integration tests (events, the log through HTTP, WireMock's requests). */
abstract class NotifyItSupport {

    static final WireMockServer FEISHU = FeishuStub.wiremock();

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected NotificationPlanner planner;

    @Autowired
    protected JsonMapper json;

    @Autowired
    private CircuitBreakerRegistry breakers;

    /** Failures another test provoked on purpose do not pause this test's messages. */
    @BeforeEach
    void closeTheFeishuBreaker() {
        breakers.circuitBreaker("feishu").reset();
    }

    static String newOpenId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "ou_" + HexFormat.of().formatHex(bytes);
    }

    static EventEnvelope<BuildFinished> buildFinished(String actorOpenId, BuildType buildType, BuildResult result) {
        UUID build = UUID.randomUUID();
        BuildFinished.Builder builder = buildType == BuildType.TEST_DEPLOY
                ? BuildFinished.testDeployment(build, result, UUID.randomUUID(), "测试环境 A")
                : BuildFinished.releasePackage(build, result).artifacts(List.of(new BuildFinished.Artifact(
                        "release-R2025-042.zip", "out/release-R2025-042.zip", 2_400_000L, "ab12",
                        "/api/builds/" + build + "/artifacts/release-R2025-042.zip")));
        boolean failed = result == BuildResult.FAILURE;
        BuildFinished payload = builder.reason(failed ? StoredText.of("build.reason.queue-forgotten", 41, "ops/deploy-test")
                        : null, failed ? "Jenkins forgot queue item 41 and no build of job ops/deploy-test carries that"
                        + " queue id" : null)
                .release(UUID.randomUUID(), "R2025-042", "支付网关修复")
                .jenkins(57, "https://jenkins.example.com/job/x/57/")
                .items(List.of(new ComponentVersion("gateway", "2.3.1"), new ComponentVersion("billing", "1.8.0")))
                .build();
        return new EventEnvelope<>(UUID.randomUUID(), EventTypes.BUILD_FINISHED, Instant.now(),
                new Actor(actorOpenId, "张三"), payload);
    }

    static EventEnvelope<ReleaseSubmitted> releaseSubmitted(String number) {
        return new EventEnvelope<>(UUID.randomUUID(), EventTypes.RELEASE_SUBMITTED, Instant.now(),
                new Actor(newOpenId(), "李四"), new ReleaseSubmitted(ReleaseSubmitted.SCHEMA_VERSION,
                        UUID.randomUUID(), number, "修复登录超时", UpdateType.HOT, true,
                        List.of(new ComponentVersion("auth", "3.1.4"))));
    }

    static String shown(String larkMd) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#([0-9]+);|&amp;").matcher(larkMd);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    m.group(1) == null ? "&" : Character.toString(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    /** The log rows of one event, as the log API lists them. */
    List<JsonNode> notificationsOf(UUID eventId) {
        JsonNode page = getJson("/api/notifications?size=200&eventId=" + eventId);
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    JsonNode notificationOf(UUID eventId, String recipient) {
        return notificationsOf(eventId).stream().filter(n -> recipient.equals(n.path("recipient").stringValue()))
                .findFirst().orElse(null);
    }

    /** The row's last error as the log API answers it in {@code language} ({@code Accept-Language}). */
    String lastError(UUID eventId, String recipient, String language) {
        MvcTestResult result = mvc.get().uri("/api/notifications?size=200&eventId=" + eventId)
                .header("Accept-Language", language).exchange();
        assertThat(result).hasStatusOk();
        for (JsonNode n : json.readTree(body(result)).path("items")) {
            if (recipient.equals(n.path("recipient").stringValue())) {
                return n.path("lastError").stringValue();
            }
        }
        throw new AssertionError("no notification of " + eventId + " to " + recipient);
    }

    JsonNode awaitStatus(UUID eventId, String recipient, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode n = notificationOf(eventId, recipient);
            assertThat(n).as("notification of %s to %s", eventId, recipient).isNotNull();
            assertThat(n.path("status").stringValue()).as("status of %s", n).isEqualTo(status);
        });
        return notificationOf(eventId, recipient);
    }

    JsonNode getJson(String uri) {
        MvcTestResult result = mvc.get().uri(uri).exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(body(result));
    }

    MvcTestResult putJson(String uri, String body) {
        return mvc.put().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String hookUrl(String token) {
        return FEISHU.baseUrl() + FeishuStub.HOOK_PATH + token;
    }

    /** Saves the settings with the given webhooks (JSON objects) and answers the ids in order. */
    List<String> saveWebhooks(String... webhooks) {
        MvcTestResult result = putJson("/api/notifications/settings",
                "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[" + String.join(",", webhooks) + "]}");
        assertThat(result).hasStatusOk();
        List<String> ids = new ArrayList<>();
        json.readTree(body(result)).path("webhooks").forEach(w -> ids.add(w.path("id").stringValue()));
        return ids;
    }

    /** Cards a group bot's webhook received, oldest first. */
    static List<LoggedRequest> hookRequests(String token) {
        return sorted(FEISHU.findAll(postRequestedFor(urlEqualTo(FeishuStub.HOOK_PATH + token))));
    }

    /** Messages Feishu received for one open_id, oldest first. */
    static List<LoggedRequest> messagesTo(String openId) {
        return sorted(FEISHU.findAll(postRequestedFor(urlEqualTo(FeishuStub.MESSAGES_URL))
                .withRequestBody(matchingJsonPath("$.receive_id", equalTo(openId)))));
    }

    static List<LoggedRequest> sorted(List<LoggedRequest> requests) {
        List<LoggedRequest> copy = new ArrayList<>(requests);
        copy.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return copy;
    }

    JsonNode bodyOf(LoggedRequest request) {
        return json.readTree(request.getBodyAsString());
    }

    /** The card a person's message carried: {@code content} must be a JSON string holding the card. */
    JsonNode cardOf(LoggedRequest request) {
        JsonNode content = bodyOf(request).path("content");
        assertThat(content.isString()).as("content is a JSON string").isTrue();
        return json.readTree(content.stringValue());
    }

    /** The card's text as Feishu shows it: lark_md's HTML entities ({@code &#58;}) read as their characters. */
    static String cardText(JsonNode card) {
        StringBuilder text = new StringBuilder(card.path("header").path("title").path("content").stringValue());
        card.path("elements").forEach(e -> {
            text.append('\n').append(shown(e.path("text").path("content").asString("")));
            e.path("actions").forEach(a -> text.append('\n').append(a.path("url").asString("")));
        });
        return text.toString();
    }
}
