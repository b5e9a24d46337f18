package io.inetpublish.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A GET or HEAD that carries a body (a declared length above zero, or a chunked body) is refused before any of it is
 * read: no endpoint of the platform reads one. Without this, such a request on a route with a large limit (the
 * evidence uploads' release route) was streamed on to the service, which refused it after its first bytes while the
 * gateway kept sending; the client got a 504 after the response timeout (issue 21, probe 2.6: a VIEWER's GET with
 * 45 MB of multipart). The connection is closed with the answer, since the body is left unread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ReadsCarryNoBodyFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if ((HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) && carriesBody(request.getHeaders())) {
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            byte[] body = GatewayProblems.body(HttpStatus.BAD_REQUEST, "body-not-allowed", request,
                    response.getHeaders());
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        }
        return chain.filter(exchange);
    }

    static boolean carriesBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
