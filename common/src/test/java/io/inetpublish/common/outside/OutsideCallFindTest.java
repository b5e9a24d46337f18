package io.inetpublish.common.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import feign.Feign;
import feign.Param;
import feign.RequestLine;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.common.test.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * The one reading of a platform service's answer ({@link OutsideCall#find}, {@link OutsideCall#ask}), with a real
 * Feign client (and a {@code RestClient}, as {@code PeopleDirectory} sends) against a real HTTP server: a 404 is "no such thing", every other failure is the downstream being
 * unavailable (503 naming the call).
 */
class OutsideCallFindTest {

    interface Things {
        @RequestLine("GET /things/{id}")
        String thing(@Param("id") String id);
    }

    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    private final AtomicInteger requests = new AtomicInteger();
    private LocalHttpServer server;
    private CircuitBreaker breaker;
    private OutsideCall call;
    private Things things;

    @BeforeEach
    void serveThings() {
        server = LocalHttpServer.start().route("/things/", exchange -> {
            requests.incrementAndGet();
            String id = exchange.getRequestURI().getPath().substring("/things/".length());
            int status = switch (id) {
                case "missing" -> 404;
                case "broken" -> 500;
                case "forbidden" -> 403;
                default -> 200;
            };
            if (id.equals("slow")) {
                LocalHttpServer.pause(READ_TIMEOUT.multipliedBy(4).toMillis());
            }
            LocalHttpServer.answer(exchange, status, "thing " + id);
        });
        breaker = CircuitBreaker.ofDefaults("things-service");
        call = new OutsideCall("things-service", Duration.ofSeconds(1), READ_TIMEOUT, breaker, null, null);
        things = Feign.builder().options(call.feignOptions()).retryer(feign.Retryer.NEVER_RETRY)
                .target(Things.class, server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAnswerIsFound() {
        assertThat(call.find(() -> things.thing("a"))).contains("thing a");
        assertThat(call.ask(() -> things.thing("a"))).isEqualTo("thing a");
    }

    @Test
    void a404IsNoSuchThingAndNoFailureForTheBreaker() {
        assertThat(call.find(() -> things.thing("missing"))).isEmpty();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void aRestClientsAnswersReadTheSame() {
        RestClient http = RestClient.builder().requestFactory(call.requestFactory())
                .baseUrl(server.url()).build();

        assertThat(call.find(() -> http.get().uri("/things/a").retrieve().body(String.class))).contains("thing a");
        assertThat(call.find(() -> http.get().uri("/things/missing").retrieve().body(String.class))).isEmpty();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertUnavailable(catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.find(() -> http.get().uri("/things/forbidden").retrieve().body(String.class))));
        assertUnavailable(catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.find(() -> http.get().uri("/things/broken").retrieve().body(String.class))));
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsTheDownstreamUnavailable() {
        assertUnavailable(catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.find(() -> things.thing("broken"))));
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anyOther4xxIsTheDownstreamUnavailable() {
        assertUnavailable(catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.find(() -> things.thing("forbidden"))));
    }

    @Test
    void aTimeoutIsTheDownstreamUnavailable() {
        DownstreamUnavailableException failure = catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.find(() -> things.thing("slow")));
        assertUnavailable(failure);
        assertThat(failure).hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anOpenBreakerIsTheDownstreamUnavailableWithoutAsking() {
        breaker.transitionToOpenState();
        DownstreamUnavailableException failure = catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.find(() -> things.thing("a")));
        assertUnavailable(failure);
        assertThat(failure).hasCauseInstanceOf(CallNotPermittedException.class);
        assertThat(requests).hasValue(0);
    }

    @Test
    void askingForWhatMustExistTakesA404AsTheDownstreamUnavailable() {
        assertUnavailable(catchThrowableOfType(DownstreamUnavailableException.class,
                () -> call.ask(() -> things.thing("missing"))));
    }

    private static void assertUnavailable(DownstreamUnavailableException failure) {
        assertThat(failure).as("the downstream-unavailable problem").isNotNull();
        assertThat(failure.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failure.problemType()).isEqualTo("downstream-unavailable");
        assertThat(failure.args()).containsExactly("things-service");
    }
}
