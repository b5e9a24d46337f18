package io.inetpublish.auth.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.inetpublish.common.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of login, tokens and users ({@code inetpublish.auth.*} in application.yml). */
@ConfigurationProperties("inetpublish.auth")
public record AuthProperties(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl,
        Duration loginStateTtl, String redirectUri, boolean cookieSecure, List<String> admins, Role defaultRole,
        String keyEncryptionSecret, Duration keyRotationPeriod, RateLimit rateLimit, Feishu feishu,
        Duration refreshReuseGrace, Duration sessionMaxLifetime) {

    public AuthProperties {
        // a second tab refreshing with the token the first one just rotated is no theft (RefreshTokens)
        refreshReuseGrace = refreshReuseGrace == null ? Duration.ofSeconds(10) : refreshReuseGrace;
        // a login session ends this long after the login, however often it was refreshed
        sessionMaxLifetime = sessionMaxLifetime == null ? Duration.ofHours(12) : sessionMaxLifetime;
        admins = admins == null ? List.of()
                : admins.stream().map(String::trim).filter(a -> !a.isEmpty()).map(a -> a.toLowerCase(Locale.ROOT))
                        .toList();
        defaultRole = defaultRole == null ? Role.VIEWER : defaultRole;
    }

    /** True when the person with this open_id or e-mail is a configured administrator. */
    public boolean isConfiguredAdmin(String openId, String email) {
        return (openId != null && admins.contains(openId.toLowerCase(Locale.ROOT)))
                || (email != null && !email.isBlank() && admins.contains(email.toLowerCase(Locale.ROOT)));
    }

    public record RateLimit(int loginPerMinute, int refreshPerMinute) {
    }

    /** Feishu's hosts and the app; the timeouts and breaker of its calls are the outside call {@code feishu}. */
    public record Feishu(String authBaseUrl, String apiBaseUrl, String appId, String appSecret, String scope) {
    }
}
