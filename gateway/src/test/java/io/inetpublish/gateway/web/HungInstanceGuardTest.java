package io.inetpublish.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import io.inetpublish.loadbalancing.UnreachableInstances;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.Exceptions;

/**
 * A write through the gateway (issue 22): sent once more, to another instance, only when its first try reached no
 * instance and took none of its body. The chain here stands for the routing: each try is told which instance it went
 * to and what happened there.
 */
class HungInstanceGuardTest {

    final UnreachableInstances unreachable = new UnreachableInstances(Duration.ofSeconds(10), Clock.systemUTC());
    final HungInstanceGuard guard = new HungInstanceGuard(Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
            new SimpleMeterRegistry(), unreachable);
    final List<String> bodiesReceived = new ArrayList<>();
    int tries;

    MockServerWebExchange post(String body) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/releases/1/deployments").body(body));
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, Route.async().id("releases").uri("lb://release-service")
                .predicate(e -> true).build());
        return exchange;
    }

    /** Runs the guard over a routing whose n-th try goes to instance n and ends as {@code outcome} says. */
    Mono<Void> send(MockServerWebExchange exchange, BiFunction<Integer, ServerWebExchange, Mono<Void>> outcome) {
        // deferred, as the gateway's own chain: a try is a subscription
        return guard.filter(exchange, attempt -> Mono.defer(() -> {
            int n = ++tries;
            attempt.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("http://10.0.0." + n + ":8080/x"));
            return outcome.apply(n, attempt);
        }));
    }

    /** How the call ended: null when it completed, else its error. */
    static Throwable outcome(Mono<Void> call) {
        try {
            call.block(Duration.ofSeconds(5));
            return null;
        } catch (RuntimeException ex) {
            return Exceptions.unwrap(ex);
        }
    }

    /** What a reached instance does: takes the whole body. */
    Mono<Void> receive(ServerWebExchange attempt) {
        return DataBufferUtils.join(attempt.getRequest().getBody()).doOnNext(buffer -> {
            bodiesReceived.add(buffer.toString(StandardCharsets.UTF_8));
            DataBufferUtils.release(buffer);
        }).then();
    }

    @Test
    void aWriteWhoseInstanceRefusedTheConnectionGoesToAnotherWithItsWholeBody() {
        assertThat(outcome(send(post("{\"environmentId\":7}"), (n, attempt) -> n == 1
                ? Mono.error(new ConnectException("Connection refused: /10.0.0.1:8080"))
                : receive(attempt)))).isNull();

        assertThat(tries).isEqualTo(2);
        assertThat(bodiesReceived).containsExactly("{\"environmentId\":7}");
        // the load balancer's second pick leaves the refusing instance out
        assertThat(unreachable.skipped()).containsExactly("10.0.0.1:8080");
    }

    @Test
    void aWriteIsNotSentAgainOnceItsBodyWasTakenEvenWhenTheErrorSaysRefused() {
        // the body is a stream of the client's bytes: taken once, there is nothing left to send a second time
        assertThat(outcome(send(post("{\"environmentId\":7}"), (n, attempt) -> receive(attempt)
                .then(Mono.error(new ConnectException("Connection refused")))))).isInstanceOf(ConnectException.class);
        assertThat(tries).isEqualTo(1);
    }

    @Test
    void aWriteThatReachedItsInstanceIsNeverSentAgain() {
        // reset or cut off after it was sent, or no answer in time: the service may have applied it
        for (Throwable afterSending : List.of(new IOException("Connection reset by peer"),
                new IOException("Connection prematurely closed BEFORE response"),
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout"))) {
            tries = 0;
            assertThat(outcome(send(post("{}"), (n, attempt) -> Mono.error(afterSending)))).isSameAs(afterSending);
            assertThat(tries).as(afterSending.toString()).isEqualTo(1);
        }
    }

    @Test
    void aReadThatTimedOutIsTriedAgainElsewhereThanItsFirstInstance() {
        MockServerWebExchange read = MockServerWebExchange.from(MockServerHttpRequest.get("/api/releases"));
        read.getAttributes().put(GATEWAY_ROUTE_ATTR, Route.async().id("releases").uri("lb://release-service")
                .predicate(e -> true).build());
        List<Set<String>> triedBefore = new ArrayList<>();

        assertThat(outcome(send(read, (n, attempt) -> {
            triedBefore.add(Set.copyOf(UnreachableInstances.triedBy(attempt.getAttributes())));
            return n == 1 ? Mono.error(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
                    "Response took longer than timeout: PT5S")) : Mono.empty();
        }))).isNull();

        // the second try's load balancer is told which instance the first went to (and leaves it out for this read,
        // whatever it leaves out for every request)
        assertThat(triedBefore).containsExactly(Set.of(), Set.of("10.0.0.1:8080"));
        assertThat(unreachable.skipped()).containsExactly("10.0.0.1:8080");
    }

    @Test
    void aWriteRefusedTwiceEndsWithTheRefusal() {
        assertThat(outcome(send(post("{}"), (n, attempt) -> Mono.error(new ConnectException("Connection refused")))))
                .isInstanceOf(ConnectException.class);
        assertThat(tries).isEqualTo(2);
    }
}
