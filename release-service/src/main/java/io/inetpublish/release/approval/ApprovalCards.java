package io.inetpublish.release.approval;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.inetpublish.common.feishu.CardText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The approval card as it looks once decided (message card JSON 1.0, like notify-service's cards): what Feishu shows
 * in place of the card with the 批准/拒绝 buttons when the callback answers it (docs/feishu-card-callback.md §5).
 * It names the decision, who made it and when, and has no buttons left.
 */
@Component
class ApprovalCards {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final JsonMapper json;
    private final String platform;

    ApprovalCards(JsonMapper json, @Value("${inetpublish.approvals.platform-base-url:http://localhost:8080}") String base) {
        this.json = json;
        this.platform = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    ObjectNode decided(ApprovalView a) {
        boolean approved = "APPROVED".equals(a.status());
        ObjectNode root = json.createObjectNode();
        root.putObject("config").put("wide_screen_mode", true);
        ObjectNode header = root.putObject("header");
        header.putObject("title").put("tag", "plain_text").put("content", (approved ? "已批准" : "已拒绝") + " · "
                + a.releaseNumber() + " · " + a.customerName() + " / " + a.environmentName());
        header.put("template", approved ? "green" : "red");
        var elements = root.putArray("elements");
        fact(elements, "发布记录", a.releaseNumber() + (a.releaseTitle() == null ? "" : " " + a.releaseTitle()));
        fact(elements, "客户环境", a.customerName() + " / " + a.environmentName());
        fact(elements, "需要审批的原因", reasons(a.reasons()));
        fact(elements, "申请人", a.requestedBy() == null ? null : a.requestedBy().name());
        fact(elements, "结果", (approved ? "批准" : "拒绝") + "（" + (a.decidedBy() == null ? "" : a.decidedBy().name())
                + (a.decidedAt() == null ? "" : "，" + TIME.format(a.decidedAt()) + " 北京时间")
                + ("FEISHU".equals(a.decidedVia()) ? "，在飞书中" : "，在平台中") + "）");
        fact(elements, "理由", a.decisionReason());
        ObjectNode action = elements.addObject().put("tag", "action");
        ObjectNode button = action.putArray("actions").addObject().put("tag", "button");
        button.putObject("text").put("tag", "plain_text").put("content", "查看发布记录");
        button.put("type", "default").put("url", platform + "/releases/" + a.releaseId());
        return root;
    }

    static String reasons(List<String> reasons) {
        return String.join("、", reasons.stream().map(r -> switch (r) {
            case "PRODUCTION" -> "生产环境";
            case "CONFIG_CHANGE" -> "包含配置变更";
            default -> r;
        }).toList());
    }

    private static void fact(tools.jackson.databind.node.ArrayNode elements, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        ObjectNode div = elements.addObject().put("tag", "div");
        div.putObject("text").put("tag", "lark_md").put("content", "**" + label + "：** " + CardText.escape(value));
    }
}
