package io.inetpublish.sandbox.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox speaks Feishu's messaging protocol (docs/integrations.md §2), errors included. */
@SpringBootTest
@AutoConfigureMockMvc
class FeishuSandboxTest {

    static final String ZHANGSAN = "ou_5ad573a6411d72b8305fda3a9c15c70e";
    static final String LISI = "ou_7dab8a3d3cdcc9da365777c7ad535d62";
    static final String OUTSIDE = "ou_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String WANGWU = "ou_84aad35d084aa403a838cf73ee18467b";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    MvcTestResult post(String uri, String token, String body) {
        var request = mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchange();
    }

    JsonNode bodyOf(MvcTestResult result) {
        try {
            return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
        } catch (java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String token() {
        MvcTestResult result = post("/open-apis/auth/v3/tenant_access_token/internal", null,
                "{\"app_id\":\"cli_sandbox_app\",\"app_secret\":\"sandbox-app-secret\"}");
        assertThat(result).hasStatusOk();
        return bodyOf(result).path("tenant_access_token").stringValue();
    }

    String card(String title) {
        return "{\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"" + title + "\"},\"template\":\"green\"},"
                + "\"elements\":[{\"tag\":\"div\",\"text\":{\"tag\":\"lark_md\",\"content\":\"**结果：** 成功\"}},"
                + "{\"tag\":\"action\",\"actions\":[{\"tag\":\"button\",\"text\":{\"tag\":\"plain_text\",\"content\":\"查看\"},"
                + "\"url\":\"http://localhost:8080/releases/1\"}]}]}";
    }

    String message(String receiveId, String cardJson, String uuid) {
        return json.writeValueAsString(java.util.Map.of("receive_id", receiveId, "msg_type", "interactive",
                "content", cardJson, "uuid", uuid));
    }

    JsonNode inbox(String to) {
        return bodyOf(mvc.get().uri("/sandbox/feishu/inbox.json?to=" + to).exchange());
    }

    static String sign(long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(new byte[] {}));
    }

    @Nested
    class Contact {

        @Test
        void resolvesEmailsToOpenIdsAndLeavesUnknownOnesWithoutAnId() {
            MvcTestResult result = post("/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id", token(),
                    "{\"emails\":[\"lisi@example.com\",\"nobody@example.com\"],\"include_resigned\":false}");
            assertThat(result).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(0))
                    .hasPathSatisfying("$.data.user_list[0].user_id", c -> c.assertThat().isEqualTo(LISI))
                    .hasPathSatisfying("$.data.user_list[0].email", c -> c.assertThat().isEqualTo("lisi@example.com"))
                    .hasPathSatisfying("$.data.user_list[1].email", c -> c.assertThat().isEqualTo("nobody@example.com"));
            assertThat(bodyOf(result).path("data").path("user_list").get(1).has("user_id")).isFalse();
        }

        @Test
        void answersAPersonsNameAndTheDocumentedCodesForUnknownAndOutOfScopeIds() {
            assertThat(mvc.get().uri("/open-apis/contact/v3/users/" + LISI + "?user_id_type=open_id")
                    .header("Authorization", "Bearer " + token())).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.data.user.name", c -> c.assertThat().isEqualTo("李四"))
                    .hasPathSatisfying("$.data.user.email", c -> c.assertThat().isEqualTo("lisi@example.com"));
            assertThat(mvc.get().uri("/open-apis/contact/v3/users/ou_unknown?user_id_type=open_id")
                    .header("Authorization", "Bearer " + token())).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(41012));
            assertThat(mvc.get().uri("/open-apis/contact/v3/users/" + OUTSIDE + "?user_id_type=open_id")
                    .header("Authorization", "Bearer " + token())).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(41050));
        }

        @Test
        void checksTheTokenAndTheFields() {
            assertThat(post("/open-apis/contact/v3/users/batch_get_id", null, "{\"emails\":[]}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991661));
            assertThat(post("/open-apis/contact/v3/users/batch_get_id", "t-not-issued", "{\"emails\":[]}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991663));
            String many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "\"p" + i + "@example.com\"")
                    .collect(java.util.stream.Collectors.joining(","));
            assertThat(post("/open-apis/contact/v3/users/batch_get_id", token(), "{\"emails\":[" + many + "]}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99992402))
                    .hasPathSatisfying("$.error.field_violations[0].field", c -> c.assertThat().isEqualTo("emails"));
            assertThat(post("/open-apis/contact/v3/users/batch_get_id?user_id_type=email", token(), "{}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99992402));
        }
    }

    @Nested
    class TenantToken {

        @Test
        void issuesATokenWithItsExpiryAndReturnsTheSameWhileLongValid() {
            MvcTestResult first = post("/open-apis/auth/v3/tenant_access_token/internal", null,
                    "{\"app_id\":\"cli_sandbox_app\",\"app_secret\":\"sandbox-app-secret\"}");
            assertThat(first).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(0))
                    .hasPathSatisfying("$.msg", c -> c.assertThat().isEqualTo("ok"));
            JsonNode body = bodyOf(first);
            assertThat(body.path("tenant_access_token").stringValue()).startsWith("t-");
            assertThat(body.path("expire").intValue()).isBetween(1800, 7200);
            assertThat(token()).isEqualTo(body.path("tenant_access_token").stringValue());
        }

        @Test
        void refusesAWrongSecret() {
            assertThat(post("/open-apis/auth/v3/tenant_access_token/internal", null,
                    "{\"app_id\":\"cli_sandbox_app\",\"app_secret\":\"guess\"}")).hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson().hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(10014));
        }
    }

    /** A shared card (config.update_multi) with a title, as an app sends one it means to update. */
    String sharedCard(String title) {
        return card(title).replaceFirst("^\\{", "{\"config\":{\"update_multi\":true},");
    }

    MvcTestResult patch(String messageId, String token, String body) {
        var request = mvc.patch().uri("/open-apis/im/v1/messages/" + messageId)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchange();
    }

    String sent(String to, String cardJson) {
        MvcTestResult result = post("/open-apis/im/v1/messages?receive_id_type=open_id", token(),
                message(to, cardJson, UUID.randomUUID().toString()));
        assertThat(result).hasStatusOk();
        return bodyOf(result).path("data").path("message_id").stringValue();
    }

    String content(String cardJson) {
        return json.writeValueAsString(java.util.Map.of("content", cardJson));
    }

    static void assertCode(MvcTestResult result, int code, String msg) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(code))
                .hasPathSatisfying("$.msg", c -> c.assertThat().asString().contains(msg));
    }

    /** PATCH im/v1/messages/:message_id (docs/feishu-card-callback.md §7). */
    @Nested
    class CardUpdate {

        @Test
        void replacesASharedCardInTheInbox() {
            String messageId = sent(LISI, sharedCard("待审批 · " + UUID.randomUUID()));
            String title = "已批准 · " + UUID.randomUUID();

            assertThat(patch(messageId, token(), content(sharedCard(title)))).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(0))
                    .hasPathSatisfying("$.msg", c -> c.assertThat().isEqualTo("success"));
            JsonNode shown = null;
            for (JsonNode m : inbox(LISI)) {
                shown = messageId.equals(m.path("messageId").stringValue()) ? m : shown;
            }
            assertThat(shown).isNotNull();
            assertThat(shown.path("title").stringValue()).isEqualTo(title);
            assertThat(shown.path("updatedAt").isMissingNode() || shown.path("updatedAt").isNull())
                    .as("the inbox says when it was updated").isFalse();
            assertThat(json.readTree(shown.path("content").stringValue()).path("header").path("title")
                    .path("content").stringValue()).isEqualTo(title);
        }

        @Test
        void answersFeishusCodesForWhatCannotBeUpdated() {
            String token = token();
            String shared = sent(LISI, sharedCard("共享"));
            assertThat(patch(shared, null, content(sharedCard("x")))).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991661));
            assertCode(patch("om_" + UUID.randomUUID().toString().replace("-", ""), token, content(sharedCard("x"))),
                    230001, "invalid message_id");
            // the content is the card as a JSON string, not an object
            assertCode(patch(shared, token, "{\"content\":" + sharedCard("x") + "}"), 230001, "content");
            // only a shared card can be updated for everyone, before and after
            String notShared = sent(ZHANGSAN, card("不共享"));
            assertCode(patch(notShared, token, content(sharedCard("x"))), 230099, "update_multi");
            assertCode(patch(shared, token, content(card("x"))), 230099, "update_multi");
            // a text message is no card
            MvcTestResult text = post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                    json.writeValueAsString(java.util.Map.of("receive_id", WANGWU, "msg_type", "text", "content",
                            "{\"text\":\"你好\"}")));
            assertCode(patch(bodyOf(text).path("data").path("message_id").stringValue(), token,
                    content(sharedCard("x"))), 230001, "NOT a card");
            // a group bot's message has no app as its sender
            post("/open-apis/bot/v2/hook/sandbox-dev-group", null,
                    "{\"msg_type\":\"interactive\",\"card\":" + sharedCard("群卡片") + "}");
            String group = inbox("sandbox-dev-group").get(0).path("messageId").stringValue();
            assertCode(patch(group, token, content(sharedCard("x"))), 230001, "invalid message_id");
            // at most 5 updates a second of one message: the sixth within the second is refused
            java.util.List<Integer> codes = new java.util.ArrayList<>();
            for (int i = 0; i < 10 && !codes.contains(230020); i++) {
                codes.add(bodyOf(patch(shared, token, content(sharedCard("第 " + i + " 次")))).path("code").intValue());
            }
            assertThat(codes).startsWith(0, 0, 0, 0, 0).contains(230020).containsOnly(0, 230020);
        }
    }

    @Nested
    class AppBotMessage {

        @Test
        void deliversACardToTheInboxAndAnswersTheDocumentedEnvelope() {
            String title = "测试部署成功 · " + UUID.randomUUID();
            MvcTestResult result = post("/open-apis/im/v1/messages?receive_id_type=open_id", token(),
                    message(ZHANGSAN, card(title), UUID.randomUUID().toString()));

            assertThat(result).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(0))
                    .hasPathSatisfying("$.data.msg_type", c -> c.assertThat().isEqualTo("interactive"))
                    .hasPathSatisfying("$.data.sender.sender_type", c -> c.assertThat().isEqualTo("app"));
            assertThat(bodyOf(result).path("data").path("message_id").stringValue()).startsWith("om_");
            JsonNode newest = inbox(ZHANGSAN).get(0);
            assertThat(newest.path("title").stringValue()).isEqualTo(title);
            assertThat(newest.path("text").stringValue()).contains("**结果：** 成功", "http://localhost:8080/releases/1");
            assertThat(newest.path("recipientName").stringValue()).isEqualTo("张三");
        }

        @Test
        void aRepeatedUuidIsDeliveredOnce() {
            String uuid = UUID.randomUUID().toString();
            String title = "去重 " + uuid;
            String token = token();
            JsonNode first = bodyOf(post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                    message(LISI, card(title), uuid)));
            JsonNode second = bodyOf(post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                    message(LISI, card(title), uuid)));

            assertThat(second.path("data").path("message_id")).isEqualTo(first.path("data").path("message_id"));
            long copies = 0;
            for (JsonNode m : inbox(LISI)) {
                copies += title.equals(m.path("title").stringValue()) ? 1 : 0;
            }
            assertThat(copies).isEqualTo(1);
        }

        @Test
        void checksTheTenantToken() {
            String body = message(ZHANGSAN, card("x"), UUID.randomUUID().toString());
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", null, body))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991661));
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", "t-unknown", body))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991663));
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", "abc", body))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991671));
        }

        @Test
        void refusesContentThatIsNotAJsonStringAndBadReceiveIdTypes() {
            String token = token();
            String objectContent = "{\"receive_id\":\"" + ZHANGSAN + "\",\"msg_type\":\"interactive\",\"content\":"
                    + card("x") + "}";
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", token, objectContent))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(230001));
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=phone", token,
                    message(ZHANGSAN, card("x"), UUID.randomUUID().toString())))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(230001));
        }

        @Test
        void answersTheDocumentedCodesForUnknownAndUnavailableUsers() {
            String token = token();
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                    message("ou_nobody", card("x"), UUID.randomUUID().toString())))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(230034));
            assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                    message(OUTSIDE, card("x"), UUID.randomUUID().toString())))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(230013));
            assertThat(inbox(OUTSIDE)).isEmpty();
        }
    }

    @Nested
    class BotWebhook {

        String cardBody(String title) {
            return "{\"msg_type\":\"interactive\",\"card\":" + card(title) + "}";
        }

        @Test
        void postsToAnUnsignedBotsGroup() {
            String title = "新的发布记录 · " + UUID.randomUUID();
            assertThat(post("/open-apis/bot/v2/hook/sandbox-dev-group", null, cardBody(title))).hasStatusOk()
                    .bodyJson().hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(0))
                    .hasPathSatisfying("$.StatusCode", c -> c.assertThat().isEqualTo(0));
            JsonNode newest = inbox("sandbox-dev-group").get(0);
            assertThat(newest.path("title").stringValue()).isEqualTo(title);
            assertThat(newest.path("channel").stringValue()).isEqualTo("GROUP");
        }

        @Test
        void checksTheSignatureOfASignedBot() throws Exception {
            String title = "签名 · " + UUID.randomUUID();
            long now = Instant.now().getEpochSecond();
            String unsigned = cardBody(title);
            String wrong = "{\"timestamp\":\"" + now + "\",\"sign\":\"" + sign(now, "wrong") + "\","
                    + unsigned.substring(1);
            String stale = "{\"timestamp\":\"" + (now - 4000) + "\",\"sign\":\"" + sign(now - 4000,
                    "sandbox-sign-secret") + "\"," + unsigned.substring(1);
            String right = "{\"timestamp\":\"" + now + "\",\"sign\":\"" + sign(now, "sandbox-sign-secret") + "\","
                    + unsigned.substring(1);

            for (String body : new String[] { unsigned, wrong, stale }) {
                assertThat(post("/open-apis/bot/v2/hook/sandbox-release-group", null, body)).hasStatusOk()
                        .bodyJson().hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(19021));
            }
            assertThat(inbox("sandbox-release-group").findValuesAsString("title")).doesNotContain(title);
            assertThat(post("/open-apis/bot/v2/hook/sandbox-release-group", null, right)).hasStatusOk()
                    .bodyJson().hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(0));
            assertThat(inbox("sandbox-release-group").get(0).path("title").stringValue()).isEqualTo(title);
        }

        @Test
        void answersUnknownTokensAndMalformedBodies() {
            assertThat(post("/open-apis/bot/v2/hook/no-such-bot", null, cardBody("x"))).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(19001));
            assertThat(post("/open-apis/bot/v2/hook/sandbox-dev-group", null, "{not json")).hasStatusOk()
                    .bodyJson().hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(9499))
                    .hasPathSatisfying("$.msg", c -> c.assertThat().isEqualTo("Bad Request"));
        }

        @Test
        void limitsABotTo5PerSecondWith429AndTheResetHeader() {
            String token = "rate-" + UUID.randomUUID();
            assertThat(post("/sandbox/feishu/bots", null, "{\"token\":\"" + token + "\",\"groupName\":\"限流群\"}"))
                    .hasStatus(HttpStatus.CREATED);
            for (int i = 0; i < 5; i++) {
                assertThat(post("/open-apis/bot/v2/hook/" + token, null, cardBody("第 " + i + " 条"))).hasStatusOk();
            }
            MvcTestResult sixth = post("/open-apis/bot/v2/hook/" + token, null, cardBody("第 6 条"));

            assertThat(sixth).hasStatus(HttpStatus.TOO_MANY_REQUESTS).bodyJson()
                    .hasPathSatisfying("$.code", c -> c.assertThat().isEqualTo(99991400));
            assertThat(sixth.getResponse().getHeader("x-ogw-ratelimit-reset")).isEqualTo("1");
            assertThat(inbox(token)).hasSize(5);
        }
    }

    @Test
    void theInboxPageShowsNewestMessagesFirstEscaped() throws Exception {
        String older = "旧消息 " + UUID.randomUUID();
        String newer = "<b>新消息</b> " + UUID.randomUUID();
        String token = token();
        post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                message(ZHANGSAN, card(older), UUID.randomUUID().toString()));
        post("/open-apis/im/v1/messages?receive_id_type=open_id", token,
                message(ZHANGSAN, card(newer), UUID.randomUUID().toString()));

        MvcTestResult page = mvc.get().uri("/sandbox/feishu/inbox?to=" + ZHANGSAN).exchange();
        assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("张三", "&lt;b&gt;新消息&lt;/b&gt;").doesNotContain("<b>新消息</b>");
        assertThat(html.indexOf(newer.substring(newer.length() - 36))).isLessThan(html.indexOf(older));
    }

    @Test
    void theInboxPageShowsLarkMdBoldAndLinksAndEscapedTextAsTyped() throws Exception {
        String id = UUID.randomUUID().toString();
        // as the platform writes a card: user text entity-escaped (docs/feishu-card-text.md), its own links
        String card = json.writeValueAsString(json.readTree("""
                {"header":{"title":{"tag":"plain_text","content":"REL-1 &#60;i&#62;限流&#60;/i&#62; <b>修复</b> %s"}},
                 "elements":[
                  {"tag":"div","text":{"tag":"lark_md",
                   "content":"**发布记录：** REL-1 &#60;script&#62;alert(1)&#60;/script&#62; &#42;&#42;不是粗体&#42;&#42;"}},
                  {"tag":"div","text":{"tag":"lark_md",
                   "content":"**下载：**\\n• [app&#95;1.0.zip](https://platform.example.com/builds/1/download?path=a&b=c)"}},
                  {"tag":"div","text":{"tag":"plain_text","content":"**纯文本** [x](https://example.com)"}}]}"""
                .formatted(id)));
        assertThat(post("/open-apis/im/v1/messages?receive_id_type=open_id", token(),
                message(WANGWU, card, UUID.randomUUID().toString()))).hasStatusOk();

        String html = mvc.get().uri("/sandbox/feishu/inbox?to=" + WANGWU).exchange().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        int at = html.indexOf(id);
        String message = html.substring(html.lastIndexOf("<div class=\"msg\"", at), html.indexOf("</pre>", at));
        assertThat(message).contains("<strong>发布记录：</strong> REL-1 &lt;script&gt;alert(1)&lt;/script&gt; **不是粗体**",
                "<strong>下载：</strong>\n• <a href=\"https://platform.example.com/builds/1/download?path=a&amp;b=c\" "
                        + "rel=\"noopener noreferrer\">app_1.0.zip</a>",
                "**纯文本** [x](https://example.com)")
                .as("the title is plain text, shown as it arrived")
                .contains("<h3>REL-1 &amp;#60;i&amp;#62;限流&amp;#60;/i&amp;#62; &lt;b&gt;修复&lt;/b&gt; " + id + "</h3>")
                .doesNotContain("<script>", "<i>", "<b>");
    }
}
