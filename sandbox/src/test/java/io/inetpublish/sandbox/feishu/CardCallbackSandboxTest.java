package io.inetpublish.sandbox.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's Feishu calls the app back like Feishu (docs/feishu-card-callback.md): a click on a card button with a
 * {@code value} becomes a signed, encrypted {@code card.action.trigger} callback of schema 2.0 naming the clicker;
 * the toast and the card of the answer are shown in the inbox. The app here is a plain HTTP server that checks the
 * request with its own implementation of the rules.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CardCallbackSandboxTest {

    static final String KEY = "test-encrypt-key";
    static final String TOKEN = "test-verification-token";
    static final String LISI = "ou_7dab8a3d3cdcc9da365777c7ad535d62";
    static final String WANGWU = "ou_84aad35d084aa403a838cf73ee18467b";
    static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer APP = app();

    static HttpServer app() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/callback", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                RECEIVED.add(Map.of("body", new String(body, StandardCharsets.UTF_8),
                        "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("X-Lark-Request-Timestamp")),
                        "nonce", String.valueOf(exchange.getRequestHeaders().getFirst("X-Lark-Request-Nonce")),
                        "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-Lark-Signature"))));
                String answer = """
                        {"toast":{"type":"success","content":"已批准","i18n":{"zh_cn":"已批准","en_us":"You approved it"}},
                         "card":{"type":"raw","data":{"header":{"title":{"tag":"plain_text","content":"已批准 · REL-1"}},
                          "elements":[{"tag":"div","text":{"tag":"lark_md","content":"**结果：** 批准（李四）"}}]}}}""";
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void callback(DynamicPropertyRegistry registry) {
        registry.add("sandbox.feishu.card-callback-url",
                () -> "http://127.0.0.1:" + APP.getAddress().getPort() + "/callback");
        registry.add("sandbox.feishu.verification-token", () -> TOKEN);
        registry.add("sandbox.feishu.encrypt-key", () -> KEY);
    }

    @AfterAll
    static void stop() {
        APP.stop(0);
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    SandboxInbox inbox;

    @Autowired
    JsonMapper json;

    @Test
    void aClickIsSignedEncryptedAndAnsweredWithTheNewCard() throws Exception {
        RECEIVED.clear();
        String messageId = "om_test_" + System.nanoTime();
        String card = """
                {"header":{"title":{"tag":"plain_text","content":"待审批 · REL-1"}},"elements":[
                 {"tag":"div","text":{"tag":"lark_md","content":"**申请人：** 张三"}},
                 {"tag":"action","actions":[
                  {"tag":"button","text":{"tag":"plain_text","content":"批准"},"type":"primary",
                   "value":{"approvalId":"a-1","decision":"APPROVE"}},
                  {"tag":"button","text":{"tag":"plain_text","content":"拒绝"},"type":"danger",
                   "value":{"approvalId":"a-1","decision":"REJECT"}}]},
                 {"tag":"action","actions":[{"tag":"button","text":{"tag":"plain_text","content":"查看"},
                   "url":"http://localhost:8080/releases/1"}]}]}""";
        inbox.add(new SandboxInbox.Message(messageId, Instant.now(), "USER", LISI, "李四", "interactive",
                "待审批 · REL-1", "", card));
        String page = mvc.get().uri("/sandbox/feishu/inbox?to=" + LISI).exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(">批准</button>").contains(">拒绝</button>").doesNotContain(">查看</button>");
        // the same card from a custom group bot: no app to call back, so no buttons (as in Feishu)
        String groupMessage = "om_group_" + System.nanoTime();
        inbox.add(new SandboxInbox.Message(groupMessage, Instant.now(), "GROUP", "sandbox-release-group", "发布通知群",
                "interactive", "待审批 · REL-1", "", card));
        String group = mvc.get().uri("/sandbox/feishu/inbox?to=sandbox-release-group").exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        int groupAt = group.indexOf("data-message-id=\"" + groupMessage + "\"");
        assertThat(group.substring(groupAt, group.indexOf("</div>", group.indexOf("<pre>", groupAt))))
                .doesNotContain("name=\"button\"");

        var click = mvc.post().uri("/sandbox/feishu/inbox/click").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("messageId", messageId).param("button", "1").param("as", WANGWU).param("to", LISI).exchange();
        assertThat(click).hasStatus(HttpStatus.SEE_OTHER);

        assertThat(RECEIVED).hasSize(1);
        Map<String, String> request = RECEIVED.get(0);
        byte[] raw = request.get("body").getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((request.get("timestamp") + request.get("nonce") + KEY).getBytes(StandardCharsets.UTF_8));
        sha256.update(raw);
        assertThat(request.get("signature")).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
        assertThat(Math.abs(Long.parseLong(request.get("timestamp")) - Instant.now().getEpochSecond())).isLessThan(60);

        JsonNode callback = decrypted(raw);
        assertThat(callback.path("schema").asString()).isEqualTo("2.0");
        assertThat(callback.path("header").path("token").asString()).isEqualTo(TOKEN);
        assertThat(callback.path("header").path("event_type").asString()).isEqualTo("card.action.trigger");
        assertThat(callback.path("header").path("event_id").asString()).isNotBlank();
        assertThat(callback.path("event").path("operator").path("open_id").asString()).isEqualTo(WANGWU);
        assertThat(callback.path("event").path("action").path("value").path("decision").asString())
                .isEqualTo("REJECT");
        assertThat(callback.path("event").path("context").path("open_message_id").asString()).isEqualTo(messageId);

        SandboxInbox.Message shown = inbox.find(messageId).orElseThrow();
        assertThat(shown.title()).isEqualTo("已批准 · REL-1");
        assertThat(shown.text()).contains("批准（李四）");
        assertThat(inbox.toast(messageId)).contains("已批准").contains("王五");
        String after = mvc.get().uri("/sandbox/feishu/inbox?to=" + LISI).exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        int at = after.indexOf("data-message-id=\"" + messageId + "\"");
        String block = after.substring(at, after.indexOf("</div>", after.indexOf("<pre>", at)));
        assertThat(block).contains("已批准").doesNotContain("name=\"button\"");
    }

    @Test
    void aButtonOfAFormSendsWhatWasTypedInItsInputs() throws Exception {
        RECEIVED.clear();
        String messageId = "om_form_" + System.nanoTime();
        String card = """
                {"header":{"title":{"tag":"plain_text","content":"待审批 · REL-2"}},"elements":[
                 {"tag":"form","name":"decision","elements":[
                  {"tag":"input","name":"reason","placeholder":{"tag":"plain_text","content":"理由（拒绝时必填）"}},
                  {"tag":"button","action_type":"form_submit","name":"approve","type":"primary",
                   "text":{"tag":"plain_text","content":"批准"},"value":{"approvalId":"a-2","decision":"APPROVE"}},
                  {"tag":"button","action_type":"form_submit","name":"reject","type":"danger",
                   "text":{"tag":"plain_text","content":"拒绝"},"value":{"approvalId":"a-2","decision":"REJECT"}}]}]}""";
        inbox.add(new SandboxInbox.Message(messageId, Instant.now(), "USER", LISI, "李四", "interactive",
                "待审批 · REL-2", "", card));
        String page = mvc.get().uri("/sandbox/feishu/inbox?to=" + LISI).exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("name=\"form.reason\"").contains("理由（拒绝时必填）").contains(">拒绝</button>");

        assertThat(mvc.post().uri("/sandbox/feishu/inbox/click").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("messageId", messageId).param("button", "1").param("form.reason", "窗口冲突")
                .param("to", LISI).exchange()).hasStatus(HttpStatus.SEE_OTHER);
        JsonNode action = decrypted(RECEIVED.get(0).get("body").getBytes(StandardCharsets.UTF_8))
                .path("event").path("action");
        assertThat(action.path("value").path("decision").asString()).isEqualTo("REJECT");
        assertThat(action.path("name").asString()).isEqualTo("reject");
        assertThat(action.path("form_value").path("reason").asString()).isEqualTo("窗口冲突");

        // the input left empty (on the same card sent again: the answer above replaced the first one): sent as "",
        // as Feishu sends an untouched input
        String again = "om_form_" + System.nanoTime();
        inbox.add(new SandboxInbox.Message(again, Instant.now(), "USER", LISI, "李四", "interactive",
                "待审批 · REL-2", "", card));
        assertThat(mvc.post().uri("/sandbox/feishu/inbox/click").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("messageId", again).param("button", "0").param("to", LISI).exchange())
                .hasStatus(HttpStatus.SEE_OTHER);
        assertThat(decrypted(RECEIVED.get(1).get("body").getBytes(StandardCharsets.UTF_8))
                .path("event").path("action").path("form_value").path("reason").asString()).isEmpty();
    }

    @Test
    void theToastIsShownInTheLanguageOfTheClickersFeishuClient() throws Exception {
        String card = """
                {"header":{"title":{"tag":"plain_text","content":"待审批 · REL-3"}},"elements":[
                 {"tag":"action","actions":[{"tag":"button","text":{"tag":"plain_text","content":"批准"},
                  "type":"primary","value":{"approvalId":"a-3","decision":"APPROVE"}}]}]}""";
        String english = "om_lang_" + System.nanoTime();
        String chinese = "om_lang_" + System.nanoTime();
        String unknown = "om_lang_" + System.nanoTime();
        for (String id : List.of(english, chinese, unknown)) {
            inbox.add(new SandboxInbox.Message(id, Instant.now(), "USER", LISI, "李四", "interactive",
                    "待审批 · REL-3", "", card));
        }
        String page = mvc.get().uri("/sandbox/feishu/inbox?to=" + LISI).exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<select name=\"lang\"><option value=\"zh_cn\">简体中文</option>"
                + "<option value=\"en_us\">English</option></select>");

        assertThat(mvc.post().uri("/sandbox/feishu/inbox/click").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("messageId", english).param("button", "0").param("lang", "en_us").param("to", LISI)
                .exchange()).hasStatus(HttpStatus.SEE_OTHER);
        assertThat(mvc.post().uri("/sandbox/feishu/inbox/click").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("messageId", chinese).param("button", "0").param("lang", "zh_cn").param("to", LISI)
                .exchange()).hasStatus(HttpStatus.SEE_OTHER);

        assertThat(inbox.toast(english)).startsWith("success: You approved it").doesNotContain("已批准");
        assertThat(inbox.toast(chinese)).startsWith("success: 已批准");
        // a language Feishu's client does not have: nothing is sent
        int sent = RECEIVED.size();
        mvc.post().uri("/sandbox/feishu/inbox/click").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("messageId", unknown).param("button", "0").param("lang", "xx").param("to", LISI).exchange();
        assertThat(RECEIVED).hasSize(sent);
        assertThat(inbox.toast(unknown)).startsWith("error:").contains("客户端语言");
    }

    @Test
    void aToastWithoutTheClientsLanguageShowsItsContent() {
        JsonNode toast = json.readTree("{\"type\":\"info\",\"content\":\"已批准\",\"i18n\":{\"zh_cn\":\"已批准\"}}");
        assertThat(CardCallbacks.toastText(toast, CardCallbacks.ClientLanguage.EN_US)).isEqualTo("已批准");
        assertThat(CardCallbacks.toastText(json.readTree("{\"i18n\":{\"en_us\":\"Approved\"}}"),
                CardCallbacks.ClientLanguage.ZH_CN)).isEqualTo("Approved");
    }

    /** The callback's body as the app decrypts it (AES-256-CBC, the key's SHA-256, the IV in front). */
    private JsonNode decrypted(byte[] raw) throws Exception {
        byte[] sealed = Base64.getDecoder().decode(json.readTree(raw).path("encrypt").asString());
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                .digest(KEY.getBytes(StandardCharsets.UTF_8)), "AES"),
                new IvParameterSpec(Arrays.copyOfRange(sealed, 0, 16)));
        return json.readTree(new String(cipher.doFinal(sealed, 16, sealed.length - 16), StandardCharsets.UTF_8));
    }
}
