package io.inetpublish.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PublishedAuditEvents;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.notify.settings.SettingsService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@NotifyIntegrationTest
class SettingsIT extends NotifyItSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SettingsService settingsService;

    private static final String SETTINGS = "/api/notifications/settings";

    private String hook(String token) {
        return FEISHU.baseUrl() + FeishuStub.HOOK_PATH + token;
    }

    @Test
    void storesSecretsButNeverReturnsThem() {
        String botSecret = "bot-secret-" + UUID.randomUUID();
        MvcTestResult saved = putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"appSecret\":\""
                + FeishuStub.APP_SECRET + "\",\"webhooks\":[{\"name\":\"发布群\",\"url\":\"" + hook("ok-settings")
                + "\",\"secret\":\"" + botSecret + "\",\"eventTypes\":[\"release.submitted\",\"schedule.due\"]}]}");

        assertThat(saved).hasStatusOk();
        assertThat(body(saved)).doesNotContain(FeishuStub.APP_SECRET, botSecret);
        JsonNode view = getJson(SETTINGS);
        assertThat(getJson(SETTINGS).toString()).doesNotContain(FeishuStub.APP_SECRET, botSecret);
        assertThat(view.path("appId").stringValue()).isEqualTo(FeishuStub.APP_ID);
        assertThat(view.path("appSecretSet").booleanValue()).isTrue();
        JsonNode webhook = view.path("webhooks").get(0);
        assertThat(webhook.path("secretSet").booleanValue()).isTrue();
        assertThat(webhook.path("url").stringValue()).isEqualTo(hook("ok-settings"));
        assertThat(webhook.path("eventTypes").toString()).isEqualTo("[\"release.submitted\",\"schedule.due\"]");

        // saving again without the secrets keeps them; an empty secret removes the bot's
        String id = webhook.path("id").stringValue();
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[{\"id\":\"" + id
                + "\",\"name\":\"发布群\",\"url\":\"" + hook("ok-settings") + "\",\"eventTypes\":[\"schedule.due\"]}]}"))
                .hasStatusOk();
        JsonNode kept = getJson(SETTINGS);
        assertThat(kept.path("appSecretSet").booleanValue()).isTrue();
        assertThat(kept.path("webhooks").get(0).path("id").stringValue()).isEqualTo(id);
        assertThat(kept.path("webhooks").get(0).path("secretSet").booleanValue()).isTrue();
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[{\"id\":\"" + id
                + "\",\"name\":\"发布群\",\"url\":\"" + hook("ok-settings") + "\",\"secret\":\"\",\"eventTypes\":[]}]}"))
                .hasStatusOk();
        assertThat(getJson(SETTINGS).path("webhooks").get(0).path("secretSet").booleanValue()).isFalse();
    }

    @Test
    void aChangeGoesToTheAuditTrailWithNamesAndEventTypesButNoAddressOrSecret() {
        String botSecret = "bot-secret-" + UUID.randomUUID();
        String bot = "群-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"appSecret\":\""
                + FeishuStub.APP_SECRET + "\",\"webhooks\":[{\"name\":\"" + bot + "\",\"url\":\"" + hook("ok-audit")
                + "\",\"secret\":\"" + botSecret + "\",\"eventTypes\":[\"schedule.due\"]}]}")).hasStatusOk();
        String id = getJson(SETTINGS).path("webhooks").get(0).path("id").stringValue();
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[{\"id\":\"" + id
                + "\",\"name\":\"" + bot + "\",\"url\":\"" + hook("ok-audit-2") + "\",\"eventTypes\":[\"schedule.due\","
                + "\"release.submitted\"]}]}")).hasStatusOk();

        List<EventEnvelope<AuditEvent>> saved = new PublishedAuditEvents(jdbc, json)
                .about(EventTypes.INTEGRATION_SETTINGS_CHANGED, "feishu");
        AuditEvent last = saved.get(saved.size() - 1).payload();
        assertThat(last.target()).isEqualTo(new AuditEvent.Target(AuditEvent.Kind.INTEGRATION_SETTINGS, "feishu", "Feishu"));
        assertThat(last.changes()).containsExactly(new AuditEvent.Change("webhooks", bot + ": schedule.due",
                bot + ": schedule.due, release.submitted"));
        assertThat(last.fact("webhookAddressChanged")).isEqualTo(bot);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where envelope::text like ? or "
                + "envelope::text like ? or envelope::text like ?", Long.class, "%ok-audit%", "%" + botSecret + "%",
                "%" + FeishuStub.APP_SECRET + "%")).isZero();
    }

    @Test
    void storesTheSecretsSealedAndStillReadsSecretsStoredBeforeSealing() {
        String botSecret = "bot-secret-" + UUID.randomUUID();
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"appSecret\":\""
                + FeishuStub.APP_SECRET + "\",\"webhooks\":[{\"name\":\"发布群\",\"url\":\"" + hook("ok-sealed")
                + "\",\"secret\":\"" + botSecret + "\",\"eventTypes\":[\"release.submitted\"]}]}")).hasStatusOk();

        String appSecret = jdbc.queryForObject("select app_secret from feishu_settings", String.class);
        String stored = jdbc.queryForObject("select secret from feishu_webhook", String.class);
        assertThat(appSecret).startsWith("enc:v1:").doesNotContain(FeishuStub.APP_SECRET);
        assertThat(stored).startsWith("enc:v1:").doesNotContain(botSecret);
        assertThat(settingsService.appCredentials().appSecret()).isEqualTo(FeishuStub.APP_SECRET);
        assertThat(settingsService.webhooksFor("release.submitted")).singleElement()
                .satisfies(w -> assertThat(w.secret()).isEqualTo(botSecret));

        // rows written by an earlier version, in plain text
        jdbc.update("update feishu_settings set app_secret = ?", FeishuStub.APP_SECRET);
        jdbc.update("update feishu_webhook set secret = 'plain-bot-secret'");
        assertThat(settingsService.appCredentials().appSecret()).isEqualTo(FeishuStub.APP_SECRET);
        assertThat(settingsService.webhooksFor("release.submitted")).singleElement()
                .satisfies(w -> assertThat(w.secret()).isEqualTo("plain-bot-secret"));
    }

    @Test
    void savingOnlyTheGroupBotsKeepsTheAppIdSoPeopleStillGetTheirMessages() {
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[]}")).hasStatusOk();

        assertThat(putJson(SETTINGS, "{\"webhooks\":[{\"name\":\"only-bots\",\"url\":\"" + hook("ok-bots")
                + "\",\"eventTypes\":[\"release.submitted\"]}]}")).hasStatusOk();
        assertThat(getJson(SETTINGS).path("appId").stringValue()).isEqualTo(FeishuStub.APP_ID);

        // an empty app id is how an admin removes it
        assertThat(putJson(SETTINGS, "{\"appId\":\"\",\"webhooks\":[]}")).hasStatusOk();
        JsonNode removed = getJson(SETTINGS).path("appId");
        assertThat(removed.isNull() || removed.isMissingNode()).isTrue();
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[]}")).hasStatusOk();
    }

    @Test
    void refusesUrlsThatAreNotFeishuBotWebhooksAndStoresNothing() {
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[{\"name\":\"a\",\"url\":\""
                + hook("ok-before") + "\",\"eventTypes\":[\"schedule.due\"]}]}")).hasStatusOk();

        for (String url : new String[] { "https://evil.example.com/open-apis/bot/v2/hook/abc",
                "https://open.feishu.cn.evil.com/open-apis/bot/v2/hook/abc",
                "http://open.feishu.cn/open-apis/bot/v2/hook/abc",
                "https://open.feishu.cn/open-apis/im/v1/messages",
                "https://open.feishu.cn/open-apis/bot/v2/hook/",
                "https://user@open.feishu.cn/open-apis/bot/v2/hook/abc",
                FEISHU.baseUrl() + "/open-apis/bot/v2/hook/abc?next=https://evil.example.com" }) {
            MvcTestResult result = putJson(SETTINGS, "{\"appId\":\"changed\",\"webhooks\":[{\"name\":\"ok\",\"url\":\""
                    + hook("ok-1") + "\",\"eventTypes\":[]},{\"name\":\"b\",\"url\":\"" + url
                    + "\",\"eventTypes\":[\"release.submitted\"]}]}");
            assertThat(result).as(url).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("webhooks[1].url"))
                    .hasPathSatisfying("$.type",
                            t -> t.assertThat().isEqualTo("https://inetpublish.io/problems/validation"));
        }
        JsonNode unchanged = getJson(SETTINGS);
        assertThat(unchanged.path("appId").stringValue()).isEqualTo(FeishuStub.APP_ID);
        assertThat(unchanged.path("webhooks")).hasSize(1);
        assertThat(unchanged.path("webhooks").get(0).path("url").stringValue()).isEqualTo(hook("ok-before"));
    }

    @Test
    void theSettingsNameWhoChangedThemAsAPerson() {
        assertThat(mvc.put().uri(SETTINGS).with(TestTokens.bearer("ou_ada", "Ada", Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"appId\":\"" + FeishuStub.APP_ID
                        + "\",\"webhooks\":[]}")).hasStatusOk();
        JsonNode saved = getJson(SETTINGS);
        assertThat(saved.at("/updatedBy/id").stringValue()).isEqualTo("ou_ada");
        assertThat(saved.at("/updatedBy/name").stringValue()).isEqualTo("Ada");
    }

    @Test
    void aRefusedWebhookSaysWhyInTheReadersLanguage() {
        String body = "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[{\"name\":\"b\",\"url\":"
                + "\"https://evil.example.com/open-apis/bot/v2/hook/abc\",\"eventTypes\":[]}]}";
        assertThat(putJson(SETTINGS, body)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].message",
                        m -> m.assertThat().asString().startsWith("必须是飞书或 Lark 自定义机器人的 Webhook 地址："));
        assertThat(mvc.put().uri(SETTINGS).contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "en")
                .content(body)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].message",
                        m -> m.assertThat().asString().startsWith("must be a Feishu or Lark bot webhook: "));
    }

    @Test
    void acceptsTheLarkHost() {
        assertThat(putJson(SETTINGS, "{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[{\"name\":\"lark\",\"url\":"
                + "\"https://open.larksuite.com/open-apis/bot/v2/hook/2f0b1c3e-aaaa\",\"eventTypes\":[]}]}"))
                .hasStatusOk();
    }

    @Test
    void namesTheWrongFieldForUnknownEventTypesAndIds() {
        assertThat(putJson(SETTINGS, "{\"appId\":\"x\",\"webhooks\":[{\"name\":\"a\",\"url\":\"" + hook("ok-x")
                + "\",\"eventTypes\":[\"build.finished\",\"build.started\"]}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("webhooks[0].eventTypes[1]"));
        assertThat(putJson(SETTINGS, "{\"appId\":\"x\",\"webhooks\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"name\":\"a\",\"url\":\"" + hook("ok-x") + "\",\"eventTypes\":[]}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("webhooks[0].id"));
        assertThat(getJson(SETTINGS).path("appId").stringValue()).isEqualTo(FeishuStub.APP_ID);
    }
}
