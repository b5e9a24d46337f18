package io.inetpublish.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    final AtomicInteger verifications = new AtomicInteger();

    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token).header("alg", "ES256").subject("ou_1")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(15))).build();
    };

    VerifiedTokenCache cacheAt(Instant now) {
        return new VerifiedTokenCache(verifier, Clock.fixed(now, ZoneOffset.UTC), 2);
    }

    @Test
    void verifiesAValidTokenOnceWhileItIsValid() {
        VerifiedTokenCache cache = cacheAt(NOW);
        assertThat(cache.decode("good").getSubject()).isEqualTo("ou_1");
        assertThat(cache.decode("good").getSubject()).isEqualTo("ou_1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void neverRemembersARefusedToken() {
        VerifiedTokenCache cache = cacheAt(NOW);
        assertThatThrownBy(() -> cache.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void verifiesAgainOnceTheRememberedTokenHasExpired() {
        VerifiedTokenCache cache = cacheAt(NOW.plus(Duration.ofMinutes(16)));
        cache.decode("good");
        cache.decode("good");
        assertThat(verifications).as("an expired entry is never served; the verifier decides again").hasValue(2);
    }

    @Test
    void staysBounded() {
        VerifiedTokenCache cache = cacheAt(NOW);
        cache.decode("t1");
        cache.decode("t2");
        cache.decode("t3");
        cache.decode("t3");
        assertThat(verifications).hasValue(3);
    }
}
