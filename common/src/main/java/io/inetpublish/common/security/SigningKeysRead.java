package io.inetpublish.common.security;

import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.ResourceRetriever;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health indicator {@code signingKeys}: UP once this instance has read auth-service's signing keys, DOWN before — a
 * fresh instance that could check no token (auth-service down or still starting) answers every request 503
 * {@code token-unverifiable}, so it should get none: the registry status ({@code ReadinessFollowingStatus}) and
 * Kubernetes' readiness probe follow this indicator, and the launcher waits for it.
 * <p>
 * Until the first read, each check tries to read the keys, at most once per second however often it is asked (the
 * launcher asks every 0.5 s, Eureka's client every 5 s, Kubernetes' probes on their own): first from auth-service
 * directly, without the token checks' breaker and rate limit, which a few failed tries while auth-service starts
 * would otherwise close for 15–30 s after it is up; then, once that answered, into the cache the token checks use.
 * After the first read it stays UP: the cached keys are what the token checks use, and a later failed re-read is
 * answered per request (503 {@code token-unverifiable}), not by taking the instance out.
 */
final class SigningKeysRead implements HealthIndicator {

    static final Duration BETWEEN_TRIES = Duration.ofSeconds(1);

    private final UnknownKeysRefused keys;
    private final URL jwks;
    private final ResourceRetriever direct;
    private final Clock clock;
    private Instant lastTry;
    private Health last;

    SigningKeysRead(UnknownKeysRefused keys, URL jwks, ResourceRetriever direct, Clock clock) {
        this.keys = keys;
        this.jwks = jwks;
        this.direct = direct;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (keys.readOnce()) {
            return Health.up().build();
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (last == null || !now.isBefore(lastTry.plus(BETWEEN_TRIES))) {
                lastTry = now;
                last = tryToRead();
            }
            return last;
        }
    }

    private Health tryToRead() {
        try {
            JWKSet.parse(direct.retrieveResource(jwks).getContent());
            keys.readNow();
            return Health.up().build();
        } catch (IOException | ParseException | KeySourceException ex) {
            return Health.down().withDetail("reason", "auth-service's signing keys have not been read yet")
                    .withDetail("error", String.valueOf(ex.getMessage())).build();
        }
    }
}
