package io.inetpublish.notify.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Feishu is (the timeouts and breaker of its calls are the outside call {@code feishu}).
 *
 * @param baseUrl API host for the tenant token and app bot messages; also an accepted webhook host
 *     ({@code FEISHU_API_BASE_URL}, formerly {@code FEISHU_BASE_URL}; the sandbox's URL in dev)
 * @param larkBaseUrl the other accepted webhook host ({@code LARK_BASE_URL})
 * @param appId app used when the settings were never saved ({@code FEISHU_APP_ID})
 * @param appSecret its secret ({@code FEISHU_APP_SECRET}); never logged
 */
@ConfigurationProperties("inetpublish.feishu")
public record FeishuProperties(@DefaultValue("https://open.feishu.cn") URI baseUrl,
        @DefaultValue("https://open.larksuite.com") URI larkBaseUrl, String appId, String appSecret,
        @DefaultValue("3m") Duration tokenRefreshMargin) {

    @Override
    public String toString() {
        return "FeishuProperties[baseUrl=" + baseUrl + ", larkBaseUrl=" + larkBaseUrl + ", appId=" + appId + "]";
    }
}
