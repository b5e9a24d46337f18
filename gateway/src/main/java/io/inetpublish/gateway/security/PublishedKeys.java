package io.inetpublish.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * auth-service's published signing keys as the gateway sees them: fetched once, kept for {@code maxAge}, and re-read
 * for a {@code kid} not among them at most once per {@code minRefetch}. A {@code kid} still unknown after that is a
 * key nobody published (an empty answer: the token is refused with 401), and the answer is remembered until the next
 * allowed re-read, so invented {@code kid}s cost no fetch each (issue 21, item 5). A key auth-service has just
 * rotated to is found by the first re-read after {@code minRefetch}. When a fetch fails, the keys known stay in use.
 */
final class PublishedKeys implements Function<SignedJWT, Flux<JWK>> {

    private record Known(JWKSet keys, Instant fetchedAt) {
    }

    private final WebClient web;
    private final String uri;
    private final Duration maxAge;
    private final Duration minRefetch;
    private final Clock clock;
    private volatile Known known;
    private volatile Mono<Known> fetching;

    PublishedKeys(WebClient web, String uri, Duration maxAge, Duration minRefetch, Clock clock) {
        this.web = web;
        this.uri = uri;
        this.maxAge = maxAge;
        this.minRefetch = minRefetch;
        this.clock = clock;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        Known now = known;
        Instant at = clock.instant();
        if (now != null) {
            List<JWK> found = selector.select(now.keys());
            boolean fresh = now.fetchedAt().plus(maxAge).isAfter(at);
            boolean recent = now.fetchedAt().plus(minRefetch).isAfter(at);
            if ((fresh && !found.isEmpty()) || recent) {
                return Flux.fromIterable(found);
            }
        }
        return fetch().flatMapIterable(k -> selector.select(k.keys()));
    }

    /** One fetch at a time; concurrent callers share it. */
    private synchronized Mono<Known> fetch() {
        Mono<Known> running = fetching;
        if (running != null) {
            return running;
        }
        Known before = known;
        Mono<Known> fetch = web.get().uri(uri).retrieve().bodyToMono(String.class)
                .map(body -> {
                    try {
                        return new Known(JWKSet.parse(body), clock.instant());
                    } catch (ParseException ex) {
                        throw new IllegalStateException("auth-service published an unreadable JWKS", ex);
                    }
                })
                .doOnNext(k -> known = k)
                // a failed fetch keeps the keys known (and counts as a fetch, so it is not repeated at once)
                .onErrorResume(e -> before == null ? Mono.error(e)
                        : Mono.fromSupplier(() -> known = new Known(before.keys(), clock.instant())))
                .doFinally(signal -> fetching = null)
                .cache();
        fetching = fetch;
        return fetch;
    }
}
