package io.inetpublish.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's signing keys are published and what a valid access token must say ({@code inetpublish.security.*}).
 *
 * @param jwksUri auth-service's JWKS: {@code http://host:port/api/auth/jwks}, or by Eureka name
 *                {@code lb://auth-service/api/auth/jwks}
 * @param issuer  the {@code iss} every token must carry
 * @param audience the {@code aud} every token must contain
 */
@ConfigurationProperties("inetpublish.security")
public record PlatformSecurityProperties(
        @DefaultValue("http://127.0.0.1:8081/api/auth/jwks") String jwksUri,
        @DefaultValue("inetpublish-auth") String issuer,
        @DefaultValue("inetpublish") String audience) {
}
