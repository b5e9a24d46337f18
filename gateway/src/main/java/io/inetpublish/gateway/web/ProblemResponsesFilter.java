package io.inetpublish.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives the error answers the gateway completes without a body (Spring Security's 401 and 403, the request-size
 * filter's 413, …) a problem-details body in the person's language ({@link GatewayProblems}). Answers that carry a
 * body of their own, the services' among them, pass unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemResponsesFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.isError() && !isCommitted() && getHeaders().getContentType() == null) {
                    byte[] body = GatewayProblems.body(status, GatewayProblems.kindOf(status), exchange.getRequest(),
                            getHeaders());
                    return getDelegate().writeWith(Mono.just(bufferFactory().wrap(body)));
                }
                return getDelegate().setComplete();
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }
}
