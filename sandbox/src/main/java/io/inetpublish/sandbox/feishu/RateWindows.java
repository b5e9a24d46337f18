package io.inetpublish.sandbox.feishu;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Feishu's frequency limits as sliding windows: at most n calls per key and window. */
@Component
class RateWindows {

    private final Map<String, Deque<Instant>> calls = new HashMap<>();

    /** Records the call and answers 0 when allowed; otherwise the seconds until a call is allowed again (≥ 1). */
    synchronized long acquire(String key, int permits, Duration window) {
        Instant now = Instant.now();
        Deque<Instant> times = calls.computeIfAbsent(key + "/" + window, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.pollFirst();
        }
        if (times.size() >= permits) {
            long millis = Duration.between(now, times.peekFirst().plus(window)).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
        times.addLast(now);
        return 0;
    }
}
