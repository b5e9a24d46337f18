package io.inetpublish.sandbox.feishu;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What a person trying the platform locally reads: the messages the sandbox's Feishu received, per user and per
 * group, newest first ({@code /sandbox/feishu/inbox}, or as JSON for tests); and the group bots to paste into the
 * platform's notification settings.
 */
@RestController
@RequestMapping("/sandbox/feishu")
class InboxController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final SandboxInbox inbox;
    private final DemoUsers users;
    private final SandboxBots bots;
    private final CardCallbacks callbacks;
    private final tools.jackson.databind.json.JsonMapper json;

    InboxController(SandboxInbox inbox, DemoUsers users, SandboxBots bots, CardCallbacks callbacks,
            tools.jackson.databind.json.JsonMapper json) {
        this.inbox = inbox;
        this.users = users;
        this.bots = bots;
        this.callbacks = callbacks;
        this.json = json;
    }

    /**
     * A button of a card that calls the app back: its text, style and {@code value}; inside a form container also its
     * {@code name} and the form's text inputs, whose contents go with the click as {@code form_value}.
     */
    record CallbackButton(String text, String type, tools.jackson.databind.JsonNode value, String name,
            List<FormInput> inputs) {
    }

    /** A text input of a card's form container: its {@code name} and placeholder. */
    record FormInput(String name, String placeholder) {
    }

    /**
     * The buttons with a {@code value} (callback buttons) of a card, JSON 1.0 or 2.0, in order. Only an app's cards
     * call back (the callback goes to the app's request URL); a custom group bot has no app, so its cards get none.
     */
    List<CallbackButton> callbackButtons(SandboxInbox.Message m) {
        if (!"USER".equals(m.channel()) || !"interactive".equals(m.msgType()) || m.content() == null) {
            return List.of();
        }
        tools.jackson.databind.JsonNode card;
        try {
            card = json.readTree(m.content());
        } catch (RuntimeException ex) {
            return List.of();
        }
        tools.jackson.databind.JsonNode elements = card.path("elements").isArray() ? card.path("elements")
                : card.path("body").path("elements");
        java.util.List<CallbackButton> buttons = new java.util.ArrayList<>();
        elements.forEach(e -> {
            java.util.List<tools.jackson.databind.JsonNode> candidates = new java.util.ArrayList<>();
            List<FormInput> inputs = new java.util.ArrayList<>();
            String tag = e.path("tag").asString("");
            if ("action".equals(tag)) {
                e.path("actions").forEach(candidates::add);
            } else if ("form".equals(tag)) {
                // a form container: its inputs are sent with whichever of its submit buttons is clicked
                e.path("elements").forEach(inner -> {
                    if ("input".equals(inner.path("tag").asString(""))) {
                        inputs.add(new FormInput(inner.path("name").asString(""),
                                inner.path("placeholder").path("content").asString("")));
                    } else {
                        candidates.add(inner);
                    }
                });
            } else {
                candidates.add(e);
            }
            candidates.forEach(b -> {
                if ("button".equals(b.path("tag").asString("")) && !b.path("value").isMissingNode()
                        && !b.path("value").isNull()) {
                    buttons.add(new CallbackButton(b.path("text").path("content").asString(""),
                            b.path("type").asString("default"), b.path("value"), b.path("name").asString(null),
                            "form".equals(tag) ? List.copyOf(inputs) : null));
                }
            });
        });
        return buttons;
    }

    /**
     * A person clicks a callback button in the inbox: the sandbox calls the app back as Feishu does (operator = the
     * chosen demo user, by default the message's recipient), shows the toast it answered and, when it answered a
     * card, shows that card in place of the old one.
     */
    @PostMapping(path = "/inbox/click", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> click(@RequestParam String messageId, @RequestParam int button,
            @RequestParam(name = "as", required = false) String as, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "zh_cn") String lang, @RequestParam java.util.Map<String, String> params) {
        SandboxInbox.Message m = inbox.find(messageId).orElse(null);
        String back = "/sandbox/feishu/inbox" + (to == null || to.isBlank() ? ""
                : "?to=" + org.springframework.web.util.UriUtils.encodeQueryParam(to, java.nio.charset.StandardCharsets.UTF_8));
        if (m == null) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(java.net.URI.create(back)).build();
        }
        List<CallbackButton> buttons = callbackButtons(m);
        DemoUsers.DemoUser operator = users.byOpenId(as == null || as.isBlank() ? m.recipient() : as).orElse(null);
        CardCallbacks.ClientLanguage language = CardCallbacks.ClientLanguage.of(lang).orElse(null);
        if (button < 0 || button >= buttons.size() || operator == null || language == null) {
            inbox.toast(messageId, "error: 这个按钮、点击的人或客户端语言不存在");
        } else {
            CallbackButton clicked = buttons.get(button);
            tools.jackson.databind.node.ObjectNode formValue = null;
            if (clicked.inputs() != null) {
                // Feishu sends every input of the form by its name, an untouched one as ""
                formValue = json.createObjectNode();
                for (FormInput input : clicked.inputs()) {
                    formValue.put(input.name(), params.getOrDefault("form." + input.name(), ""));
                }
            }
            CardCallbacks.Outcome outcome = callbacks.click(messageId, operator, clicked.value(), clicked.name(),
                    formValue, language);
            inbox.toast(messageId, outcome.toastType() + ": " + outcome.toast() + "（" + operator.name() + " 点击了 "
                    + buttons.get(button).text() + "）");
            if (outcome.card() != null) {
                MessageText.Rendered rendered = MessageText.render("interactive", outcome.card());
                inbox.update(messageId, rendered.title(), rendered.text(), json.writeValueAsString(outcome.card()));
            }
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(java.net.URI.create(back)).build();
    }

    /** Feishu's request URL check, as sent when the developer saves the card request URL in the console. */
    @PostMapping(path = "/callback/verify", produces = MediaType.TEXT_HTML_VALUE)
    String verify() {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>卡片回调地址校验</title></head>"
                + "<body><main><h1>卡片回调地址校验</h1><p role=\"status\">" + esc(callbacks.verifyUrl())
                + "</p><p><a href=\"/sandbox/feishu/inbox\">返回收件箱</a></p></main></body></html>";
    }

    record BotView(String token, String groupName, boolean signed, String webhookPath) {
    }

    record NewBot(String token, String groupName, String secret) {
    }

    @GetMapping(value = "/inbox.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SandboxInbox.Message> inboxJson(@RequestParam(required = false) String to) {
        return inbox.list(to);
    }

    @GetMapping("/bots")
    List<BotView> bots() {
        return bots.all().stream().map(b -> new BotView(b.token(), b.groupName(), b.secret() != null,
                "/open-apis/bot/v2/hook/" + b.token())).toList();
    }

    /** Adds a group bot (token = the last part of its webhook URL; secret optional). */
    @PostMapping("/bots")
    ResponseEntity<Object> addBot(@RequestBody NewBot bot) {
        if (bot.token() == null || !TOKEN.matcher(bot.token()).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "token must be 1-100 letters, digits, - or _"));
        }
        String name = bot.groupName() == null || bot.groupName().isBlank() ? bot.token() : bot.groupName();
        String secret = bot.secret() == null || bot.secret().isEmpty() ? null : bot.secret();
        bots.add(new SandboxBots.Bot(bot.token(), name, secret));
        return ResponseEntity.status(HttpStatus.CREATED).body(new BotView(bot.token(), name, secret != null,
                "/open-apis/bot/v2/hook/" + bot.token()));
    }

    @GetMapping(value = "/inbox", produces = MediaType.TEXT_HTML_VALUE)
    String inboxPage(@RequestParam(required = false) String to) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
                <title>Sandbox 飞书收件箱</title><meta http-equiv="refresh" content="10">
                <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}
                nav a{margin-right:1rem}.msg{border:1px solid #ddd;border-radius:8px;padding:.8rem;margin:.8rem 0}
                .meta{color:#666;font-size:.85rem}h3{margin:.3rem 0}pre{white-space:pre-wrap;margin:0;font-family:inherit}
                .toast{background:#f0f4ff;border-radius:6px;padding:.4rem .6rem}form.callback{margin-top:.5rem}
                button.primary{background:#1456f0;color:#fff}button.danger{background:#d83931;color:#fff}
                </style></head><body><h1>Sandbox 飞书收件箱</h1>
                <form method="post" action="/sandbox/feishu/callback/verify"><button type="submit">校验卡片回调地址</button></form>
                <nav><a href="/sandbox/feishu/inbox">全部</a>
                """);
        users.all().forEach(u -> html.append("<a href=\"/sandbox/feishu/inbox?to=").append(esc(u.openId()))
                .append("\">").append(esc(u.name())).append(" (").append(inbox.count(u.openId())).append(")</a>"));
        bots.all().forEach(b -> html.append("<a href=\"/sandbox/feishu/inbox?to=").append(esc(b.token()))
                .append("\">群：").append(esc(b.groupName())).append(" (").append(inbox.count(b.token()))
                .append(")</a>"));
        html.append("</nav>");
        List<SandboxInbox.Message> messages = inbox.list(to);
        if (messages.isEmpty()) {
            html.append("<p>还没有消息。</p>");
        }
        for (SandboxInbox.Message m : messages) {
            html.append("<div class=\"msg\" data-message-id=\"").append(esc(m.messageId()))
                    .append("\"><div class=\"meta\">").append(TIME.format(m.receivedAt()))
                    .append(" · ").append("USER".equals(m.channel()) ? "发给 " : "群 ")
                    .append(esc(m.recipientName())).append(" · ").append(esc(m.msgType()))
                    .append(m.updatedAt() == null ? "" : " · 已更新 " + TIME.format(m.updatedAt())).append("</div>");
            if (!m.title().isEmpty()) {
                html.append("<h3>").append(esc(m.title())).append("</h3>");
            }
            html.append("<pre>").append(bodyHtml(m)).append("</pre>");
            List<CallbackButton> buttons = callbackButtons(m);
            if (!buttons.isEmpty()) {
                html.append("<form class=\"callback\" method=\"post\" action=\"/sandbox/feishu/inbox/click\">")
                        .append("<input type=\"hidden\" name=\"messageId\" value=\"").append(esc(m.messageId()))
                        .append("\"><input type=\"hidden\" name=\"to\" value=\"").append(esc(to)).append("\">")
                        .append("<label>点击的人 <select name=\"as\">");
                users.all().forEach(u -> html.append("<option value=\"").append(esc(u.openId())).append('"')
                        .append(u.openId().equals(m.recipient()) ? " selected" : "").append('>').append(esc(u.name()))
                        .append("</option>"));
                html.append("</select></label> <label>客户端语言 <select name=\"lang\">");
                for (CardCallbacks.ClientLanguage l : CardCallbacks.ClientLanguage.values()) {
                    html.append("<option value=\"").append(l.key()).append("\">").append(l.label).append("</option>");
                }
                html.append("</select></label>");
                buttons.stream().filter(b -> b.inputs() != null).flatMap(b -> b.inputs().stream()).distinct()
                        .forEach(input -> html.append(" <label>").append(esc(input.placeholder()))
                                .append(" <input type=\"text\" name=\"form.").append(esc(input.name()))
                                .append("\" data-form-input=\"").append(esc(input.name())).append("\"></label>"));
                for (int i = 0; i < buttons.size(); i++) {
                    html.append(" <button type=\"submit\" name=\"button\" value=\"").append(i)
                            .append("\" class=\"").append(esc(buttons.get(i).type())).append("\">")
                            .append(esc(buttons.get(i).text())).append("</button>");
                }
                html.append("</form>");
            }
            String toast = inbox.toast(m.messageId());
            if (toast != null) {
                html.append("<p class=\"toast\" role=\"status\">").append(esc(toast)).append("</p>");
            }
            html.append("</div>");
        }
        return html.append("</body></html>").toString();
    }

    /** The message's lines as Feishu shows them: a card's lark_md with its bold text and links. */
    private String bodyHtml(SandboxInbox.Message m) {
        if (m.content() != null) {
            try {
                return MessageText.render(m.msgType(), json.readTree(m.content())).html();
            } catch (RuntimeException ex) {
                // not JSON after all: its text as received
            }
        }
        return esc(m.text());
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
