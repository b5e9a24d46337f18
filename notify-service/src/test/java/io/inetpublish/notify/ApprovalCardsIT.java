package io.inetpublish.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Approvals (issue 18): an approval request becomes a card with 批准/拒绝 callback buttons to each approver
 * (docs/feishu-card-callback.md), a decision a card to the requester.
 */
@NotifyIntegrationTest
class ApprovalCardsIT extends NotifyItSupport {

    static AuditEvent.Builder approval(String action, UUID approvalId, UUID releaseId) {
        return AuditEvent.builder(AuditEvent.Kind.RELEASE, action).target(releaseId, "REL-2026-0042")
                .release(releaseId, "REL-2026-0042").fact("releaseTitle", "网关限流修复")
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
                Instant.now(), new Actor(newOpenId(), "张三"), approval("APPROVAL_REQUESTED", approvalId, releaseId)
                        .fact("approverIds", lisi + "," + wangwu).fact("note", "今晚 22:00 窗口").build());

        assertThat(planner.onApprovalRequested(event)).isEqualTo(2);
        for (String approver : List.of(lisi, wangwu)) {
            JsonNode row = awaitStatus(event.eventId(), approver, "SENT", Duration.ofSeconds(10));
            assertThat(row.path("kind").stringValue()).isEqualTo("APPROVAL_REQUESTED");
            assertThat(row.path("recipientRole").stringValue()).isEqualTo("APPROVER");
            JsonNode card = cardOf(messagesTo(approver).get(0));
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
                approval("APPROVAL_DECIDED", UUID.randomUUID(), UUID.randomUUID()).fact("decision", "REJECTED")
                        .fact("reason", "本周冻结变更").fact("via", "FEISHU").fact("requesterId", zhangsan)
                        .fact("requesterName", "张三").build());

        assertThat(planner.onApprovalDecided(event)).isEqualTo(1);
        JsonNode row = awaitStatus(event.eventId(), zhangsan, "SENT", Duration.ofSeconds(10));
        assertThat(row.path("recipientRole").stringValue()).isEqualTo("REQUESTER");
        JsonNode card = cardOf(messagesTo(zhangsan).get(0));
        assertThat(card.path("header").path("template").stringValue()).isEqualTo("red");
        assertThat(cardText(card)).contains("审批被拒绝", "REL-2026-0042", "李四（在飞书中）", "本周冻结变更");
    }
}
