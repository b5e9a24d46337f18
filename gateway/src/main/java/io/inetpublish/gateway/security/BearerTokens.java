package io.inetpublish.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The access token from the {@code Authorization} header, by the rules of Spring Security's
 * {@link ServerBearerTokenAuthenticationConverter} as the gateway used it (header only, never a query or form
 * parameter): no header or another scheme is no token (the request goes on unauthenticated, and {@code /api/**}
 * answers 401); {@code Bearer} followed by anything but one space and a token of {@code [A-Za-z0-9-._~+/]+=*} is a
 * malformed token (401 invalid_token). Without the regular expression and the four Reactor operators per request that
 * one uses: on a 700-character token the expression was ~3% of the gateway's CPU (docs/bench-gateway.md, 2026-12-04
 * evening); {@code BearerTokensTest} holds it to the same answers as Spring Security's on every kind of header.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Mono.empty();
        }
        String token = token(header);
        if (token == null) {
            return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /** The token of {@code Bearer <token>} (the scheme in any case), or null when the header is not of that form. */
    static String token(String header) {
        int start = SCHEME.length() + 1;
        if (header.length() <= start || header.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        int i = start;
        while (i < header.length() && tokenChar(header.charAt(i))) {
            i++;
        }
        if (i == start) {
            return null;
        }
        while (i < header.length() && header.charAt(i) == '=') {
            i++;
        }
        return i == header.length() ? header.substring(start) : null;
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
