package io.inetpublish.sandbox.feishu;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tenant access tokens as Feishu issues them: valid for {@code expire} seconds (2 h); asking again returns the same
 * token while more than 30 minutes remain, otherwise a new one, and both stay valid until they expire.
 */
@Component
class TenantTokens {

    private static final Duration REISSUE_BELOW = Duration.ofMinutes(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Issued(String token, long expireSeconds) {
    }

    enum Check { VALID, MISSING, MALFORMED, UNKNOWN, EXPIRED }

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Map<String, String> currentByApp = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock = Clock.systemUTC();

    TenantTokens(@Value("${sandbox.feishu.token-lifetime:2h}") Duration lifetime) {
        this.lifetime = lifetime;
    }

    synchronized Issued issue(String appId) {
        Instant now = clock.instant();
        String current = currentByApp.get(appId);
        if (current != null) {
            Duration left = Duration.between(now, expiries.get(current));
            if (left.compareTo(REISSUE_BELOW) > 0) {
                return new Issued(current, left.toSeconds());
            }
        }
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        String token = "t-" + HexFormat.of().formatHex(bytes);
        expiries.put(token, now.plus(lifetime));
        currentByApp.put(appId, token);
        return new Issued(token, lifetime.toSeconds());
    }

    /** Checks an {@code Authorization} header value. */
    Check check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Check.MISSING;
        }
        if (!authorization.startsWith("Bearer ")) {
            return Check.MISSING;
        }
        String token = authorization.substring("Bearer ".length()).strip();
        if (!token.startsWith("t-") && !token.startsWith("u-")) {
            return Check.MALFORMED;
        }
        Instant expiry = expiries.get(token);
        if (expiry == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(expiry) ? Check.VALID : Check.EXPIRED;
    }

    /** Drops every token, as if they all expired (for trying out renewal). */
    void revokeAll() {
        expiries.clear();
        currentByApp.clear();
    }
}
