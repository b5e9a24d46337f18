package io.inetpublish.auth.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Fixed one-minute windows per (endpoint, client) for the login and refresh endpoints. The client is the address the
 * gateway saw: the last {@code X-Forwarded-For} entry (the gateway appends it; a client can only put entries before
 * it), or the peer address when called directly.
 */
@Component
public class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_TRACKED = 50_000;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    private record Window(long start, AtomicInteger count) {
    }

    /** True when the call may go ahead; false when this client used up its calls of this minute. */
    public boolean tryAcquire(String endpoint, HttpServletRequest request, int perMinute) {
        long now = clock.millis();
        long start = now - now % WINDOW_MILLIS;
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(window -> window.start() < start);
        }
        Window window = windows.compute(endpoint + "|" + client(request),
                (key, current) -> current == null || current.start() != start ? new Window(start, new AtomicInteger())
                        : current);
        return window.count().incrementAndGet() <= perMinute;
    }

    /** Seconds until the current window ends. */
    public long retryAfterSeconds() {
        long now = clock.millis();
        return Math.max(1, (WINDOW_MILLIS - now % WINDOW_MILLIS) / 1000);
    }

    static String client(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }
}
