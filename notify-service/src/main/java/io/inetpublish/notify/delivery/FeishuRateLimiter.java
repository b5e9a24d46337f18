package io.inetpublish.notify.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import io.inetpublish.notify.config.NotifyProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feishu's limits (per bot 5/s and 100/min, per app 50/s and 1000/min, per user 5/s) enforced before each call, for
 * all notify-service instances together: the calls granted are recorded in PostgreSQL ({@code feishu_rate_grant}),
 * and a grant locks the row of each key it counts against ({@code feishu_rate_limit}), so two instances asking for
 * the last permit of a window get it once between them. Each limit is a sliding window of the last grants, which is
 * stricter than a token bucket of the same rate (a bucket of 5 that refills 5/s can let 10 calls into one second);
 * {@code margin} widens every window so calls bunched by the network (or a small clock difference between hosts)
 * still fit Feishu's count. Feishu's own "wait until" after a 429 is shared the same way.
 */
@Component
class FeishuRateLimiter {

    /** One limit: at most {@code permits} calls per {@code window} for {@code key}. */
    record Limit(String key, int permits, Duration window) {
    }

    /** Grants older than this count against no limit (the longest window is a minute). */
    private static final Duration KEPT = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration margin;
    private final Clock clock;

    FeishuRateLimiter(JdbcTemplate jdbc, PlatformTransactionManager transactions, NotifyProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.margin = properties.limits().margin();
        this.clock = clock;
    }

    /** Grants a call under all limits (and records it), or answers how long to wait before asking again. */
    Duration tryAcquire(List<Limit> limits, Instant now) {
        return transaction.execute(status -> {
            // keys in one order, so that two instances granting calls for the same keys never deadlock
            TreeSet<String> keys = new TreeSet<>();
            limits.forEach(limit -> keys.add(key(limit.key())));
            Duration wait = Duration.ZERO;
            for (String key : keys) {
                jdbc.update("insert into feishu_rate_limit (limit_key) values (?) on conflict do nothing", key);
                Timestamp blocked = jdbc.queryForObject(
                        "select blocked_until from feishu_rate_limit where limit_key = ? for update", Timestamp.class,
                        key);
                if (blocked != null && blocked.toInstant().isAfter(now)) {
                    wait = max(wait, Duration.between(now, blocked.toInstant()));
                }
            }
            for (Limit limit : limits) {
                Duration window = limit.window().plus(margin);
                // the permits-th newest grant inside the window: while it is there, the window is full
                List<Timestamp> full = jdbc.queryForList("""
                        select granted_at from feishu_rate_grant where limit_key = ? and granted_at > ?
                        order by granted_at desc offset ? limit 1""", Timestamp.class,
                        key(limit.key()), Timestamp.from(now.minus(window)), limit.permits() - 1);
                if (!full.isEmpty()) {
                    wait = max(wait, Duration.between(now, full.get(0).toInstant().plus(window)));
                }
            }
            if (wait.isZero()) {
                for (String key : keys) {
                    jdbc.update("insert into feishu_rate_grant (limit_key, granted_at) values (?, ?)", key,
                            Timestamp.from(now));
                }
            }
            return wait;
        });
    }

    /** Feishu said to wait (429 with {@code x-ogw-ratelimit-reset}): no call for {@code key} before {@code until}. */
    void block(String key, Instant until) {
        jdbc.update("""
                insert into feishu_rate_limit (limit_key, blocked_until) values (?, ?)
                on conflict (limit_key) do update set blocked_until =
                    greatest(coalesce(feishu_rate_limit.blocked_until, excluded.blocked_until), excluded.blocked_until)
                """, key(key), Timestamp.from(until));
    }

    /** Grants that no window reaches any more. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetOldGrants() {
        jdbc.update("delete from feishu_rate_grant where granted_at < ?",
                Timestamp.from(clock.instant().minus(KEPT.plus(margin))));
    }

    private static String key(String key) {
        return key.length() > 200 ? key.substring(0, 200) : key;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
