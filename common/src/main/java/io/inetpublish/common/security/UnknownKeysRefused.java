package io.inetpublish.common.security;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * auth-service's published keys as a service sees them, where a token with a {@code kid} nobody published is simply
 * a token without a key: 401, like any other bad signature. The wrapped source (Nimbus' cached, rate-limited remote
 * JWKS) re-reads the JWKS for an unknown {@code kid} at most once per rate-limit period (30 s) and throws
 * {@link RateLimitReachedException} for the others; without this class that exception surfaced as a 500 with a
 * stack trace, so anyone could make every service log an error per request with invented {@code kid}s.
 * <p>
 * That holds only once the keys were read: before the first successful read (a fresh instance while auth-service is
 * unreachable or slow), a rate-limited read means "the keys are not known yet", not "this kid is unknown", and stays
 * a failure of the key source — answered 503 {@code token-unverifiable} like the failed read itself
 * ({@link PlatformJwt#authenticationFailureHandler}) instead of 401s that would send people to log in again.
 */
final class UnknownKeysRefused implements JWKSource<SecurityContext> {

    private final JWKSource<SecurityContext> delegate;

    /** Whether the keys were read at least once (after that, a rate-limited re-read is an unknown kid). */
    private volatile boolean read;

    UnknownKeysRefused(JWKSource<SecurityContext> delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            List<JWK> keys = delegate.get(selector, context);
            read = true;
            return keys;
        } catch (RateLimitReachedException ex) {
            if (read) {
                return List.of();
            }
            throw new KeySourceException("auth-service's signing keys have not been read yet, and reading them again "
                    + "is rate-limited", ex);
        }
    }

    /** Whether the keys were read at least once ({@link SigningKeysRead}). */
    boolean readOnce() {
        return read;
    }

    /** Reads the keys into the cache now, as a token's check would (through the same breaker and rate limit). */
    void readNow() throws KeySourceException {
        get(new JWKSelector(new JWKMatcher.Builder().build()), null);
    }
}
