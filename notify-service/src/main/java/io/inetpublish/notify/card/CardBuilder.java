package io.inetpublish.notify.card;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a Feishu interactive card (message card JSON 1.0: {@code header} + {@code elements}). Text coming from
 * users is escaped so it cannot carry {@code <at>} mentions or tags into the card.
 */
final class CardBuilder {

    private final JsonMapper json;
    private final ObjectNode root;
    private final ArrayNode elements;

    CardBuilder(JsonMapper json, String title, String template) {
        this.json = json;
        this.root = json.createObjectNode();
        root.putObject("config").put("wide_screen_mode", true);
        ObjectNode header = root.putObject("header");
        header.putObject("title").put("tag", "plain_text").put("content", title);
        header.put("template", template);
        this.elements = root.putArray("elements");
    }

    /** A line "**label：** value"; the value is escaped. */
    CardBuilder fact(String label, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        return markdown("**" + label + "：** " + escape(value));
    }

    /** Raw lark_md; callers escape user text with {@link #escape}. */
    CardBuilder markdown(String larkMd) {
        ObjectNode div = elements.addObject().put("tag", "div");
        div.putObject("text").put("tag", "lark_md").put("content", larkMd);
        return this;
    }

    CardBuilder divider() {
        elements.addObject().put("tag", "hr");
        return this;
    }

    CardBuilder button(String text, String url, String type) {
        ObjectNode action = elements.addObject().put("tag", "action");
        ObjectNode button = action.putArray("actions").addObject().put("tag", "button");
        button.putObject("text").put("tag", "plain_text").put("content", text);
        button.put("type", type).put("url", url);
        return this;
    }

    CardBuilder note(String text) {
        ObjectNode note = elements.addObject().put("tag", "note");
        note.putArray("elements").addObject().put("tag", "plain_text").put("content", text);
        return this;
    }

    String toJson() {
        return json.writeValueAsString(root);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
