package io.inetpublish.gateway.security;

import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Drops identity headers a client might send hoping a service trusts them ({@code X-User-Id}, {@code X-Auth-Roles},
 * {@code X-Forwarded-User}, {@code Remote-User}, …). Services take identity only from the validated token; this makes
 * sure nothing downstream can be fooled either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ForgedIdentityHeadersFilter implements WebFilter {

    private static final List<String> PREFIXES = List.of("x-user-", "x-auth-", "x-actor-", "x-forwarded-user",
            "x-forwarded-email", "x-forwarded-groups", "x-remote-user", "remote-user", "x-roles");

    static boolean forged(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(name::startsWith);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().headerNames().stream().noneMatch(ForgedIdentityHeadersFilter::forged)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> List
                .copyOf(headers.headerNames()).stream().filter(ForgedIdentityHeadersFilter::forged)
                .forEach(headers::remove))).build());
    }
}
