package io.inetpublish.gateway.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Who may call what at the gateway, decided in one step: the few open calls (the login and its callback, the JWKS,
 * the refresh, a machine's token exchange, a download link, Feishu's card callback) for anyone, the rest of
 * {@code /api/**} for an authenticated person or machine, everything else (the web app, the API reference) for anyone.
 * The same rules and the same path patterns ({@link PathPatternParser#defaultInstance}, as Spring Security's
 * {@code pathMatchers}) as the chain of {@code pathMatchers(...)} it replaces, which ran up to nine matchers per
 * request, each as a few Reactor operators with a debug message formatted even with debug logging off (~3% of the
 * gateway's CPU, docs/bench-gateway.md, 2026-12-04 evening).
 */
final class GatewayAccess implements ReactiveAuthorizationManager<AuthorizationContext> {

    private record Open(HttpMethod method, PathPattern pattern) {
    }

    private static final List<Open> OPEN = List.of(
            open(HttpMethod.GET, "/api/auth/login"), open(HttpMethod.GET, "/api/auth/callback"),
            open(HttpMethod.GET, "/api/auth/jwks"), open(HttpMethod.GET, "/api/auth/.well-known/jwks.json"),
            open(HttpMethod.POST, "/api/auth/refresh"),
            // a short-lived single-use download link is its own credential (build-service checks it)
            open(HttpMethod.GET, "/api/builds/downloads/*"),
            // machines exchange an integration token for an access token (auth-service checks it)
            open(HttpMethod.POST, "/api/auth/token"),
            // Feishu's card callback carries no platform token (release-service checks its signature)
            open(HttpMethod.POST, "/api/approvals/feishu/card-callback"));
    private static final PathPattern API = parse("/api/**");

    private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        if (!needsAuthentication(context.getExchange().getRequest())) {
            return GRANTED;
        }
        // as Spring Security's authenticated(): an authentication that is not anonymous and says it is authenticated
        return authentication.filter(a -> !trust.isAnonymous(a))
                .<AuthorizationResult>map(a -> new AuthorizationDecision(a.isAuthenticated()))
                .defaultIfEmpty(DENIED);
    }

    static boolean needsAuthentication(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        if (!API.matches(path)) {
            return false;
        }
        for (Open open : OPEN) {
            if (open.method().equals(request.getMethod()) && open.pattern().matches(path)) {
                return false;
            }
        }
        return true;
    }

    private static Open open(HttpMethod method, String pattern) {
        return new Open(method, parse(pattern));
    }

    private static PathPattern parse(String pattern) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return parser.parse(parser.initFullPathPattern(pattern));
    }
}
