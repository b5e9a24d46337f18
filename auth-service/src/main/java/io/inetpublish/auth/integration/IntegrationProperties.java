package io.inetpublish.auth.integration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Integration tokens ({@code inetpublish.auth.integration.*}): how long an exchanged access token lives, and how
 * many exchanges a client address may make per minute.
 */
@ConfigurationProperties("inetpublish.auth.integration")
public record IntegrationProperties(Duration accessTokenTtl, int exchangePerMinute) {

    public IntegrationProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(5) : accessTokenTtl;
        exchangePerMinute = exchangePerMinute <= 0 ? 60 : exchangePerMinute;
    }
}
