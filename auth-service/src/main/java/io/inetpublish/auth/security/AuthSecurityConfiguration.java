package io.inetpublish.auth.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.token.SigningKeys;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * auth-service checks its own access tokens (against its own keys, without an HTTP round trip). Open: login,
 * callback, refresh, JWKS and the operator endpoints; users and keys: ADMIN; everything else: logged in.
 */
@Configuration(proxyBeanMethods = false)
class AuthSecurityConfiguration {

    @Bean
    SecurityFilterChain authSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // only health, info and prometheus are exposed (and never routed by the gateway)
                        .requestMatchers("/actuator/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/auth/login", "/api/auth/callback", "/api/auth/jwks",
                                "/api/auth/.well-known/jwks.json").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/refresh").permitAll()
                        .requestMatchers("/api/auth/users", "/api/auth/users/**", "/api/auth/keys/**")
                        .hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            problem(response, 401, "unauthorized", "A valid access token is required.");
                        })
                        .accessDeniedHandler((request, response, denied) -> problem(response, 403, "forbidden",
                                "Your role does not allow this.")));
        return http.build();
    }

    /** Validates access tokens with the published keys: ES256 only, known kid, iss, aud, not expired. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties) {
        JWKSource<SecurityContext> source = (selector, context) -> select(selector, keys);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience())),
                new JwtClaimValidator<Object>("exp", exp -> exp != null)));
        return decoder;
    }

    private static List<JWK> select(JWKSelector selector, SigningKeys keys) {
        List<JWK> found = selector.select(keys.publishedCached());
        // a kid we have not seen yet may be a key another instance just created
        return found.isEmpty() ? selector.select(keys.reloadPublished()) : found;
    }

    private static void problem(HttpServletResponse response, int status, String kind, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"https://inetpublish.io/problems/" + kind + "\",\"title\":\""
                + (status == 401 ? "Unauthorized" : "Forbidden") + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
