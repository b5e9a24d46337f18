package io.inetpublish.gateway.spa;

import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the single-page web app (built into {@code classpath:/static}) so that deep links work on reload: a GET
 * for a page path such as {@code /releases/42} (no file extension, not under {@code /api/}, {@code /api-docs/} or
 * {@code /actuator/}) is answered with {@code /index.html}, and the app's router shows the page. Cache headers: {@code index.html} is
 * revalidated on every load (so a new deployment is picked up at once); the content-hashed files under
 * {@code /assets/} are cached for a year.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SpaWebFilter implements WebFilter {

    static final String INDEX = "/index.html";
    static final CacheControl INDEX_CACHE = CacheControl.noCache();
    static final CacheControl ASSET_CACHE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        String path = request.getPath().pathWithinApplication().value();
        if (isServerPath(path)) {
            return chain.filter(exchange);
        }
        ServerWebExchange target = exchange;
        if (isPagePath(path)) {
            target = exchange.mutate().request(request.mutate().path(INDEX).build()).build();
            path = INDEX;
        }
        CacheControl cache = INDEX.equals(path) ? INDEX_CACHE : path.startsWith("/assets/") ? ASSET_CACHE : null;
        if (cache != null) {
            var response = target.getResponse();
            response.beforeCommit(() -> {
                if (response.getStatusCode() == null || response.getStatusCode().is2xxSuccessful()
                        || response.getStatusCode().value() == 304) {
                    response.getHeaders().set(HttpHeaders.CACHE_CONTROL, cache.getHeaderValue());
                }
                return Mono.empty();
            });
        }
        return chain.filter(target);
    }

    /** Paths the app never owns: the API and its reference, the actuator, and the gateway's own error page. */
    static boolean isServerPath(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/api-docs")
                || path.startsWith("/api-docs/") || path.equals("/actuator")
                || path.startsWith("/actuator/") || path.equals("/error");
    }

    /** A page of the app: the root or a path whose last segment has no file extension. */
    static boolean isPagePath(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return true;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
