package io.inetpublish.common.security;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
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
 */
final class UnknownKeysRefused implements JWKSource<SecurityContext> {

    private final JWKSource<SecurityContext> delegate;

    UnknownKeysRefused(JWKSource<SecurityContext> delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return delegate.get(selector, context);
        } catch (RateLimitReachedException ex) {
            return List.of();
        }
    }
}
