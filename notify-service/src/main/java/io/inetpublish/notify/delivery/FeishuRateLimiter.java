package io.inetpublish.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feishu's limits (per bot 5/s and 100/min, per app 50/s and 1000/min, per user 5/s) enforced before each call,
 * in this process. Each limit is a sliding window of the last grants, which is stricter than a token bucket of the
 * same rate (a bucket of 5 that refills 5/s can let 10 calls into one second); {@code margin} widens every window so
 * calls bunched by the network still fit Feishu's count.
 *
 * <p>Limits live in memory: with several notify-service instances each instance keeps its own windows, so the
 * effective rate is per instance. Run one sender instance (the others only claim nothing when idle) or divide the
 * configured limits by the instance count.
 */
final class FeishuRateLimiter {

    /** One limit: at most {@code permits} calls per {@code window} for {@code key}. */
    record Limit(String key, int permits, Duration window) {
    }

    private final Duration margin;
    private final Map<Limit, Deque<Instant>> grants = new HashMap<>();
    private final Map<String, Instant> blockedUntil = new HashMap<>();

    FeishuRateLimiter(Duration margin) {
        this.margin = margin;
    }

    /** Grants a call under all limits (and records it), or answers how long to wait before asking again. */
    synchronized Duration tryAcquire(List<Limit> limits, Instant now) {
        Duration wait = Duration.ZERO;
        for (Limit limit : limits) {
            Instant blocked = blockedUntil.get(limit.key());
            if (blocked != null && blocked.isAfter(now)) {
                wait = max(wait, Duration.between(now, blocked));
            }
            Deque<Instant> times = grants.computeIfAbsent(limit, l -> new ArrayDeque<>());
            Duration window = limit.window().plus(margin);
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.pollFirst();
            }
            if (times.size() >= limit.permits()) {
                wait = max(wait, Duration.between(now, times.peekFirst().plus(window)));
            }
        }
        if (!wait.isZero()) {
            return wait;
        }
        limits.forEach(limit -> grants.get(limit).addLast(now));
        return Duration.ZERO;
    }

    /** Feishu said to wait (429 with {@code x-ogw-ratelimit-reset}): no call for {@code key} before {@code until}. */
    synchronized void block(String key, Instant until) {
        blockedUntil.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
