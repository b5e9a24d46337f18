package io.inetpublish.notify.card;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a Feishu interactive card (message card JSON 1.0: {@code header} + {@code elements}). Text coming from
 * users is escaped for {@code lark_md} ({@link #escape}) so it shows as typed and cannot carry links, {@code <at>}
 * mentions, tags or emphasis into a card the platform sends; the only links in a card are the platform's own
 * ({@link #link}).
 */
public final class CardBuilder {

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

    /**
     * Makes it a shared card ({@code config.update_multi: true}): Feishu then shows an update of the message
     * ({@code PATCH /open-apis/im/v1/messages/:message_id}, or a callback's answer) to everyone who received it, and
     * refuses to update a card that is not shared (docs/feishu-card-callback.md §7).
     */
    CardBuilder shared() {
        ((ObjectNode) root.path("config")).put("update_multi", true);
        return this;
    }

    /** A line "**label：** value"; the value is escaped. */
    public CardBuilder fact(String label, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        return markdown("**" + label + "：** " + escape(value));
    }

    /** Raw lark_md; callers escape user text with {@link #escape}. */
    public CardBuilder markdown(String larkMd) {
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

    /**
     * A form (Feishu's form container, card JSON 1.0): one text input and buttons that submit it. A click calls the
     * app back like a callback button ({@code event.action.value} is the button's {@code value}) and adds what was
     * typed as {@code event.action.form_value.<inputName>} (docs/feishu-card-callback.md).
     */
    CardBuilder form(String name, String inputName, String placeholder, int maxLength,
            java.util.List<java.util.Map<String, Object>> buttons) {
        ObjectNode form = elements.addObject().put("tag", "form").put("name", name);
        var inside = form.putArray("elements");
        ObjectNode input = inside.addObject().put("tag", "input").put("name", inputName).put("required", false)
                .put("max_length", maxLength);
        input.putObject("placeholder").put("tag", "plain_text").put("content", placeholder);
        for (java.util.Map<String, Object> b : buttons) {
            ObjectNode button = inside.addObject().put("tag", "button").put("action_type", "form_submit")
                    .put("name", (String) b.get("name"));
            button.putObject("text").put("tag", "plain_text").put("content", (String) b.get("text"));
            button.put("type", (String) b.get("type"));
            button.set("value", json.valueToTree(b.get("value")));
        }
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

    /**
     * Escapes user text for {@code lark_md}: every character Feishu's card Markdown gives a meaning (links
     * {@code [..](..)}, {@code <a>}/{@code <at>}/{@code <font>} tags, emphasis, code, bare {@code http://} links,
     * emoji {@code :key:}) becomes an HTML numeric entity, which Feishu shows as the character itself (the escaping
     * Feishu documents for card Markdown, docs/feishu-card-text.md).
     */
    static String escape(String text) {
        return io.inetpublish.common.feishu.CardText.escape(text);
    }

    /**
     * A {@code lark_md} link with escaped text to an http(s) URL the platform made (its own pages, its download
     * paths, the Jenkins build it follows); characters that would end the link target early are percent-encoded.
     * Anything but an absolute http(s) URL gives the escaped text without a link.
     */
    static String link(String text, String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return escape(text);
        }
        StringBuilder target = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '(' || c == ')' || c == '[' || c == ']' || c == '<' || c == '>' || c == '"'
                    || c == '\'' || c == '\\' || c == '`' || c == 0x7f) {
                target.append('%').append(String.format("%02X", (int) c));
            } else {
                target.append(c);
            }
        }
        return "[" + escape(text) + "](" + target + ")";
    }
}
