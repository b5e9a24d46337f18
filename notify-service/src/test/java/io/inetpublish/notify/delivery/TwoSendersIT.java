package io.inetpublish.notify.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.inetpublish.notify.FeishuStub;
import io.inetpublish.notify.NotifyIntegrationTest;
import io.inetpublish.notify.config.NotifyProperties;
import io.inetpublish.notify.feishu.FeishuClient;
import io.inetpublish.notify.notification.NotificationDeliveries;
import io.inetpublish.notify.settings.SettingsService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two notify-service instances delivering from the same notification log (issue 22, item 3): two senders of their own
 * (each with its own rate limiter over the database and its own resting destinations), next to the application's,
 * run their rounds at the same time with small rounds so their claims overlap. Every message reaches Feishu once.
 */
@NotifyIntegrationTest
class TwoSendersIT {

    @Autowired
    NotificationDeliveries deliveries;
    @Autowired
    SettingsService settings;
    @Autowired
    FeishuClient feishu;
    @Autowired
    NotifyProperties properties;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MockMvcTester mvc;
    @Autowired
    CircuitBreakerRegistry breakers;

    final List<String> recipients = new ArrayList<>();

    @AfterEach
    void dropTheRows() {
        jdbc.update("delete from notification where recipient = any (?)", (Object) recipients.toArray(String[]::new));
    }

    /** Another instance's sender: its own limiter, metrics and resting destinations; one row a round. */
    NotificationSender anotherInstance(SimpleMeterRegistry meters) {
        NotifyProperties.Sender s = properties.sender();
        NotifyProperties small = new NotifyProperties(properties.platformBaseUrl(),
                new NotifyProperties.Sender(s.pollInterval(), 1, s.perDestination(), s.lease(), s.initialBackoff(),
                        s.maxBackoff(), s.giveUpAfter()), properties.limits());
        return new NotificationSender(deliveries, settings, feishu, new NotificationMetrics(meters),
                new FeishuRateLimiter(jdbc, transactions, small, Clock.systemUTC()), small, Clock.systemUTC());
    }

    @Test
    void twoSendersAtOnceDeliverEveryMessageOnce() throws Exception {
        breakers.circuitBreaker("feishu").reset();
        assertThat(mvc.put().uri("/api/notifications/settings").contentType(MediaType.APPLICATION_JSON)
                .content("{\"appId\":\"" + FeishuStub.APP_ID + "\",\"webhooks\":[]}")).hasStatusOk();
        int count = 120;
        for (int i = 0; i < count; i++) {
            recipients.add("ou_two_senders_" + UUID.randomUUID().toString().replace("-", ""));
        }
        // due a minute ago, one person each (so no person's limit of 5 a second holds anything back)
        jdbc.update("""
                insert into notification (id, event_id, event_type, kind, channel, recipient, recipient_role,
                    recipient_name, title, card, link, status, attempts, message_uuid, created_at, pending_since,
                    next_attempt_at, updated_at, version)
                select gen_random_uuid(), gen_random_uuid(), 'build.finished', 'TEST_DEPLOYMENT_FINISHED', 'USER', r,
                       'ACTOR', '张三', '两个实例 ' || r,
                       jsonb_build_object('header', jsonb_build_object('title',
                           jsonb_build_object('tag', 'plain_text', 'content', '两个实例'))),
                       null, 'PENDING', 0, gen_random_uuid()::text, d.due, d.due, d.due, d.due, 0
                from unnest(cast(? as text[])) r
                cross join lateral (select now() - interval '1 minute' as due) d
                """, (Object) recipients.toArray(String[]::new));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        List<SimpleMeterRegistry> meters = List.of(new SimpleMeterRegistry(), new SimpleMeterRegistry());
        List<Future<?>> rounds = new ArrayList<>();
        for (SimpleMeterRegistry registry : meters) {
            NotificationSender sender = anotherInstance(registry);
            rounds.add(pool.submit(() -> {
                start.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pending() > 0 && System.nanoTime() < deadline) {
                    sender.deliverDue();
                }
                return null;
            }));
        }
        for (Future<?> f : rounds) {
            f.get(40, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(pending()).isZero();
        Map<String, Integer> received = new LinkedHashMap<>();
        for (String r : recipients) {
            received.put(r, FeishuStub.wiremock().findAll(postRequestedFor(urlEqualTo(FeishuStub.MESSAGES_URL))
                    .withRequestBody(matchingJsonPath("$.receive_id", equalTo(r)))).size());
        }
        assertThat(received).as("messages Feishu received per person")
                .allSatisfy((r, n) -> assertThat(n).as(r).isEqualTo(1));
        assertThat(jdbc.queryForList("select status from notification where recipient = any (?)", String.class,
                (Object) recipients.toArray(String[]::new))).hasSize(count).containsOnly("SENT");
        assertThat(meters).as("both senders delivered messages").allSatisfy(registry -> assertThat(
                registry.find("inetpublish.notifications.sent").counters().stream().mapToDouble(c -> c.count()).sum())
                .isPositive());
    }

    private int pending() {
        return jdbc.queryForObject("select count(*) from notification where status = 'PENDING' and recipient = any (?)",
                Integer.class, (Object) recipients.toArray(String[]::new));
    }
}
