package io.inetpublish.sandbox.feishu;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's Feishu calling the app back as Feishu does (docs/feishu-card-callback.md): the card callback
 * {@code card.action.trigger} (schema 2.0) when a person clicks a button with a {@code value} in a card of the
 * inbox, and the request URL check (url_verification) that Feishu sends when the developer saves the request URL.
 * With an Encrypt Key the body is {@code {"encrypt": …}} (AES-256-CBC, key SHA-256 of the Encrypt Key, random IV
 * first) and signed ({@code X-Lark-Signature} = hex SHA-256 of timestamp + nonce + key + body); the Verification
 * Token travels in {@code header.token}. Feishu waits 3 s for the answer and does not send a callback again; the
 * sandbox does the same. The app's settings come from the same variables the platform reads
 * ({@code FEISHU_CARD_CALLBACK_URL}, {@code FEISHU_VERIFICATION_TOKEN}, {@code FEISHU_ENCRYPT_KEY}).
 */
@Slf4j
@Component
class CardCallbacks {

    static final Duration FEISHU_LIMIT = Duration.ofSeconds(3);

    private final JsonMapper json;
    private final String url;
    private final String token;
    private final String encryptKey;
    private final String appId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    CardCallbacks(JsonMapper json,
            @Value("${sandbox.feishu.card-callback-url:http://localhost:8080/api/approvals/feishu/card-callback}") String url,
            @Value("${sandbox.feishu.verification-token:}") String token,
            @Value("${sandbox.feishu.encrypt-key:}") String encryptKey,
            @Value("${sandbox.feishu.app-id:cli_sandbox_app}") String appId) {
        this.json = json;
        this.url = url;
        this.token = token;
        this.encryptKey = encryptKey.isBlank() ? null : encryptKey;
        this.appId = appId;
    }

    /** What the person sees after the click: a toast, and the card Feishu shows from then on (null: unchanged). */
    record Outcome(String toastType, String toast, JsonNode card, int status) {
    }

    /** The languages of a person's Feishu client the inbox offers; {@link #key} is how a toast's {@code i18n} names it. */
    enum ClientLanguage {
        ZH_CN("简体中文"), EN_US("English");

        final String label;

        ClientLanguage(String label) {
            this.label = label;
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static java.util.Optional<ClientLanguage> of(String key) {
            return java.util.Arrays.stream(values()).filter(l -> l.key().equals(key)).findFirst();
        }
    }

    /**
     * A click on a callback button ({@code value}) of the message, by this person; a button of a form container also
     * sends its {@code name} and the form's inputs ({@code formValue}, null otherwise). The toast is shown in the
     * language of the person's Feishu client (docs/feishu-card-callback.md §5).
     */
    Outcome click(String messageId, DemoUsers.DemoUser operator, JsonNode value, String buttonName,
            JsonNode formValue, ClientLanguage clientLanguage) {
        ObjectNode body = json.createObjectNode().put("schema", "2.0");
        ObjectNode header = body.putObject("header");
        header.put("event_id", UUID.randomUUID().toString().replace("-", ""));
        header.put("token", token);
        header.put("create_time", String.valueOf(Instant.now().toEpochMilli() * 1000));
        header.put("event_type", "card.action.trigger");
        header.put("tenant_key", "sandbox_tenant");
        header.put("app_id", appId);
        ObjectNode event = body.putObject("event");
        ObjectNode who = event.putObject("operator");
        who.put("tenant_key", "sandbox_tenant").put("user_id", operator.userId()).put("open_id", operator.openId())
                .put("union_id", operator.unionId());
        event.put("token", "c-" + UUID.randomUUID().toString().replace("-", ""));
        ObjectNode action = event.putObject("action");
        action.set("value", value);
        action.put("tag", "button");
        if (formValue != null) {
            action.put("name", buttonName);
            action.set("form_value", formValue);
        }
        event.put("host", "im_message");
        ObjectNode context = event.putObject("context");
        context.put("open_message_id", messageId).put("open_chat_id", "oc_sandbox_p2p_" + operator.userId());
        HttpResponse<String> response;
        try {
            response = send(json.writeValueAsString(body));
        } catch (Exception ex) {
            log.info("Card callback to {} failed: {}", url, ex.toString());
            return new Outcome("error", "回调失败：应用没有在 3 秒内应答（" + ex.getClass().getSimpleName() + "）", null, 0);
        }
        if (response.statusCode() != 200) {
            return new Outcome("error", "回调失败：应用应答 HTTP " + response.statusCode(), null, response.statusCode());
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (RuntimeException ex) {
            return new Outcome("error", "回调失败：应用的应答不是 JSON", null, 200);
        }
        JsonNode toast = answer.path("toast");
        JsonNode card = answer.path("card");
        JsonNode newCard = null;
        if (card.isObject()) {
            if (!"raw".equals(card.path("type").asString("")) || !card.path("data").isObject()) {
                return new Outcome("error", "回调失败：card 应为 {\"type\":\"raw\",\"data\":{…}}", null, 200);
            }
            newCard = card.path("data");
        }
        return new Outcome(toast.path("type").asString("info"), toastText(toast, clientLanguage), newCard, 200);
    }

    /**
     * What Feishu shows of a toast: the text of {@code i18n} for the client's language; {@code content} when
     * {@code i18n} has none for it (or there is no {@code i18n}); else the first text of {@code i18n}.
     */
    static String toastText(JsonNode toast, ClientLanguage clientLanguage) {
        String localized = toast.path("i18n").path(clientLanguage.key()).asString("");
        if (!localized.isBlank()) {
            return localized;
        }
        String content = toast.path("content").asString("");
        if (!content.isBlank() || !toast.path("i18n").isObject()) {
            return content;
        }
        return toast.path("i18n").valueStream().map(v -> v.asString("")).filter(t -> !t.isBlank()).findFirst()
                .orElse("");
    }

    /** Feishu's request URL check: answers whether the app echoed the challenge. */
    String verifyUrl() {
        String challenge = UUID.randomUUID().toString();
        ObjectNode body = json.createObjectNode().put("challenge", challenge).put("token", token)
                .put("type", "url_verification");
        try {
            HttpResponse<String> response = send(json.writeValueAsString(body));
            if (response.statusCode() == 200
                    && challenge.equals(json.readTree(response.body()).path("challenge").asString(""))) {
                return "请求地址校验通过：" + url;
            }
            return "请求地址校验失败：HTTP " + response.statusCode() + " " + response.body();
        } catch (Exception ex) {
            return "请求地址校验失败：" + ex;
        }
    }

    private HttpResponse<String> send(String plain) throws Exception {
        String body = encryptKey == null ? plain
                : json.writeValueAsString(json.createObjectNode().put("encrypt", encrypt(plain, encryptKey)));
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(FEISHU_LIMIT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Lark-Request-Timestamp", timestamp)
                .header("X-Lark-Request-Nonce", nonce)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (encryptKey != null) {
            request.header("X-Lark-Signature", signature(timestamp, nonce, encryptKey,
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String signature(String timestamp, String nonce, String key, byte[] body) throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((timestamp + nonce + key).getBytes(StandardCharsets.UTF_8));
        sha256.update(body);
        return HexFormat.of().formatHex(sha256.digest());
    }

    static String encrypt(String plain, String key) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE,
                new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)),
                        "AES"), new IvParameterSpec(iv));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
