package io.inetpublish.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Approvals (issue 18): an approval request becomes a card with 批准/拒绝 callback buttons to each approver
 * (docs/feishu-card-callback.md), a decision a card to the requester and the update of every approver's card to the
 * decision (PATCH im/v1/messages/:message_id, §7).
 */
@NotifyIntegrationTest
class ApprovalCardsIT extends NotifyItSupport {

    private final List<StubMapping> stubs = new java.util.ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(FEISHU::removeStub);
        stubs.clear();
    }

    EventEnvelope<AuditEvent> requested(UUID approvalId, String number, String... approvers) {
        return new EventEnvelope<>(UUID.randomUUID(), EventTypes.APPROVAL_REQUESTED, Instant.now(),
                new Actor(newOpenId(), "张三"), approval(Action.APPROVAL_REQUESTED, approvalId, UUID.randomUUID(), number)
                        .fact("approverIds", String.join(",", approvers)).build());
    }

    EventEnvelope<AuditEvent> decided(UUID approvalId, String number, String decision, String reason) {
        return new EventEnvelope<>(UUID.randomUUID(), EventTypes.APPROVAL_DECIDED, Instant.now(),
                new Actor(newOpenId(), "李四"), approval(Action.APPROVAL_DECIDED, approvalId, UUID.randomUUID(), number)
                        .fact("decision", decision).fact("reason", reason).fact("via", "FEISHU")
                        .fact("requesterId", newOpenId()).fact("requesterName", "张三").build());
    }

    /** Asks these approvers; answers the Feishu message ids of the cards sent, in order (open_ids only). */
    List<String> cardsSent(UUID approvalId, String number, String... approvers) {
        EventEnvelope<AuditEvent> request = requested(approvalId, number, approvers);
        planner.onApprovalRequested(request);
        return java.util.Arrays.stream(approvers).filter(a -> a.startsWith("ou_"))
                .map(a -> messageIdOf(sent(request, a))).toList();
    }

    /** An approval of a new record asked of 李四 and 王五 (and others), whose cards went out as these messages. */
    record Asked(UUID approvalId, String number, String lisi, String wangwu, String lisiMessage,
            String wangwuMessage) {
    }

    Asked askedOfLisiAndWangwu(String... others) {
        String lisi = newOpenId();
        String wangwu = newOpenId();
        UUID approvalId = UUID.randomUUID();
        String number = number();
        List<String> approvers = new java.util.ArrayList<>(List.of(lisi, wangwu));
        approvers.addAll(List.of(others));
        List<String> sent = cardsSent(approvalId, number, approvers.toArray(String[]::new));
        return new Asked(approvalId, number, lisi, wangwu, sent.get(0), sent.get(1));
    }

    /** The row of {@code event} for {@code recipient} once it is SENT. */
    JsonNode sent(EventEnvelope<?> event, String recipient) {
        return awaitStatus(event.eventId(), recipient, "SENT", Duration.ofSeconds(10));
    }

    /** The Feishu message id of the card a row sent, from the log's detail. */
    String messageIdOf(JsonNode row) {
        return getJson("/api/notifications/" + row.path("id").stringValue()).path("feishuMessageId").stringValue();
    }

    /** 通知记录's 重新发送 of a FAILED row. */
    void resend(JsonNode row) {
        assertThat(mvc.post().uri("/api/notifications/" + row.path("id").stringValue() + "/resend").exchange())
                .hasStatus(202);
    }

    List<LoggedRequest> updatesOf(String messageId) {
        return sorted(FEISHU.findAll(patchRequestedFor(urlEqualTo(FeishuStub.UPDATE_PATH + messageId))));
    }

    static String number() {
        return "REL-2026-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static AuditEvent.Builder approval(Action action, UUID approvalId, UUID releaseId) {
        return approval(action, approvalId, releaseId, "REL-2026-0042");
    }

    static AuditEvent.Builder approval(Action action, UUID approvalId, UUID releaseId, String number) {
        return AuditEvent.builder(AuditEvent.Kind.RELEASE, action).target(releaseId, number)
                .release(releaseId, number).fact("releaseTitle", "网关限流修复")
                .fact("approvalId", approvalId).environment(UUID.randomUUID(), "生产")
                .customer(UUID.randomUUID(), "华东电力").fact("reasons", "PRODUCTION,CONFIG_CHANGE");
    }

    @Test
    void eachApproverGetsACardWithButtonsThatCallThePlatformBack() {
        String lisi = newOpenId();
        String wangwu = newOpenId();
        UUID approvalId = UUID.randomUUID();
        UUID releaseId = UUID.randomUUID();
        EventEnvelope<AuditEvent> event = new EventEnvelope<>(UUID.randomUUID(), EventTypes.APPROVAL_REQUESTED,
                Instant.now(), new Actor(newOpenId(), "张三"), approval(Action.APPROVAL_REQUESTED, approvalId, releaseId)
                        .fact("approverIds", lisi + "," + wangwu).fact("note", "今晚 22:00 窗口").build());

        assertThat(planner.onApprovalRequested(event)).isEqualTo(2);
        for (String approver : List.of(lisi, wangwu)) {
            JsonNode row = sent(event, approver);
            assertThat(row.path("kind").stringValue()).isEqualTo("APPROVAL_REQUESTED");
            assertThat(row.path("recipientRole").stringValue()).isEqualTo("APPROVER");
            JsonNode card = cardOf(messagesTo(approver).get(0));
            // a shared card: Feishu updates it for everyone once decided (§7)
            assertThat(card.path("config").path("update_multi").asBoolean()).isTrue();
            assertThat(cardText(card)).contains("待审批", "REL-2026-0042", "华东电力 / 生产", "生产环境、包含配置变更",
                    "张三", "今晚 22:00 窗口");
            // one form (Feishu's form container): the reason input and two buttons that submit it
            List<JsonNode> forms = new java.util.ArrayList<>();
            card.path("elements").forEach(e -> {
                if ("form".equals(e.path("tag").stringValue())) {
                    forms.add(e);
                }
            });
            assertThat(forms).hasSize(1);
            List<JsonNode> buttons = new java.util.ArrayList<>();
            forms.get(0).path("elements").forEach(e -> {
                if ("button".equals(e.path("tag").stringValue())) {
                    buttons.add(e);
                }
            });
            JsonNode input = forms.get(0).path("elements").get(0);
            assertThat(input.path("tag").stringValue()).isEqualTo("input");
            assertThat(input.path("name").stringValue()).isEqualTo("reason");
            assertThat(buttons).allSatisfy(b -> assertThat(b.path("action_type").stringValue()).isEqualTo("form_submit"));
            JsonNode approve = buttons.stream().filter(b -> "批准".equals(b.path("text").path("content").stringValue()))
                    .findFirst().orElseThrow();
            JsonNode reject = buttons.stream().filter(b -> "拒绝".equals(b.path("text").path("content").stringValue()))
                    .findFirst().orElseThrow();
            assertThat(approve.path("value").path("approvalId").stringValue()).isEqualTo(approvalId.toString());
            assertThat(approve.path("value").path("decision").stringValue()).isEqualTo("APPROVE");
            assertThat(reject.path("value").path("decision").stringValue()).isEqualTo("REJECT");
            assertThat(approve.has("url")).isFalse();
        }
    }

    @Test
    void theRequesterGetsTheDecision() {
        String zhangsan = newOpenId();
        EventEnvelope<AuditEvent> event = new EventEnvelope<>(UUID.randomUUID(), EventTypes.APPROVAL_DECIDED,
                Instant.now(), new Actor(newOpenId(), "李四"),
                approval(Action.APPROVAL_DECIDED, UUID.randomUUID(), UUID.randomUUID()).fact("decision", "REJECTED")
                        .fact("reason", "本周冻结变更").fact("via", "FEISHU").fact("requesterId", zhangsan)
                        .fact("requesterName", "张三").build());

        assertThat(planner.onApprovalDecided(event)).isEqualTo(1);
        JsonNode row = sent(event, zhangsan);
        assertThat(row.path("recipientRole").stringValue()).isEqualTo("REQUESTER");
        JsonNode card = cardOf(messagesTo(zhangsan).get(0));
        assertThat(card.path("header").path("template").stringValue()).isEqualTo("red");
        assertThat(cardText(card)).contains("审批被拒绝", "REL-2026-0042", "李四（在飞书中）", "本周冻结变更");
    }

    @Test
    void onceDecidedEveryApproversCardIsUpdatedToTheDecisionAndWhoMadeIt() {
        // "lisi02" is no open_id: that card was never sent, so there is nothing to update
        Asked asked = askedOfLisiAndWangwu("lisi02");
        String number = asked.number();

        EventEnvelope<AuditEvent> decision = decided(asked.approvalId(), number, "APPROVED", null);
        assertThat(planner.onApprovalDecided(decision)).as("the requester's card and three updates").isEqualTo(4);
        assertThat(planner.onApprovalDecided(decision)).as("a redelivered event plans nothing").isZero();

        for (String[] approver : List.of(new String[] {asked.lisi(), asked.lisiMessage()},
                new String[] {asked.wangwu(), asked.wangwuMessage()})) {
            JsonNode row = sent(decision, approver[0]);
            assertThat(row.path("kind").stringValue()).isEqualTo("APPROVAL_CARD_UPDATE");
            assertThat(row.path("recipientRole").stringValue()).isEqualTo("APPROVER");
            assertThat(messageIdOf(row)).as("the update names the message it replaced").isEqualTo(approver[1]);
            List<LoggedRequest> updates = updatesOf(approver[1]);
            assertThat(updates).hasSize(1);
            assertThat(updates.get(0).getHeader("Authorization")).startsWith("Bearer t-");
            JsonNode card = cardOf(updates.get(0));
            assertThat(card.path("config").path("update_multi").asBoolean()).isTrue();
            assertThat(card.path("header").path("template").stringValue()).isEqualTo("green");
            assertThat(cardText(card)).contains("已批准 · " + number + " · 华东电力 / 生产", "批准（李四，", "在飞书中",
                    "生产环境、包含配置变更", "张三");
            assertThat(card.toString()).as("no buttons left to decide with").doesNotContain("\"form\"", "approvalId");
        }
        JsonNode skipped = awaitStatus(decision.eventId(), "lisi02", "SKIPPED", Duration.ofSeconds(10));
        assertThat(skipped.path("lastError").stringValue()).startsWith("审批卡片从未发送（审批人“lisi02”");
        assertThat(lastError(decision.eventId(), "lisi02", "en")).contains("never sent", "'lisi02'");
        assertThat(messagesTo(asked.lisi())).as("an update is no new message").hasSize(1);
    }

    @Test
    void anUpdateFeishuRefusesFailsWithTheReasonAndOneThatCannotReachFeishuIsRetried() {
        Asked asked = askedOfLisiAndWangwu();
        // 李四 recalled his card; Feishu is down once for 王五's
        stubs.add(FEISHU.stubFor(patch(urlEqualTo(FeishuStub.UPDATE_PATH + asked.lisiMessage())).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":230011,\"msg\":\"The message is recalled.\"}"))));
        stubs.add(FEISHU.stubFor(patch(urlEqualTo(FeishuStub.UPDATE_PATH + asked.wangwuMessage())).atPriority(1)
                .inScenario("down-" + asked.wangwuMessage()).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("upstream unavailable")).willSetStateTo("up")));

        EventEnvelope<AuditEvent> decision = decided(asked.approvalId(), asked.number(), "REJECTED", "本周冻结变更");
        planner.onApprovalDecided(decision);

        JsonNode failed = awaitStatus(decision.eventId(), asked.lisi(), "FAILED", Duration.ofSeconds(10));
        assertThat(failed.path("lastError").stringValue()).startsWith("消息已被撤回（").contains("230011");
        assertThat(lastError(decision.eventId(), asked.lisi(), "en")).contains("recalled", "230011");
        JsonNode retried = sent(decision, asked.wangwu());
        assertThat(retried.path("attempts").intValue()).isEqualTo(2);
        List<LoggedRequest> updates = updatesOf(asked.wangwuMessage());
        assertThat(updates).hasSize(2);
        assertThat(cardText(cardOf(updates.get(1)))).contains("已拒绝 · " + asked.number(), "本周冻结变更");

        // the failed one can be sent again from the log once the cause is gone
        FEISHU.removeStub(stubs.remove(0));
        resend(failed);
        sent(decision, asked.lisi());
    }

    @Test
    void aCardResentAfterTheDecisionShowsTheDecisionInsteadOfTheButtons() {
        String lisi = newOpenId();
        String wangwu = newOpenId();
        UUID approvalId = UUID.randomUUID();
        String number = number();
        // 李四 had blocked the bot: his card fails for good, 王五's is sent
        stubs.add(FEISHU.stubFor(post(urlEqualTo(FeishuStub.MESSAGES_URL)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.receive_id", equalTo(lisi)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":230053,\"msg\":\"The user has stopped the bot from sending messages.\"}"))));
        EventEnvelope<AuditEvent> request = requested(approvalId, number, lisi, wangwu);
        planner.onApprovalRequested(request);
        JsonNode failed = awaitStatus(request.eventId(), lisi, "FAILED", Duration.ofSeconds(10));
        String wangwuMessage = messageIdOf(sent(request, wangwu));

        // 王五 rejects; 李四's card is resent from the log afterwards, once he has unblocked the bot
        EventEnvelope<AuditEvent> decision = decided(approvalId, number, "REJECTED", "本周冻结变更");
        planner.onApprovalDecided(decision);
        sent(decision, wangwu);
        // 李四's update has nothing to wait for (it used to, until it gave up after a day and stayed FAILED): his
        // card, resent, goes out decided
        JsonNode update = awaitStatus(decision.eventId(), lisi, "SKIPPED", Duration.ofSeconds(10));
        assertThat(update.path("lastError").stringValue()).startsWith("要更新的卡片没有发出（").contains("230053",
                "重新发送时，它会直接显示审批结果");
        assertThat(lastError(decision.eventId(), lisi, "en")).contains("not sent", "230053",
                "goes out showing the decision");
        assertThat(mvc.post().uri("/api/notifications/" + update.path("id").stringValue() + "/resend").exchange())
                .as("nothing to send again").hasStatus(409);
        FEISHU.removeStub(stubs.remove(0));
        resend(failed);
        JsonNode resent = sent(request, lisi);

        List<LoggedRequest> sends = messagesTo(lisi);
        JsonNode card = cardOf(sends.get(sends.size() - 1));
        assertThat(card.toString()).as("no buttons to decide with").doesNotContain("\"form\"", "approvalId");
        assertThat(card.path("config").path("update_multi").asBoolean()).isTrue();
        assertThat(card.path("header").path("template").stringValue()).isEqualTo("red");
        assertThat(cardText(card)).contains("已拒绝 · " + number + " · 华东电力 / 生产", "拒绝（李四，", "北京时间",
                "在飞书中", "本周冻结变更");
        assertThat(card).as("the same card as 王五's, updated at decision time")
                .isEqualTo(cardOf(updatesOf(wangwuMessage).get(0)));
        assertThat(getJson("/api/notifications/" + resent.path("id").stringValue()).path("card"))
                .as("the log shows the card that went out").isEqualTo(card);
        assertThat(updatesOf(messageIdOf(resent))).as("the resent card is not updated").isEmpty();
        assertThat(notificationOf(decision.eventId(), lisi).path("status").stringValue()).isEqualTo("SKIPPED");
    }

    @Test
    void anUpdateWaitsForItsCardAndADecisionThatOvertookTheRequestLeavesNoButtons() {
        String lisi = newOpenId();
        UUID approvalId = UUID.randomUUID();
        String number = number();
        // Feishu fails 李四's card once (retried); the decision arrives meanwhile
        stubs.add(FEISHU.stubFor(post(urlEqualTo(FeishuStub.MESSAGES_URL)).atPriority(1)
                .inScenario("slow-" + lisi).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.receive_id", equalTo(lisi)))
                .willReturn(aResponse().withStatus(500).withBody("busy")).willSetStateTo("up")));
        EventEnvelope<AuditEvent> request = requested(approvalId, number, lisi);
        planner.onApprovalRequested(request);
        EventEnvelope<AuditEvent> decision = decided(approvalId, number, "APPROVED", null);
        planner.onApprovalDecided(decision);

        String message = messageIdOf(sent(request, lisi));
        List<LoggedRequest> sends = messagesTo(lisi);
        assertThat(sends).as("the failed send, then the retry").hasSize(2);
        assertThat(sends.get(1).getBodyAsString()).as("the retry, after the decision, asks nothing")
                .doesNotContain("approvalId", "\\\"form\\\"");
        JsonNode update = sent(decision, lisi);
        assertThat(messageIdOf(update)).isEqualTo(message);
        assertThat(updatesOf(message)).hasSize(1);
        assertThat(FEISHU.findAll(patchRequestedFor(urlPathMatching(FeishuStub.UPDATE_PATH + ".*"))
                .withRequestBody(containing(number)))).as("only the card that was sent is updated").hasSize(1);

        // a decision that arrives before its request (a redelivery overtaking): the cards are not sent at all
        UUID late = UUID.randomUUID();
        String otherNumber = number();
        planner.onApprovalDecided(decided(late, otherNumber, "APPROVED", null));
        EventEnvelope<AuditEvent> lateRequest = requested(late, otherNumber, lisi);
        planner.onApprovalRequested(lateRequest);
        JsonNode notSent = awaitStatus(lateRequest.eventId(), lisi, "SKIPPED", Duration.ofSeconds(5));
        assertThat(lastError(lateRequest.eventId(), lisi, "en")).contains("decided before");
    }
}
