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
 * A GET or HEAD that carries a body (a declared length above zero, or a chunked body) is refused and none of it goes
 * on: no endpoint of the platform reads one. Without this, such a request on a route with a large limit (the
 * evidence uploads' release route) was streamed on to the service, which refused it after its first bytes while the
 * gateway kept sending; the client got a 504 after the response timeout (issue 21, probe 2.6: a VIEWER's GET with
 * 45 MB of multipart). A body of at most 4 MB is read and dropped first, so that the answer goes out on a connection
 * that stays; a longer one is left unread and the connection closed with the answer
 * ({@link RequestSizeGatewayFilterFactory#readAndDrop}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ReadsCarryNoBodyFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if ((HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) && carriesBody(request.getHeaders())) {
            if (request.getHeaders().getContentLength() > RequestSizeGatewayFilterFactory.SWALLOW) {
                return refuse(exchange, true);
            }
            return RequestSizeGatewayFilterFactory.readAndDrop(request)
                    .flatMap(readToTheEnd -> refuse(exchange, !readToTheEnd));
        }
        return chain.filter(exchange);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, boolean bodyLeftUnread) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        if (bodyLeftUnread) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        byte[] body = GatewayProblems.body(HttpStatus.BAD_REQUEST, "body-not-allowed", exchange.getRequest(),
                response.getHeaders());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static boolean carriesBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
