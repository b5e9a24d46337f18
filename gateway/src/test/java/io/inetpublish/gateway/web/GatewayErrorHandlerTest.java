package io.inetpublish.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * What the gateway answers for its own errors. A bearer token the gateway cannot check because auth-service's keys
 * cannot be read (Spring Security rethrows that as {@link AuthenticationServiceException}) is a 503 that says so, with
 * {@code Retry-After}, as the services answer it (common's {@code PlatformJwt}) — not a 500.
 */
class GatewayErrorHandlerTest {

    final GatewayErrorHandler handler = new GatewayErrorHandler();

    MockServerWebExchange answered(Throwable error, String language) {
        var request = MockServerHttpRequest.post("/api/builds");
        if (language != null) {
            request.header("Accept-Language", language);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        handler.handle(exchange, error).block();
        return exchange;
    }

    @Test
    void aTokenThatCannotBeCheckedIs503WithRetryAfter() {
        var error = new AuthenticationServiceException("An error occurred while attempting to decode the Jwt: "
                + "Couldn't retrieve remote JWK set", new ConnectException("Connection refused"));
        MockServerWebExchange chinese = answered(error, null);
        assertThat(chinese.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(chinese.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(chinese.getResponse().getBodyAsString().block())
                .contains("\"type\":\"https://inetpublish.io/problems/token-unverifiable\"")
                .contains("暂时无法校验访问令牌");

        MockServerWebExchange english = answered(error, "en");
        assertThat(english.getResponse().getBodyAsString().block())
                .contains("The access token cannot be checked right now");
    }

    @Test
    void otherFailuresKeepTheirStatus() {
        assertThat(answered(new ConnectException("refused"), null).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answered(new IOException("reset"), null).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.BAD_GATEWAY);
        MockServerWebExchange unexpected = answered(new IllegalStateException("bug"), null);
        assertThat(unexpected.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(unexpected.getResponse().getHeaders().getFirst("Retry-After")).isNull();
    }
}
