package io.inetpublish.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.inbox.Inbox;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.outbox.OutboxRelay;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.test.RelayedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer side on real RabbitMQ and PostgreSQL: an event committed with its state change reaches the broker,
 * also when the broker was unreachable at commit time; returns and nacks leave the row pending; several relays at
 * once publish every event exactly once; sent rows are cleaned up after their retention.
 */
@MessagingIntegrationTest
class OutboxRelayIT {

    static final String EXCHANGE = "test.common.events";

    @LocalManagementPort
    int managementPort;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    RelayedEvents events;
    @Autowired
    CachingConnectionFactory connectionFactory;
    @Autowired
    RabbitConnectionDetails connectionDetails;
    @Autowired
    MessagingProperties properties;
    @Autowired
    MessagingMetrics metrics;
    @Autowired
    Inbox inbox;
    @Autowired
    ProbeHandler probes;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcConnectionDetails database;

    @Test
    void publishesACommittedEventOnceAndNothingOfARolledBackOne() {
        String type = "relay.committed." + UUID.randomUUID();
        String queue = events.watch(type);

        EventEnvelope<Probe> committed = inTransaction(() -> outbox.publish(type, new Actor("u-7", "Lin"),
                new Probe("committed", "ok")));
        try {
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                outbox.publish(type, new Actor("u-7", "Lin"), new Probe("rolled-back", "ok"));
                status.setRollbackOnly();
            });
        } finally {
            await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(committed.eventId()) != null);
        }

        Message message = rabbit.receive(queue, 5000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(committed.eventId().toString());
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo(type);
        assertThat(json.readTree(message.getBody()).at("/payload/name").asString()).isEqualTo("committed");
        assertThat(json.readTree(message.getBody()).at("/actor/name").asString()).isEqualTo("Lin");
        assertThat(rabbit.receive(queue, 1000)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where event_type = ?", Integer.class,
                type)).isEqualTo(1);
    }

    @Test
    void keepsTheChangeAndDeliversTheEventOnceTheBrokerIsBack() throws IOException {
        String name = EventConsumerIT.unique("broker-down");
        String original = connectionDetails.getAddresses().stream()
                .map(a -> a.host() + ":" + a.port()).collect(Collectors.joining(","));
        EventEnvelope<Probe> event;
        try {
            connectionFactory.setAddresses("127.0.0.1:" + closedPort());
            connectionFactory.resetConnection();

            event = inTransaction(() -> {
                jdbc.update("insert into probe_effect (event_id, name, actor) values (?, ?, ?)", UUID.randomUUID(),
                        name + "-state", "producer");
                return outbox.publish(MessagingTestApplication.PROBE, new Actor("u-1", "Ada"),
                        new Probe(name, "ok"));
            });
            UUID eventId = event.eventId();

            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(eventId) >= 2);
            assertThat(sentAt(eventId)).isNull();
            assertThat(lastError(eventId)).contains("broker unreachable");
            assertThat(probes.effects(name + "-state")).isEqualTo(1);
            assertThat(new PlainHttp(managementPort).get("/actuator/prometheus").body())
                    .containsPattern("inetpublish_outbox_backlog\\{application=\"messaging-test\"} [1-9]")
                    .containsPattern("inetpublish_outbox_oldest_pending_age_seconds\\{application=\"messaging-test\"}"
                            + " [0-9.]*[1-9]");
        } finally {
            connectionFactory.setAddresses(original);
            connectionFactory.resetConnection();
        }

        UUID eventId = event.eventId();
        await().atMost(Duration.ofSeconds(20)).until(() -> sentAt(eventId) != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> probes.effects(name) == 1);
        assertThat(inbox.contains(EventConsumerIT.CONSUMER, eventId)).isTrue();
    }

    @Test
    void keepsAReturnedEventPendingUntilAQueueIsBound() {
        String type = "relay.unrouted." + UUID.randomUUID();
        double returnedBefore = meters.find("inetpublish.outbox.returned").tag("type", type).counters().stream()
                .mapToDouble(Counter::count).sum();

        EventEnvelope<Probe> event = inTransaction(() -> outbox.publish(type, new Actor("u-1", "Ada"),
                new Probe("unrouted", "ok")));

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(event.eventId()) >= 1);
        assertThat(sentAt(event.eventId())).isNull();
        assertThat(lastError(event.eventId())).contains("returned").contains("NO_ROUTE");
        assertThat(meters.find("inetpublish.outbox.returned").tag("type", type).counter().count())
                .isGreaterThan(returnedBefore);

        String queue = events.watch(type);

        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(event.eventId()) != null);
        Message message = rabbit.receive(queue, 5000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.eventId().toString());
    }

    @Test
    void keepsANackedEventPendingAndRetriesIt() {
        String type = "relay.nacked." + UUID.randomUUID();
        Queue full = QueueBuilder.nonDurable("test.common.full." + UUID.randomUUID()).maxLength(0)
                .overflow(QueueBuilder.Overflow.rejectPublish).expires(600_000).build();
        admin.declareQueue(full);
        admin.declareBinding(bind(full, type));

        EventEnvelope<Probe> event = inTransaction(() -> outbox.publish(type, new Actor("u-1", "Ada"),
                new Probe("nacked", "ok")));

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(event.eventId()) >= 1);
        assertThat(sentAt(event.eventId())).isNull();
        assertThat(lastError(event.eventId())).contains("nacked");

        admin.deleteQueue(full.getName());
        String queue = events.watch(type);

        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(event.eventId()) != null);
        assertThat(rabbit.receive(queue, 5000)).isNotNull();
    }

    @Test
    void severalRelaysAtOncePublishEveryEventExactlyOnce() throws Exception {
        String type = "relay.burst." + UUID.randomUUID();
        String queue = events.watch(type);
        int events = 300;
        Set<String> published = new HashSet<>(inTransaction(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                ids.add(outbox.publish(type, new Actor("u-1", "Ada"), new Probe("burst-" + i, "ok")).eventId()
                        .toString());
            }
            return ids;
        }));

        // two more instances next to the application's own relay, all claiming from the same table
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> claimed = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            OutboxRelay other = new OutboxRelay(jdbc, new TransactionTemplate(transactionManager),
                    MessagingAutoConfiguration.confirmingTemplate(connectionFactory), properties, metrics, inbox);
            claimed.add(pool.submit(() -> {
                int total = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pending(type) > 0 && System.nanoTime() < deadline) {
                    total += other.relayOnce();
                }
                return total;
            }));
        }
        int claimedByOthers = 0;
        for (Future<Integer> f : claimed) {
            claimedByOthers += f.get(40, TimeUnit.SECONDS);
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(type) == 0);

        Map<String, Integer> received = new HashMap<>();
        Message message;
        while ((message = rabbit.receive(queue, 2000)) != null) {
            received.merge(message.getMessageProperties().getMessageId(), 1, Integer::sum);
        }
        assertThat(received.keySet()).isEqualTo(published);
        assertThat(received.values()).allMatch(n -> n == 1);
        assertThat(claimedByOthers).isPositive();
    }

    /**
     * A relay whose interval is an hour and that does not listen: what was pending when it started goes out at once,
     * and an event committed through an outbox that tells it goes out at its commit (the in-process wake), not at the
     * next poll.
     */
    @Test
    void sendsWhatIsPendingAtStartAndACommittedEventAtItsCommit() throws Exception {
        String type = "relay.woken." + UUID.randomUUID();
        String queue = events.watch(type);
        OutboxRelay slow = hourlyRelay();
        Outbox waking = telling(slow);
        instead(slow, () -> {
            // 250 rows pending before the start: more than two batches
            List<UUID> pending = inTransaction(() -> {
                List<UUID> ids = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    ids.add(waking.publish(type, new Probe("pending-" + i, "ok")).eventId());
                }
                return ids;
            });
            assertThat(pending(type)).isEqualTo(250);

            slow.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> pending(type) == 0);

            long before = steadyWakes(slow);
            EventEnvelope<Probe> committed = inTransaction(() -> waking.publish(type, new Probe("committed", "ok")));
            await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(committed.eventId()) != null);
            assertThat(slow.wakes() - before).isEqualTo(1);
        });
        Set<String> received = new HashSet<>();
        Message message;
        while ((message = rabbit.receive(queue, 2000)) != null) {
            assertThat(received.add(message.getMessageProperties().getMessageId())).isTrue();
        }
        assertThat(received).hasSize(251);
    }

    /**
     * A relay polling hourly that listens, told of its own process's commit: the commit's {@code NOTIFY} wakes it and
     * the in-process wake is left out, so one commit is one wake (both would be two rounds for one row).
     */
    @Test
    void wakesOncePerOwnCommitWhileListening() throws Exception {
        String type = "relay.own-commit." + UUID.randomUUID();
        String queue = events.watch(type);
        OutboxRelay listening = listeningRelay();
        Outbox telling = telling(listening);
        instead(listening, () -> {
            listening.start();
            await().atMost(Duration.ofSeconds(10)).until(listening::listening);
            long before = steadyWakes(listening);
            EventEnvelope<Probe> committed = inTransaction(() -> telling.publish(type, new Probe("own", "ok")));
            await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(committed.eventId()) != null);
            // a second wake would follow within the listener's wait (1 s): none may come
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> listening.wakes() - before == 1);
        });
        assertThat(rabbit.receive(queue, 2000)).isNotNull();
    }

    /**
     * The listener down (here: it can never connect): the relay is told of its own commit and wakes itself, so the
     * event still goes out at its commit, not at the next poll an hour later.
     */
    @Test
    void wakesItselfAtAnOwnCommitWhileTheListenerIsDown() throws Exception {
        String type = "relay.listener-down." + UUID.randomUUID();
        String queue = events.watch(type);
        OutboxRelay unheard = hourlyRelay().listenTo("jdbc:postgresql://127.0.0.1:1/none", "nobody", "none");
        Outbox telling = telling(unheard);
        instead(unheard, () -> {
            unheard.start();
            long before = steadyWakes(unheard);
            assertThat(unheard.listening()).isFalse();
            EventEnvelope<Probe> committed = inTransaction(() -> telling.publish(type, new Probe("own", "ok")));
            await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(committed.eventId()) != null);
            assertThat(unheard.wakes() - before).isEqualTo(1);
        });
        assertThat(rabbit.receive(queue, 2000)).isNotNull();
    }

    /**
     * A relay polling hourly that listens: a row another writer commits (here plain SQL, as another instance or psql
     * would write it; nothing in this process wakes the relay) goes out at its commit, through the table's trigger
     * and the relay's listening connection. Without the listener it would wait an hour.
     */
    @Test
    void sendsARowAnotherWriterCommittedAtItsCommitWhenListening() throws Exception {
        String type = "relay.notified." + UUID.randomUUID();
        String queue = events.watch(type);
        OutboxRelay listening = listeningRelay();
        instead(listening, () -> {
            listening.start();
            // its first round (at its start) has found nothing of this type; it sleeps for an hour unless notified
            await().atMost(Duration.ofSeconds(10)).until(listening::listening);
            List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
            inTransaction(() -> {
                for (UUID id : ids) {
                    jdbc.update("""
                            insert into outbox_event (id, event_type, envelope, created_at, attempts, next_attempt_at)
                            values (?, ?, cast(? as jsonb), now(), 0, now())
                            """, id, type, json.writeValueAsString(EventEnvelope.of(type, new Actor("u-1", "Ada"),
                            new Probe("notified", "ok"))));
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> pending(type) == 0);
        });
        assertThat(listening.listening()).isFalse();
        Set<String> received = new HashSet<>();
        Message message;
        while ((message = rabbit.receive(queue, 2000)) != null) {
            received.add(message.getMessageProperties().getMessageId());
        }
        assertThat(received).hasSize(2);
    }

    @Test
    void cleansUpSentRowsAfterTheirRetention() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID pendingId = UUID.randomUUID();
        String type = "relay.cleanup." + UUID.randomUUID();
        String insert = """
                insert into outbox_event (id, event_type, envelope, created_at, attempts, next_attempt_at, sent_at)
                values (?, ?, '{}'::jsonb, now() - interval '30 days', 0, now() + interval '1 day',
                        now() - ? * interval '1 day')""";
        jdbc.update(insert, old, type, 8);
        jdbc.update(insert, recent, type, 1);
        jdbc.update("""
                insert into outbox_event (id, event_type, envelope, created_at, attempts, next_attempt_at)
                values (?, ?, '{}'::jsonb, now() - interval '30 days', 0, now() + interval '1 day')""", pendingId,
                type);

        relay.cleanUp();

        assertThat(jdbc.queryForList("select id from outbox_event where event_type = ?", UUID.class, type))
                .containsExactlyInAnyOrder(recent, pendingId);
        jdbc.update("delete from outbox_event where event_type = ?", type);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    private static Binding bind(Queue queue, String type) {
        return BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with(type);
    }

    /** The relay's wake count once it has stayed the same for 300 ms (a listener wakes it when it starts listening). */
    private static long steadyWakes(OutboxRelay relay) {
        long[] last = {-1};
        await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> {
            long now = relay.wakes();
            boolean steady = now == last[0];
            last[0] = now;
            return steady;
        });
        return last[0];
    }

    /** What a test does while its own relay is the only one. */
    private interface WithRelay {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} with {@code other} as the only relay (the application's polls every 100 ms and would send what
     * the test waits for); afterwards {@code other} is stopped and the application's started again.
     */
    private void instead(OutboxRelay other, WithRelay body) throws Exception {
        relay.stop();
        try {
            body.run();
        } finally {
            other.stop();
            relay.start();
        }
    }

    /** An outbox that tells {@code relay} of each commit, as the application's outbox tells its relay. */
    private Outbox telling(OutboxRelay relay) {
        return new Outbox(jdbc, json, () -> new Actor("u-1", "Ada"), relay::committedHere);
    }

    /** {@link #hourlyRelay} listening to the test database's {@code NOTIFY outbox_event}. */
    private OutboxRelay listeningRelay() {
        return hourlyRelay().listenTo(database.getJdbcUrl(), database.getUsername(), database.getPassword());
    }

    /** A relay of its own whose poll interval is an hour: it sends only what it is woken for (and at its start). */
    private OutboxRelay hourlyRelay() {
        MessagingProperties.Relay r = properties.relay();
        MessagingProperties hourly = new MessagingProperties(properties.exchange(), properties.queuePrefix(),
                new MessagingProperties.Relay(true, Duration.ofHours(1), r.batchSize(), r.confirmTimeout(),
                        r.initialBackoff(), r.maxBackoff(), r.sentRetention(), r.cleanupInterval()),
                properties.consumer(), properties.deadLetters());
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager),
                MessagingAutoConfiguration.confirmingTemplate(connectionFactory), hourly, metrics, inbox);
    }

    private java.sql.Timestamp sentAt(UUID id) {
        return jdbc.queryForObject("select sent_at from outbox_event where id = ?", java.sql.Timestamp.class, id);
    }

    private int attempts(UUID id) {
        Integer attempts = jdbc.queryForObject("select attempts from outbox_event where id = ?", Integer.class, id);
        return attempts == null ? 0 : attempts;
    }

    private String lastError(UUID id) {
        return jdbc.queryForObject("select last_error from outbox_event where id = ?", String.class, id);
    }

    private int pending(String type) {
        Integer n = jdbc.queryForObject("select count(*) from outbox_event where event_type = ? and sent_at is null",
                Integer.class, type);
        return n == null ? 0 : n;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
