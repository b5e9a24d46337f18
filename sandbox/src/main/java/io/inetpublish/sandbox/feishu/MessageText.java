package io.inetpublish.sandbox.feishu;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Renders a received message (text, post or interactive card, schema 1.0 or 2.0) to a title and plain lines, and the
 * same lines as HTML for the inbox page, where a card's {@code lark_md} shows its bold text and links as Feishu does.
 */
final class MessageText {

    /** @param html {@code text} as HTML: escaped, with lark_md's bold and links (never the title, which stays text) */
    record Rendered(String title, String text, String html) {

        Rendered(String title, String text) {
            this(title, text, escape(text));
        }
    }

    /** A line of a card: as text, and as HTML. */
    private record Line(String text, String html) {

        static Line plain(String text) {
            return new Line(text, escape(text));
        }

        static Line larkMd(String larkMd) {
            return new Line(decodeEntities(larkMd), larkMdHtml(larkMd));
        }
    }

    private MessageText() {
    }

    /** Text as HTML: only the markup characters escaped (the page is UTF-8). */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
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
        List<Line> lines = new ArrayList<>();
        elements.forEach(e -> element(e, lines));
        return new Rendered(title, String.join("\n", lines.stream().map(Line::text).toList()),
                String.join("\n", lines.stream().map(Line::html).toList()));
    }

    private static void element(JsonNode e, List<Line> lines) {
        switch (e.path("tag").asString("")) {
            case "div" -> {
                addText(e.path("text"), lines);
                e.path("fields").forEach(f -> addText(f.path("text"), lines));
            }
            case "markdown", "lark_md" -> lines.add(Line.larkMd(e.path("content").asString("")));
            case "plain_text" -> lines.add(Line.plain(e.path("content").asString("")));
            case "hr" -> lines.add(Line.plain("——"));
            case "note" -> e.path("elements").forEach(n -> lines.add(Line.plain(n.path("content").asString(""))));
            case "action" -> e.path("actions").forEach(a -> lines.add(Line.plain("[" + a.path("text").path("content")
                    .asString("") + "] " + a.path("url").asString(a.path("multi_url").path("url").asString("")))));
            case "button" -> lines.add(Line.plain("[" + e.path("text").path("content").asString("") + "] "
                    + e.path("url").asString("")));
            case "column_set" -> e.path("columns").forEach(c -> c.path("elements").forEach(x -> element(x, lines)));
            default -> {
                // images and other decorations are not shown
            }
        }
    }

    private static void addText(JsonNode text, List<Line> lines) {
        if (text.isObject()) {
            String content = text.path("content").asString("");
            lines.add("lark_md".equals(text.path("tag").asString("")) ? Line.larkMd(content) : Line.plain(content));
        }
    }

    /** lark_md's bold text and its links to http(s) pages; the text of both stays text (no HTML passes through). */
    private static final java.util.regex.Pattern LARK_MD = java.util.regex.Pattern.compile(
            "\\*\\*(.+?)\\*\\*|\\[([^\\[\\]\n]*)\\]\\((https?://[^()\\s]+)\\)");

    /**
     * lark_md as HTML: {@code **bold**} and {@code [text](http…)} as Feishu shows them; everything else as text, its
     * HTML entities read as their characters first (how senders escape Markdown syntax, see {@link #decodeEntities}),
     * so {@code &#42;&#42;} stays two asterisks and {@code &lt;b&gt;} the text {@code <b>}.
     */
    static String larkMdHtml(String larkMd) {
        java.util.regex.Matcher m = LARK_MD.matcher(larkMd);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(escape(decodeEntities(larkMd.substring(at, m.start()))));
            if (m.group(1) != null) {
                out.append("<strong>").append(larkMdHtml(m.group(1))).append("</strong>");
            } else {
                out.append("<a href=\"").append(escape(m.group(3)))
                        .append("\" rel=\"noopener noreferrer\">")
                        .append(escape(decodeEntities(m.group(2)))).append("</a>");
            }
            at = m.end();
        }
        return out.append(escape(decodeEntities(larkMd.substring(at)))).toString();
    }

    /**
     * Feishu shows an HTML entity in card Markdown as its character ({@code &#91;} → {@code [}), which is how senders
     * escape Markdown syntax; the inbox shows the text the same way.
     */
    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        java.util.regex.Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                int code = m.group(1).startsWith("x") || m.group(1).startsWith("X")
                        ? Integer.parseInt(m.group(1).substring(1), 16) : Integer.parseInt(m.group(1));
                replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
            } else {
                replacement = switch (m.group(2)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "nbsp", "ensp", "emsp" -> " ";
                    case "sim" -> "~";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern ENTITY =
            java.util.regex.Pattern.compile("&(?:#([0-9]{1,7}|[xX][0-9a-fA-F]{1,6})|([a-z]{2,6}));");
}
