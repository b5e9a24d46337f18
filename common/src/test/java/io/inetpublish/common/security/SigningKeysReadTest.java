package io.inetpublish.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.inetpublish.common.test.LocalHttpServer;
import io.inetpublish.common.test.security.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * A fresh instance is not ready until it has read auth-service's signing keys (issue 22: it used to register UP and
 * answer 503 to every request while auth-service was down): the {@code signingKeys} indicator is DOWN until a read
 * succeeds, tries at most once per second however often it is asked, is UP as soon as auth-service answers — even
 * after more failed tries than the token checks' rate limit allows (two reads per 30 s) — and leaves the keys in the
 * cache the token checks use. Against a real HTTP JWKS endpoint with the production key source.
 */
class SigningKeysReadTest {

    final AtomicInteger status = new AtomicInteger(503);
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T17:00:00Z"));
    LocalHttpServer jwks;
    UnknownKeysRefused keys;
    SigningKeysRead indicator;

    @BeforeEach
    void serveJwks() throws Exception {
        jwks = LocalHttpServer.start().route("/api/auth/jwks", exchange -> {
            fetches.incrementAndGet();
            LocalHttpServer.answer(exchange, status.get(), status.get() == 200 ? TestTokens.publicKeys().toString() : "{}");
        });
        var url = jwks.uri("/api/auth/jwks").toURL();
        var retriever = new DefaultResourceRetriever(2_000, 3_000, 256 * 1024);
        keys = CommonSecurityAutoConfiguration.ResourceServer.remoteKeys(url, retriever);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        indicator = new SigningKeysRead(keys, url, retriever, clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void downUntilTheKeysWereReadThenUpWithTheKeysInTheTokenChecksCache() throws Exception {
        for (int i = 0; i < 5; i++) {
            var health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("reason");
            now.set(now.get().plusSeconds(1));
        }

        status.set(200);
        var health = indicator.health();
        assertThat(health.getStatus()).as("%s", health.getDetails()).isEqualTo(Status.UP);
        assertThat(keys.readOnce()).isTrue();

        // the token checks find the keys without another read, and the indicator stays UP when auth-service goes away
        int fetched = fetches.get();
        status.set(503);
        var provider = new JwtAuthenticationProvider(PlatformJwt.decoder(keys, TestTokens.ISSUER, TestTokens.AUDIENCE));
        assertThat(provider.authenticate(new BearerTokenAuthenticationToken(TestTokens.accessToken(Role.VIEWER)))
                .isAuthenticated()).isTrue();
        now.set(now.get().plusSeconds(60));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(fetches.get()).isEqualTo(fetched);
    }

    @Test
    void triesAtMostOncePerSecond() {
        for (int i = 0; i < 10; i++) {
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        }
        assertThat(fetches.get()).isEqualTo(1);

        // auth-service answers now, but the answer of this second stands until the next
        status.set(200);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        now.set(now.get().plus(SigningKeysRead.BETWEEN_TRIES));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
