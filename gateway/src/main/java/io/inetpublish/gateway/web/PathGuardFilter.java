package io.inetpublish.gateway.web;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses request paths that a service behind the gateway would normalise into somewhere else: dot segments
 * ({@code /api/releases/../actuator/env}), their percent-encoded forms, encoded slashes and backslashes, and
 * path parameters ({@code ..;/}). Without this, a route's prefix could be used to reach a service's actuator.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PathGuardFilter implements WebFilter {

    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw != null && isSuspicious(raw)) {
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            byte[] body = GatewayProblems.body(HttpStatus.BAD_REQUEST, "invalid-path", exchange.getRequest(),
                    response.getHeaders());
            DataBuffer buffer = response.bufferFactory().wrap(body);
            return response.writeWith(Mono.just(buffer));
        }
        return chain.filter(exchange);
    }

    static boolean isSuspicious(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return DOT_SEGMENT.matcher(rawPath).find()
                || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || rawPath.indexOf('\\') >= 0 || rawPath.indexOf(';') >= 0;
    }
}
