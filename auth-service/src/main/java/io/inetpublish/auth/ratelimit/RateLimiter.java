package io.inetpublish.auth.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fixed one-minute windows per (endpoint, client) for the login and refresh endpoints, counted in PostgreSQL so that
 * every auth-service instance shares one count. The client is the address the gateway vouches for
 * ({@link TrustedGateways}): one person cannot use up everyone's allowance, and a client cannot get a fresh one by
 * sending other forwarding headers or by calling this service's port directly.
 */
@Component
@RequiredArgsConstructor
public class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private final TrustedGateways gateways;
    private final Clock clock;

    /** True when the call may go ahead; false when this client used up its calls of this minute. */
    @Transactional
    public boolean tryAcquire(String endpoint, HttpServletRequest request, int perMinute) {
        return tryAcquire(endpoint, gateways.client(request), perMinute);
    }

    @Transactional
    public boolean tryAcquire(String endpoint, String client, int perMinute) {
        long now = clock.millis();
        Instant start = Instant.ofEpochMilli(now - now % WINDOW_MILLIS);
        String bucket = endpoint + "|" + client;
        Integer calls = jdbc.sql("""
                insert into rate_limit_window (bucket, window_start, calls) values (:bucket, :start, 1)
                on conflict (bucket, window_start) do update set calls = rate_limit_window.calls + 1
                returning calls""")
                .param("bucket", bucket.length() > 200 ? bucket.substring(0, 200) : bucket)
                .param("start", Timestamp.from(start))
                .query(Integer.class).single();
        return calls <= perMinute;
    }

    /** Seconds until the current window ends. */
    public long retryAfterSeconds() {
        long now = clock.millis();
        return Math.max(1, (WINDOW_MILLIS - now % WINDOW_MILLIS) / 1000);
    }

    /** Windows that ended are of no use any more. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetEndedWindows() {
        jdbc.sql("delete from rate_limit_window where window_start < :before")
                .param("before", Timestamp.from(clock.instant().minusMillis(2 * WINDOW_MILLIS))).update();
    }
}
