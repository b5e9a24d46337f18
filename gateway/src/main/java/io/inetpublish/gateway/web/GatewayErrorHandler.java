package io.inetpublish.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Errors of the gateway itself (no instance of a service, a service that does not answer in time or refuses the
 * connection, anything unexpected) as problem details in the person's language instead of Spring's default JSON.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    /** What a 503 for a token that could not be checked asks the client to wait (the services say the same). */
    static final int TOKEN_UNVERIFIABLE_RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = statusOf(error);
        if (status.is5xxServerError()) {
            log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status.value(), error.toString());
        }
        response.setStatusCode(status);
        String kind = GatewayProblems.kindOf(status);
        if (error instanceof AuthenticationServiceException) {
            // the token could not be checked at all (auth-service's keys unreadable): the services answer the same
            kind = "token-unverifiable";
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(TOKEN_UNVERIFIABLE_RETRY_AFTER_SECONDS));
        }
        byte[] body = GatewayProblems.body(status, kind, exchange.getRequest(), response.getHeaders());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static HttpStatusCode statusOf(Throwable error) {
        if (error instanceof AuthenticationServiceException) {
            // Spring Security rethrows it when a bearer token cannot be checked: the platform's fault, not the caller's
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResponseStatusException status) {
                // "Unable to find instance for …": no instance registered, the service is unavailable
                return status.getStatusCode();
            }
            if (cause instanceof TimeoutException) {
                return HttpStatus.GATEWAY_TIMEOUT;
            }
            if (cause instanceof ConnectException || cause.getClass().getName().endsWith("CallNotPermittedException")) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            if (cause instanceof IOException) {
                // the instance reset or closed the connection instead of answering
                return HttpStatus.BAD_GATEWAY;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
