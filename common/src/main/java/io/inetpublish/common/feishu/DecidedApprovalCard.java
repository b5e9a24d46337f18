package io.inetpublish.common.feishu;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The approval card once decided (message card JSON 1.0): what every approver's card shows in place of the one with
 * 批准/拒绝 — the decision, who made it, when, where and why, and no buttons left. One layout for both places that
 * replace the card (docs/feishu-card-callback.md §5 and §7): release-service answers a click with it, notify-service
 * updates every approver's message to it ({@code PATCH /open-apis/im/v1/messages/:message_id}).
 *
 * <p>{@code config.update_multi} is {@code true}, as on the card with the buttons: Feishu updates a card for everyone
 * only when it is a shared card before and after the update.
 *
 * @param reasons why the deployment needed approval, the codes {@code PRODUCTION}, {@code CONFIG_CHANGE}
 * @param viaFeishu decided with the card's buttons (otherwise in the platform's web app)
 * @param releaseLink the release record's page in the platform
 */
public record DecidedApprovalCard(boolean approved, String releaseNumber, String releaseTitle, String customerName,
        String environmentName, List<String> reasons, String requesterName, String deciderName, Instant decidedAt,
        boolean viaFeishu, String reason, String releaseLink) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** The reason codes as they travel in events: comma-separated. */
    public static List<String> reasonCodes(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.asList(commaSeparated.split(","));
    }

    /** The card's title: 已批准/已拒绝 · record · customer / environment. */
    public String title() {
        return (approved ? "已批准" : "已拒绝") + " · " + releaseNumber + " · " + customerName + " / " + environmentName;
    }

    public ObjectNode toJson(JsonMapper json) {
        ObjectNode root = json.createObjectNode();
        root.putObject("config").put("wide_screen_mode", true).put("update_multi", true);
        ObjectNode header = root.putObject("header");
        header.putObject("title").put("tag", "plain_text").put("content", title());
        header.put("template", approved ? "green" : "red");
        ArrayNode elements = root.putArray("elements");
        fact(elements, "发布记录", releaseNumber + (releaseTitle == null || releaseTitle.isBlank() ? "" : " " + releaseTitle));
        fact(elements, "客户环境", customerName + " / " + environmentName);
        fact(elements, "需要审批的原因", String.join("、", reasons.stream().map(DecidedApprovalCard::reasonText).toList()));
        fact(elements, "申请人", requesterName);
        fact(elements, "结果", (approved ? "批准" : "拒绝") + "（" + (deciderName == null ? "" : deciderName)
                + (decidedAt == null ? "" : "，" + TIME.format(decidedAt) + " 北京时间")
                + (viaFeishu ? "，在飞书中" : "，在平台中") + "）");
        fact(elements, "理由", reason);
        if (releaseLink != null) {
            ObjectNode action = elements.addObject().put("tag", "action");
            ObjectNode button = action.putArray("actions").addObject().put("tag", "button");
            button.putObject("text").put("tag", "plain_text").put("content", "查看发布记录");
            button.put("type", "default").put("url", releaseLink);
        }
        return root;
    }

    /** A reason code in words, as the cards write it. */
    public static String reasonText(String code) {
        return switch (code) {
            case "PRODUCTION" -> "生产环境";
            case "CONFIG_CHANGE" -> "包含配置变更";
            default -> code;
        };
    }

    private static void fact(ArrayNode elements, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        ObjectNode div = elements.addObject().put("tag", "div");
        div.putObject("text").put("tag", "lark_md").put("content", "**" + label + "：** " + CardText.escape(value));
    }
}
