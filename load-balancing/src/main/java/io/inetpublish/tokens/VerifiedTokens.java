package io.inetpublish.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Access tokens whose signature and claims were already verified, remembered until they expire: the one policy of
 * common's token decoder (every service) and the gateway's reactive one. A token is an immutable signed string, so the
 * only check that changes with time is expiry, and that one is repeated on every hit. An ES256 verification was half
 * of a service's CPU per request (measured on a customer page, see {@code docs/bench-gateway.md}); a person clicking
 * around sends the same token many times. A token without expiry is never remembered, nor is a refused one (the
 * decoders remember only what they verified). Bounded: when full it starts over.
 *
 * @param <T> the verified token (Spring Security's {@code Jwt})
 */
public final class VerifiedTokens<T> {

    private final Function<T, Instant> expiresAt;
    private final Clock clock;
    private final int capacity;
    private final Map<String, T> verified = new ConcurrentHashMap<>();

    /** @param expiresAt a verified token's expiry (null: none) */
    public VerifiedTokens(Function<T, Instant> expiresAt, Clock clock, int capacity) {
        this.expiresAt = expiresAt;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** The verified token, while it has not expired; null: it is to be verified (again). */
    public T known(String token) {
        T known = verified.get(token);
        if (known == null) {
            return null;
        }
        Instant expiry = expiresAt.apply(known);
        if (expiry != null && expiry.isAfter(clock.instant())) {
            return known;
        }
        verified.remove(token);
        return null;
    }

    /** Remembers a token just verified (unless it has no expiry); answers it. */
    public T remember(String token, T verifiedToken) {
        if (expiresAt.apply(verifiedToken) != null) {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            verified.put(token, verifiedToken);
        }
        return verifiedToken;
    }
}
