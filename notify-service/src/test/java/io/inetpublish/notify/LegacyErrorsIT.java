package io.inetpublish.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.test.LegacyTexts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V35_2: a notification's last error (or skip reason) stored before as an English sentence becomes a code where the
 * sentence is known: read in English it is the sentence as it was, read in Chinese it is Chinese; any other text
 * (the Chinese "未发送：…" of a refused address among them) is left as it is.
 */
@NotifyIntegrationTest
class LegacyErrorsIT {

    static final String MIGRATION = "db/migration/V35_2__notification_errors_as_codes.sql";

    static final List<String> KNOWN = List.of(
            "the Feishu app id and secret are not configured",
            "the group bot webhook was removed from the settings",
            "gave up after PT24H of failures; last: cannot reach Feishu at http://127.0.0.1:8089",
            "Feishu at http://127.0.0.1:8089 failed repeatedly; nothing was sent, sending is paused for a moment",
            "cannot reach the webhook host open.feishu.cn",
            "cannot reach Feishu at http://127.0.0.1:8089 for the tenant_access_token",
            "rate limited by Feishu: HTTP 429, code 99991400 request trigger frequency limit",
            "frequency limit: HTTP 200, code 230020 send message frequency limit",
            "user is outside the app's availability (HTTP 400, code 230013 Bot has NO availability to this user.)",
            "signature check failed (signing secret wrong, or clock off by more than an hour) (HTTP 200, code 19021 "
                    + "sign match fail or timestamp is not within one hour from current time)",
            "the webhook refused the message (HTTP 404: not found)",
            "the card to update was never sent; nothing to update",
            "waiting for the card to update to be sent (it is PENDING)",
            "waiting for the card to update to be sent (it is FAILED: HTTP 503: upstream unavailable)",
            "the approval was decided before its card went out; nothing to ask",
            "the approval card was never sent (the approver 'lisi02' is not a Feishu open_id (ou_…); nobody to "
                    + "message); nothing to update",
            "the message was recalled (HTTP 400, code 230011 message recalled)",
            "Feishu could not build the card (for example: not a shared card, config.update_multi) (HTTP 400, code "
                    + "230099 Failed to create card content)",
            "HTTP 503: Service Unavailable",
            "Feishu refused the tenant_access_token for app cli_123 (HTTP 200, code 10014 app secret invalid); "
                    + "check the app id and secret in the settings",
            "tenant token refused twice: HTTP 200, code 99991663 invalid token",
            "the actor is 'anonymous', not a Feishu user; nobody to message",
            "the event names no schedule owner; nobody to message",
            "the customer owner 'wangwu' is not a Feishu open_id (ou_…); nobody to message");

    @Autowired
    DataSource dataSource;

    @Autowired
    Messages messages;

    @Test
    void knownSentencesBecomeCodesThatReadAsTheSentenceInEnglishAndAsChineseInChinese() throws Exception {
        try (LegacyTexts legacy = new LegacyTexts(dataSource, MIGRATION, "pg_temp.error_of")) {
            legacy.assertMappedAndReadAsBefore(KNOWN, messages, "cannot", "refused", "nobody", "the webhook",
                    "outside the app");
            assertThat(legacy.of("the customer owner 'wangwu' is not a Feishu open_id (ou_…); nobody to message")
                    .render(messages, Locale.SIMPLIFIED_CHINESE))
                    .isEqualTo("客户负责人“wangwu”不是飞书 open_id（ou_…）；没有可通知的人");
        }
    }

    @Test
    void anyOtherTextIsLeftAsItIs() throws Exception {
        try (LegacyTexts legacy = new LegacyTexts(dataSource, MIGRATION, "pg_temp.error_of")) {
            assertThat(legacy.of("未发送：127.0.0.1:8761 是平台自己的地址")).isNull();
            assertThat(legacy.of("gave up after PT24H of failures; last: something else")).isNull();
            assertThat(legacy.of("the event names no dog; nobody to message")).isNull();
            assertThat(legacy.of("some other text (HTTP 400, code 1)")).isNull();
        }
    }
}
