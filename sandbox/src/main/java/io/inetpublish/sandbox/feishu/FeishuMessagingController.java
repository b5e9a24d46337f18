package io.inetpublish.sandbox.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.inetpublish.sandbox.feishu.DemoUsers.DemoUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feishu's messaging endpoints as docs/integrations.md §2 describes them: tenant token, app bot message
 * ({@code im/v1/messages}), the update of an app's card ({@code PATCH im/v1/messages/:message_id},
 * docs/feishu-card-callback.md §7) and custom bot webhook, with their documented error bodies and limits. Codes the document
 * does not list (bad app credentials) use Feishu's published values 10003/10014 and are marked so below.
 */
@RestController
@RequestMapping("/open-apis")
class FeishuMessagingController {

    private static final Set<String> ID_TYPES = Set.of("open_id", "union_id", "user_id", "email", "chat_id");
    private static final Set<String> MSG_TYPES = Set.of("text", "post", "image", "interactive", "share_chat",
            "share_user", "audio", "media", "file", "sticker");
    private static final Duration UUID_DEDUP = Duration.ofHours(1);
    private static final Duration UPDATABLE_FOR = Duration.ofDays(14);

    private final String appId;
    private final String appSecret;
    private final TenantTokens tokens;
    private final DemoUsers users;
    private final SandboxBots bots;
    private final SandboxInbox inbox;
    private final RateWindows limits;
    private final JsonMapper json;
    private final Map<String, Sent> byUuid = new ConcurrentHashMap<>();

    private record Sent(Map<String, Object> data, Instant at) {
    }

    FeishuMessagingController(@Value("${sandbox.feishu.app-id:cli_sandbox_app}") String appId,
            @Value("${sandbox.feishu.app-secret:sandbox-app-secret}") String appSecret, TenantTokens tokens,
            DemoUsers users, SandboxBots bots, SandboxInbox inbox, RateWindows limits, JsonMapper json) {
        this.appId = appId;
        this.appSecret = appSecret;
        this.tokens = tokens;
        this.users = users;
        this.bots = bots;
        this.inbox = inbox;
        this.limits = limits;
        this.json = json;
    }

    @PostMapping("/auth/v3/tenant_access_token/internal")
    ResponseEntity<Map<String, Object>> tenantToken(@RequestBody(required = false) String body) {
        JsonNode request = parse(body);
        String id = request == null ? null : request.path("app_id").asString(null);
        String secret = request == null ? null : request.path("app_secret").asString(null);
        if (id == null || secret == null) {
            // not in docs/integrations.md: Feishu's published "invalid param"
            return error(HttpStatus.BAD_REQUEST, 10003, "invalid param");
        }
        if (!constantEquals(id, appId) || !constantEquals(secret, appSecret)) {
            // not in docs/integrations.md: Feishu's published "app secret invalid"
            return error(HttpStatus.BAD_REQUEST, 10014, "app secret invalid");
        }
        TenantTokens.Issued issued = tokens.issue(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 0);
        answer.put("msg", "ok");
        answer.put("tenant_access_token", issued.token());
        answer.put("expire", issued.expireSeconds());
        return ResponseEntity.ok(answer);
    }

    @PostMapping("/im/v1/messages")
    ResponseEntity<Map<String, Object>> sendMessage(
            @RequestParam(name = "receive_id_type", required = false) String idType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        ResponseEntity<Map<String, Object>> refused = tokenAndAppLimit(authorization);
        if (refused != null) {
            return refused;
        }
        if (idType == null || !ID_TYPES.contains(idType)) {
            return error(HttpStatus.BAD_REQUEST, 230001,
                    "param is invalid: receive_id_type must be one of open_id, union_id, user_id, email, chat_id");
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: the body is not a JSON object");
        }
        String receiveId = request.path("receive_id").asString(null);
        String msgType = request.path("msg_type").asString(null);
        JsonNode contentNode = request.path("content");
        if (receiveId == null || receiveId.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: receive_id is required");
        }
        if (msgType == null || !MSG_TYPES.contains(msgType)) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: unknown msg_type");
        }
        if (!contentNode.isString()) {
            return error(HttpStatus.BAD_REQUEST, 230001,
                    "param is invalid: content must be a string holding JSON, not a JSON object");
        }
        String content = contentNode.stringValue();
        JsonNode parsedContent = parse(content);
        if (parsedContent == null || !parsedContent.isObject()) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: content is not valid JSON");
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ("text".equals(msgType) ? 150 * 1024 : 30 * 1024)) {
            return error(HttpStatus.BAD_REQUEST, 230025, "The message content is too long.");
        }
        String uuid = request.path("uuid").asString(null);
        if (uuid != null && uuid.length() > 50) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: uuid is longer than 50 characters");
        }
        if ("chat_id".equals(idType)) {
            return error(HttpStatus.BAD_REQUEST, 230002, "Bot is not in the chat.");
        }
        Optional<DemoUser> user = users.find(idType, receiveId);
        if (user.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, 230034, "The receive_id is invalid.");
        }
        if (!user.get().availableToApp()) {
            return error(HttpStatus.BAD_REQUEST, 230013, "Bot has NO availability to this user.");
        }
        if (uuid != null) {
            Sent earlier = byUuid.get(uuid);
            if (earlier != null && earlier.at().plus(UUID_DEDUP).isAfter(Instant.now())) {
                return ok(earlier.data());
            }
        }
        long userWait = limits.acquire("user:" + user.get().openId(), 5, Duration.ofSeconds(1));
        if (userWait > 0) {
            return error(HttpStatus.BAD_REQUEST, 230020, "The message is sent too frequently.");
        }

        String messageId = "om_" + UUID.randomUUID().toString().replace("-", "");
        String now = String.valueOf(Instant.now().toEpochMilli());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", messageId);
        data.put("root_id", "");
        data.put("parent_id", "");
        data.put("thread_id", "");
        data.put("msg_type", msgType);
        data.put("create_time", now);
        data.put("update_time", now);
        data.put("deleted", false);
        data.put("updated", false);
        data.put("chat_id", "oc_" + user.get().openId().substring(3));
        data.put("sender", Map.of("id", appId, "id_type", "app_id", "sender_type", "app",
                "tenant_key", "736588c9260f175e"));
        data.put("body", Map.of("content", content));
        data.put("mentions", java.util.List.of());
        if (uuid != null) {
            byUuid.put(uuid, new Sent(data, Instant.now()));
        }
        MessageText.Rendered rendered = MessageText.render(msgType, parsedContent);
        inbox.add(new SandboxInbox.Message(messageId, Instant.now(), "USER", user.get().openId(),
                user.get().name(), msgType, rendered.title(), rendered.text(), content));
        return ok(data);
    }

    /**
     * Updates a card the app sent ({@code PATCH /open-apis/im/v1/messages/:message_id}, docs/feishu-card-callback.md
     * §7): {@code {"content": "<card as a JSON string>"}} replaces the whole card, which the inbox then shows. Only an
     * app's interactive message (not a group bot's), sent within 14 days, and a shared card before and after
     * ({@code config.update_multi: true}); at most 5 updates a second of one message.
     */
    @PatchMapping("/im/v1/messages/{messageId}")
    ResponseEntity<Map<String, Object>> updateMessage(@PathVariable String messageId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        ResponseEntity<Map<String, Object>> refused = tokenAndAppLimit(authorization);
        if (refused != null) {
            return refused;
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: the body is not a JSON object");
        }
        JsonNode contentNode = request.path("content");
        if (!contentNode.isString()) {
            return error(HttpStatus.BAD_REQUEST, 230001,
                    "param is invalid: content must be a string holding the card's JSON, not a JSON object");
        }
        String content = contentNode.stringValue();
        JsonNode card = parse(content);
        if (card == null || !card.isObject()) {
            return error(HttpStatus.BAD_REQUEST, 230001, "param is invalid: content is not valid JSON");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > 30 * 1024) {
            return error(HttpStatus.BAD_REQUEST, 230025, "The message content is too long.");
        }
        Optional<SandboxInbox.Message> found = inbox.find(messageId).filter(m -> "USER".equals(m.channel()));
        if (found.isEmpty()) {
            // the app's messages only (a group bot's webhook message has no app as its sender)
            return error(HttpStatus.BAD_REQUEST, 230001,
                    "Your request contains an invalid request parameter, ext=invalid message_id");
        }
        SandboxInbox.Message message = found.get();
        if (!"interactive".equals(message.msgType())) {
            return error(HttpStatus.BAD_REQUEST, 230001,
                    "Your request contains an invalid request parameter, ext=This message is NOT a card");
        }
        if (message.receivedAt().plus(UPDATABLE_FOR).isBefore(Instant.now())) {
            return error(HttpStatus.BAD_REQUEST, 230031, "Message can only be modified within 14 days after sending.");
        }
        if (!sharedCard(parse(message.content())) || !sharedCard(card)) {
            return error(HttpStatus.BAD_REQUEST, 230099, "Failed to create card content, ext=only a shared card can be "
                    + "updated for everyone: config.update_multi must be true before and after the update");
        }
        if (limits.acquire("update:" + messageId, 5, Duration.ofSeconds(1)) > 0) {
            return error(HttpStatus.BAD_REQUEST, 230020, "This operation triggers the frequency limit.");
        }
        MessageText.Rendered rendered = MessageText.render("interactive", card);
        inbox.update(messageId, rendered.title(), rendered.text(), content);
        return ok(Map.of());
    }

    private static boolean sharedCard(JsonNode card) {
        return card != null && card.path("config").path("update_multi").asBoolean(false);
    }

    /** The tenant token's check and the app's limits (50 a second, 1000 a minute); null when the call may go on. */
    private ResponseEntity<Map<String, Object>> tokenAndAppLimit(String authorization) {
        switch (tokens.check(authorization)) {
            case MISSING -> {
                return error(HttpStatus.BAD_REQUEST, 99991661,
                        "Missing access token for authorization. Please make a request with token attached.");
            }
            case MALFORMED -> {
                return error(HttpStatus.BAD_REQUEST, 99991671, "Invalid access token for authorization. "
                        + "Please make a request with token attached, token must start with t- or u-.");
            }
            case UNKNOWN -> {
                return error(HttpStatus.BAD_REQUEST, 99991663, "Invalid access token for authorization.");
            }
            case EXPIRED -> {
                return error(HttpStatus.BAD_REQUEST, 99991677, "token expire");
            }
            case VALID -> {
                // go on
            }
        }
        long appWait = limits.acquire("app:" + appId, 50, Duration.ofSeconds(1));
        if (appWait == 0) {
            appWait = limits.acquire("app-min:" + appId, 1000, Duration.ofMinutes(1));
        }
        return appWait > 0 ? tooManyRequests(50, appWait) : null;
    }

    @PostMapping("/bot/v2/hook/{token}")
    ResponseEntity<Map<String, Object>> webhook(@PathVariable String token,
            @RequestBody(required = false) String body) {
        Optional<SandboxBots.Bot> bot = bots.find(token);
        if (bot.isEmpty()) {
            // seen in third-party code, unconfirmed in official docs (docs/integrations.md §2a)
            return error(HttpStatus.OK, 19001, "param invalid: incoming webhook access token invalid");
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject() || !request.path("msg_type").isString()
                || (body != null && body.getBytes(StandardCharsets.UTF_8).length > 20 * 1024)) {
            return badRequest9499();
        }
        if (bot.get().secret() != null) {
            String timestamp = request.path("timestamp").asString(null);
            String sign = request.path("sign").asString(null);
            if (!validSignature(timestamp, sign, bot.get().secret())) {
                return error(HttpStatus.OK, 19021,
                        "sign match fail or timestamp is not within one hour from current time");
            }
        }
        long wait = limits.acquire("bot:" + token, 5, Duration.ofSeconds(1));
        if (wait == 0) {
            wait = limits.acquire("bot-min:" + token, 100, Duration.ofMinutes(1));
        }
        if (wait > 0) {
            return tooManyRequests(5, wait);
        }
        String msgType = request.path("msg_type").stringValue();
        JsonNode content = "interactive".equals(msgType) ? request.path("card") : request.path("content");
        if (!content.isObject()) {
            return badRequest9499();
        }
        MessageText.Rendered rendered = MessageText.render(msgType, content);
        inbox.add(new SandboxInbox.Message("om_" + UUID.randomUUID().toString().replace("-", ""), Instant.now(),
                "GROUP", token, bot.get().groupName(), msgType, rendered.title(), rendered.text(),
                json.writeValueAsString(content)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("StatusCode", 0);
        answer.put("StatusMessage", "success");
        answer.put("code", 0);
        answer.put("data", Map.of());
        answer.put("msg", "success");
        return ResponseEntity.ok(answer);
    }

    static boolean validSignature(String timestamp, String sign, String secret) {
        if (timestamp == null || sign == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException ex) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - seconds) > 3600) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
            return constantEquals(expected, sign);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException ex) {
            return null;
        }
    }

    private static boolean constantEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 0);
        answer.put("msg", "success");
        answer.put("data", data);
        return ResponseEntity.ok(answer);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, int code, String msg) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("msg", msg);
        if (code >= 99991000 || (code >= 230000 && code < 240000)) {
            answer.put("error", Map.of("log_id", "sandbox" + System.nanoTime()));
        }
        return ResponseEntity.status(status).body(answer);
    }

    private static ResponseEntity<Map<String, Object>> badRequest9499() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 9499);
        answer.put("msg", "Bad Request");
        answer.put("data", Map.of());
        return ResponseEntity.ok(answer);
    }

    private static ResponseEntity<Map<String, Object>> tooManyRequests(int limit, long resetSeconds) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 99991400);
        answer.put("msg", "request trigger frequency limit");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("x-ogw-ratelimit-limit", String.valueOf(limit))
                .header("x-ogw-ratelimit-reset", String.valueOf(resetSeconds))
                .body(answer);
    }
}
