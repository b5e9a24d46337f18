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

    InboxController(SandboxInbox inbox, DemoUsers users, SandboxBots bots) {
        this.inbox = inbox;
        this.users = users;
        this.bots = bots;
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
                </style></head><body><h1>Sandbox 飞书收件箱</h1><nav><a href="/sandbox/feishu/inbox">全部</a>
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
            html.append("<div class=\"msg\"><div class=\"meta\">").append(TIME.format(m.receivedAt()))
                    .append(" · ").append("USER".equals(m.channel()) ? "发给 " : "群 ")
                    .append(esc(m.recipientName())).append(" · ").append(esc(m.msgType())).append("</div>");
            if (!m.title().isEmpty()) {
                html.append("<h3>").append(esc(m.title())).append("</h3>");
            }
            html.append("<pre>").append(esc(m.text())).append("</pre></div>");
        }
        return html.append("</body></html>").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
