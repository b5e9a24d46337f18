package io.inetpublish.sandbox.feishu;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Renders a received message (text, post or interactive card, schema 1.0 or 2.0) to a title and plain lines. */
final class MessageText {

    record Rendered(String title, String text) {
    }

    private MessageText() {
    }

    static Rendered render(String msgType, JsonNode content) {
        return switch (msgType) {
            case "text" -> new Rendered("", content.path("text").asString(""));
            case "post" -> post(content.path("post"));
            case "interactive" -> card(content);
            default -> new Rendered("", "[" + msgType + "]");
        };
    }

    private static Rendered post(JsonNode post) {
        JsonNode lang = post.path("zh_cn").isObject() ? post.path("zh_cn") : post.path("en_us");
        List<String> lines = new ArrayList<>();
        lang.path("content").forEach(paragraph -> {
            StringBuilder line = new StringBuilder();
            paragraph.forEach(el -> {
                switch (el.path("tag").asString("")) {
                    case "a" -> line.append(el.path("text").asString("")).append(" (")
                            .append(el.path("href").asString("")).append(')');
                    case "at" -> line.append('@').append(el.path("user_id").asString(""));
                    default -> line.append(el.path("text").asString(""));
                }
            });
            lines.add(line.toString());
        });
        return new Rendered(lang.path("title").asString(""), String.join("\n", lines));
    }

    private static Rendered card(JsonNode card) {
        String title = card.path("header").path("title").path("content").asString("");
        JsonNode elements = card.path("elements").isArray() ? card.path("elements")
                : card.path("body").path("elements");
        List<String> lines = new ArrayList<>();
        elements.forEach(e -> element(e, lines));
        return new Rendered(title, String.join("\n", lines));
    }

    private static void element(JsonNode e, List<String> lines) {
        switch (e.path("tag").asString("")) {
            case "div" -> {
                addText(e.path("text"), lines);
                e.path("fields").forEach(f -> addText(f.path("text"), lines));
            }
            case "markdown", "plain_text", "lark_md" -> lines.add(e.path("content").asString(""));
            case "hr" -> lines.add("——");
            case "note" -> e.path("elements").forEach(n -> lines.add(n.path("content").asString("")));
            case "action" -> e.path("actions").forEach(a -> lines.add("[" + a.path("text").path("content")
                    .asString("") + "] " + a.path("url").asString(a.path("multi_url").path("url").asString(""))));
            case "button" -> lines.add("[" + e.path("text").path("content").asString("") + "] "
                    + e.path("url").asString(""));
            case "column_set" -> e.path("columns").forEach(c -> c.path("elements").forEach(x -> element(x, lines)));
            default -> {
                // images and other decorations are not shown
            }
        }
    }

    private static void addText(JsonNode text, List<String> lines) {
        if (text.isObject()) {
            lines.add(text.path("content").asString(""));
        }
    }
}
