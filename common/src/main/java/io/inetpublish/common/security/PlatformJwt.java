package io.inetpublish.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How the platform's access token is checked, in one place for every servlet service (auth-service included): ES256
 * only (so {@code alg: none} and HS256 signed with a public key fail), a key the JWKS publishes under the token's
 * {@code kid}, {@code iss} and {@code aud} as configured, an {@code exp} in the future. Roles come from the
 * {@code roles} claim as {@code ROLE_<name>} authorities.
 */
public final class PlatformJwt {

    public static final String NAME_CLAIM = "name";
    public static final String ROLES_CLAIM = "roles";
    public static final String SESSION_CLAIM = "sid";

    /** Verified tokens a service remembers: far more than the people of one vendor hold at once. */
    static final int VERIFIED_TOKENS_KEPT = 10_000;

    /** What a 503 for a token that could not be checked asks the caller to wait: about one JWKS fetch timeout. */
    static final int UNVERIFIABLE_RETRY_AFTER_SECONDS = 5;

    private PlatformJwt() {
    }

    /**
     * The token-only shape every servlet service's filter chain shares: stateless, no sessions, forms, basic auth
     * or CSRF; bearer tokens validated by {@code decoder}; 401/403 as problem details. The caller adds its rules.
     */
    public static HttpSecurity statelessResourceServer(HttpSecurity http, JwtDecoder decoder) throws Exception {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        Messages messages = context == null ? null : context.getBeanProvider(Messages.class).getIfAvailable();
        LocaleResolver locales = context == null ? null : context.getBeanProvider(LocaleResolver.class)
                .getIfAvailable(MessagesAutoConfiguration::requestLanguage);
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(authenticationEntryPoint(messages, locales))
                        .accessDeniedHandler(accessDeniedHandler(messages, locales))
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(
                                        authenticationFailureHandler(messages, locales));
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(authenticationEntryPoint(messages, locales))
                        .accessDeniedHandler(accessDeniedHandler(messages, locales)));
    }

    /** Verifies as described above, and remembers a verified token until it expires ({@link VerifiedTokenCache}). */
    public static JwtDecoder decoder(JWKSource<SecurityContext> keys, String issuer, String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(issuer, audience));
        return new VerifiedTokenCache(decoder, Clock.systemUTC(), VERIFIED_TOKENS_KEPT);
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<Object>("exp", exp -> exp != null));
    }

    /**
     * Roles ({@code roles} claim) as {@code ROLE_<name>}; an integration's scopes ({@code scope} claim, see
     * {@link IntegrationScope}) as {@code SCOPE_<value>}.
     */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        scopes.setAuthoritiesClaimName(IntegrationScope.CLAIM);
        scopes.setAuthorityPrefix("SCOPE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> all = new ArrayList<>(roles.convert(jwt));
            if (jwt.hasClaim(IntegrationScope.CLAIM)) {
                all.addAll(scopes.convert(jwt));
            }
            return all;
        });
        return converter;
    }

    /** Every person's role: what a read open to "any logged-in person" asks for (an integration token has none). */
    public static String[] anyPersonRole() {
        return java.util.Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
    }

    /** 401 with {@code WWW-Authenticate: Bearer …} and an RFC 9457 body in the request's language. */
    public static AuthenticationEntryPoint authenticationEntryPoint(Messages messages, LocaleResolver locales) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            problem(messages, locales, request, response, 401, "unauthorized", "Unauthorized",
                    "A valid access token is required.");
        };
    }

    /**
     * A bearer token that could not be checked at all — the service could not read auth-service's keys (a fresh
     * instance whose first JWKS fetch timed out, auth-service restarting) — is the platform's fault, not the
     * caller's: 503 with {@code Retry-After} and a problem that says so, instead of Spring Security's default of
     * rethrowing it (a 500 with a stack trace). Every other failure is the 401 of {@link #authenticationEntryPoint}.
     */
    public static AuthenticationFailureHandler authenticationFailureHandler(Messages messages,
            LocaleResolver locales) {
        AuthenticationEntryPoint unauthorized = authenticationEntryPoint(messages, locales);
        return (request, response, failure) -> {
            if (!(failure instanceof AuthenticationServiceException)) {
                unauthorized.commence(request, response, failure);
                return;
            }
            LoggerFactory.getLogger(PlatformJwt.class).warn("Bearer token not checked, answered 503: {}",
                    failure.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(UNVERIFIABLE_RETRY_AFTER_SECONDS));
            problem(messages, locales, request, response, 503, "token-unverifiable", "Service unavailable",
                    "The access token cannot be checked right now; try again in a few seconds.");
        };
    }

    /** 403 with an RFC 9457 body in the request's language. */
    public static AccessDeniedHandler accessDeniedHandler(Messages messages, LocaleResolver locales) {
        return (request, response, denied) -> problem(messages, locales, request, response, 403, "forbidden",
                "Forbidden", "Your role does not allow this.");
    }

    private static void problem(Messages messages, LocaleResolver locales, HttpServletRequest request,
            HttpServletResponse response, int status, String kind, String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (messages != null && locales != null) {
            Locale locale = locales.resolveLocale(request);
            title = messages.text(locale, "problem.title." + status);
            detail = messages.text(locale, "problem." + kind);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"https://inetpublish.io/problems/" + kind + "\",\"title\":\""
                + json(title) + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
