package io.inetpublish.gateway.security;

import java.time.Clock;

import io.inetpublish.tokens.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The gateway's decoder that verifies a token once while it is valid ({@link VerifiedTokens}, the policy every
 * service's decoder follows too): saves the gateway an ES256 verification per request of a person who is clicking
 * around (the services still verify on their own).
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens<Jwt> verified;

    VerifiedTokenCache(ReactiveJwtDecoder delegate, Clock clock, int capacity) {
        this.delegate = delegate;
        this.verified = new VerifiedTokens<>(Jwt::getExpiresAt, clock, capacity);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.known(token);
        return known != null ? Mono.just(known) : delegate.decode(token).doOnNext(jwt -> verified.remember(token, jwt));
    }
}
