package io.inetpublish.release.approval;

import io.inetpublish.common.feishu.DecidedApprovalCard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The approval card as it looks once decided: what Feishu shows in place of the card with the 批准/拒绝 buttons when
 * the callback answers it (docs/feishu-card-callback.md §5). The layout is common's {@link DecidedApprovalCard}, the
 * same that notify-service puts on every approver's card once the decision is made (§7).
 */
@Component
class ApprovalCards {

    private final JsonMapper json;
    private final String platform;

    ApprovalCards(JsonMapper json, @Value("${inetpublish.approvals.platform-base-url:http://localhost:8080}") String base) {
        this.json = json;
        this.platform = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    ObjectNode decided(ApprovalView a) {
        return new DecidedApprovalCard(a.status() == ApprovalStatus.APPROVED, a.releaseNumber(), a.releaseTitle(),
                a.customerName(), a.environmentName(), a.reasons(),
                a.requestedBy() == null ? null : a.requestedBy().name(),
                a.decidedBy() == null ? null : a.decidedBy().name(), a.decidedAt(), "FEISHU".equals(a.decidedVia()),
                a.decisionReason(), platform + "/releases/" + a.releaseId()).toJson(json);
    }
}
