package io.inetpublish.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.inetpublish.notify.NotifyIntegrationTest;
import io.inetpublish.notify.config.NotifyProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Feishu's limits hold for all notify-service instances together (issue 22, item 3): two limiters over the one
 * database stand for two instances. Before, each instance counted in its own memory and two sent twice the limit.
 */
@NotifyIntegrationTest
class FeishuRateLimitIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    NotifyProperties properties;

    FeishuRateLimiter instance() {
        return new FeishuRateLimiter(jdbc, transactions, properties, Clock.systemUTC());
    }

    /** Now, in the database's precision. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static List<FeishuRateLimiter.Limit> bot(String id) {
        return List.of(new FeishuRateLimiter.Limit("bot:" + id, 5, Duration.ofSeconds(1)),
                new FeishuRateLimiter.Limit("bot:" + id, 100, Duration.ofMinutes(1)));
    }

    @Test
    void twoInstancesTakeABotsFiveCallsASecondBetweenThem() {
        FeishuRateLimiter one = instance();
        FeishuRateLimiter other = instance();
        List<FeishuRateLimiter.Limit> bot = bot(UUID.randomUUID().toString());
        Instant now = now();

        List<Duration> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add((i % 2 == 0 ? one : other).tryAcquire(bot, now));
        }
        assertThat(answers.subList(0, 5)).containsOnly(Duration.ZERO);
        // the sixth call waits for the first to leave the window (1 s plus the margin), on either instance
        Duration window = Duration.ofSeconds(1).plus(properties.limits().margin());
        assertThat(answers.subList(5, 8)).containsOnly(window);

        assertThat(other.tryAcquire(bot, now.plus(window))).isZero();
    }

    @Test
    void concurrentCallsOfTwoInstancesGetNoMoreThanTheLimit() throws Exception {
        List<FeishuRateLimiter.Limit> bot = bot(UUID.randomUUID().toString());
        Instant now = now();
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Integer> sender = () -> {
            FeishuRateLimiter limiter = instance();
            start.await();
            int granted = 0;
            for (int i = 0; i < 10; i++) {
                if (limiter.tryAcquire(bot, now).isZero()) {
                    granted++;
                }
            }
            return granted;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(sender);
            Future<Integer> b = pool.submit(sender);
            assertThat(a.get() + b.get()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from feishu_rate_grant where limit_key = ?", Integer.class,
                bot.get(0).key())).isEqualTo(5);
    }

    @Test
    void feishusWaitAfterA429HoldsForTheOtherInstanceToo() {
        String app = "app:cli_" + UUID.randomUUID();
        List<FeishuRateLimiter.Limit> limits = List.of(new FeishuRateLimiter.Limit(app, 50, Duration.ofSeconds(1)),
                new FeishuRateLimiter.Limit("user:ou_" + UUID.randomUUID(), 5, Duration.ofSeconds(1)));
        Instant now = now();

        instance().block(app, now.plusSeconds(3));

        assertThat(instance().tryAcquire(limits, now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(instance().tryAcquire(limits, now.plusSeconds(3))).isZero();
    }

    @Test
    void anAppsMinuteIsCountedAcrossItsPeopleAndInstances() {
        FeishuRateLimiter one = instance();
        FeishuRateLimiter other = instance();
        String app = "app:cli_" + UUID.randomUUID();
        Instant now = now();
        int granted = 0;
        for (int i = 0; i < 12; i++) {
            List<FeishuRateLimiter.Limit> toPerson = List.of(
                    new FeishuRateLimiter.Limit(app, 50, Duration.ofSeconds(1)),
                    new FeishuRateLimiter.Limit(app, 10, Duration.ofMinutes(1)),
                    new FeishuRateLimiter.Limit("user:ou_" + UUID.randomUUID(), 5, Duration.ofSeconds(1)));
            // a second apart, so that only the app's minute can refuse
            if ((i % 2 == 0 ? one : other).tryAcquire(toPerson, now.plusSeconds(i)).isZero()) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(10);
    }
}
