package io.inetpublish.common.security;

import java.time.Clock;

import io.inetpublish.tokens.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A decoder that verifies a token once while it is valid ({@link VerifiedTokens} says why and how long). */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedTokens<Jwt> verified;

    VerifiedTokenCache(JwtDecoder delegate, Clock clock, int capacity) {
        this.delegate = delegate;
        this.verified = new VerifiedTokens<>(Jwt::getExpiresAt, clock, capacity);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.known(token);
        return known != null ? known : verified.remember(token, delegate.decode(token));
    }
}
