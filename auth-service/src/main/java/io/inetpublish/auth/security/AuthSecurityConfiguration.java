package io.inetpublish.auth.security;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.token.SigningKeys;
import io.inetpublish.common.security.ManagementRequests;
import io.inetpublish.common.security.PlatformJwt;
import io.inetpublish.common.web.ApiDocsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * auth-service checks its own access tokens the way every service does ({@link PlatformJwt}), but against its own
 * keys without an HTTP round trip. Open: login, callback, refresh, JWKS, the machines' token endpoint, and on the
 * management port the operator endpoints with the gateway's revocation list; users, keys and integration tokens:
 * ADMIN; everything else (me, logout): a logged-in person.
 */
@Configuration(proxyBeanMethods = false)
class AuthSecurityConfiguration {

    @Bean
    SecurityFilterChain authSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, Environment environment)
            throws Exception {
        PlatformJwt.statelessResourceServer(http, jwtDecoder)
                .authorizeHttpRequests(requests -> {
                    // the management port's rules, the gateway's revocation list included (RevocationsEndpoint)
                    ManagementRequests.configure(requests, environment);
                    requests.requestMatchers("/error").permitAll()
                            .requestMatchers(HttpMethod.GET, ApiDocsAutoConfiguration.PATH).permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/auth/login", "/api/auth/callback", "/api/auth/jwks",
                                    "/api/auth/.well-known/jwks.json").permitAll()
                            .requestMatchers(HttpMethod.POST, "/api/auth/refresh").permitAll()
                            // machines exchange an integration token here (client credentials; the endpoint checks)
                            .requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll()
                            // other services' owner migrations (no person's token on a scheduled run); outside
                            // /api, so never routed by the gateway
                            .requestMatchers(HttpMethod.POST, "/internal/people/resolve",
                                    "/internal/people/approvers").permitAll()
                            .requestMatchers(HttpMethod.POST, "/api/auth/people").hasRole("ADMIN")
                            .requestMatchers("/api/auth/users", "/api/auth/users/**", "/api/auth/keys/**",
                                    "/api/auth/integration-tokens", "/api/auth/integration-tokens/**")
                            .hasRole("ADMIN")
                            // a person; an integration's token (scopes, no role) has nothing to do here
                            .anyRequest().hasAnyRole(PlatformJwt.anyPersonRole());
                });
        return http.build();
    }

    /** Validates access tokens with the keys this service publishes. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties) {
        JWKSource<SecurityContext> source = (selector, context) -> select(selector, keys);
        return PlatformJwt.decoder(source, properties.issuer(), properties.audience());
    }

    private static List<JWK> select(JWKSelector selector, SigningKeys keys) {
        List<JWK> found = selector.select(keys.publishedCached());
        // a kid we have not seen yet may be a key another instance just created
        return found.isEmpty() ? selector.select(keys.reloadPublished()) : found;
    }
}
