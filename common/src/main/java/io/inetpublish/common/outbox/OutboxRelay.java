package io.inetpublish.common.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.inetpublish.common.inbox.Inbox;
import io.inetpublish.common.messaging.MessagingMetrics;
import io.inetpublish.common.messaging.MessagingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes what {@link Outbox} recorded. Each round claims up to {@code batch-size} due rows with
 * {@code FOR UPDATE SKIP LOCKED} (so several instances relay side by side without sending a row twice), publishes
 * each envelope to the events exchange (routing key = type, persistent, mandatory, correlated confirm), waits for
 * the confirms and, in the same transaction, marks confirmed rows sent. A row whose publish failed, was returned
 * as unroutable, was nacked or got no confirm in time stays pending: {@code attempts + 1}, {@code last_error} and
 * an exponential backoff in {@code next_attempt_at}. Delivery is at least once: a crash after the broker confirmed
 * but before the commit publishes the row again, which consumers absorb through their inbox.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int ERROR_LENGTH = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RabbitTemplate rabbit;
    private final MessagingProperties properties;
    private final MessagingMetrics metrics;
    private final Inbox inbox;
    private volatile ScheduledExecutorService executor;
    private volatile Instant nextCleanup = Instant.EPOCH;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, RabbitTemplate rabbit,
            MessagingProperties properties, MessagingMetrics metrics, Inbox inbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rabbit = rabbit;
        this.properties = properties;
        this.metrics = metrics;
        this.inbox = inbox;
    }

    /**
     * One round: claims, publishes and settles at most one batch of due rows. Returns how many rows it claimed.
     * Safe to call from several threads and instances at once.
     */
    public int relayOnce() {
        Integer claimed = tx.execute(status -> {
            List<Row> rows = jdbc.query("""
                    select id, event_type, envelope::text as envelope, attempts from outbox_event
                    where sent_at is null and next_attempt_at <= now()
                    order by next_attempt_at
                    limit ?
                    for update skip locked
                    """, (rs, i) -> new Row(rs.getObject("id", UUID.class), rs.getString("event_type"),
                    rs.getString("envelope"), rs.getInt("attempts")), properties.relay().batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            settle(publish(rows));
            return rows.size();
        });
        return claimed == null ? 0 : claimed;
    }

    private List<Sending> publish(List<Row> rows) {
        List<Sending> sendings = new ArrayList<>(rows.size());
        String brokerDown = null;
        for (Row row : rows) {
            if (brokerDown != null) {
                sendings.add(new Sending(row, null, brokerDown));
                continue;
            }
            CorrelationData correlation = new CorrelationData(row.id().toString());
            try {
                rabbit.send(properties.exchange(), row.type(), message(row), correlation);
                metrics.published(row.type());
                sendings.add(new Sending(row, correlation, null));
            } catch (AmqpConnectException ex) {
                brokerDown = "broker unreachable: " + ex.getMessage();
                sendings.add(new Sending(row, null, brokerDown));
            } catch (AmqpException ex) {
                sendings.add(new Sending(row, null, "publish failed: " + ex.getMessage()));
            }
        }
        return sendings;
    }

    private static Message message(Row row) {
        MessageProperties props = new MessageProperties();
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setContentEncoding(StandardCharsets.UTF_8.name());
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(row.id().toString());
        props.setType(row.type());
        return new Message(row.envelope().getBytes(StandardCharsets.UTF_8), props);
    }

    private void settle(List<Sending> sendings) {
        long deadline = System.nanoTime() + properties.relay().confirmTimeout().toNanos();
        List<UUID> sent = new ArrayList<>();
        for (Sending sending : sendings) {
            String error = sending.error() != null ? sending.error() : awaitConfirm(sending, deadline);
            if (error == null) {
                sent.add(sending.row().id());
                metrics.confirmed(sending.row().type());
            } else {
                if (sending.correlation() == null) {
                    metrics.failed(sending.row().type());
                }
                retryLater(sending.row(), error);
            }
        }
        if (!sent.isEmpty()) {
            jdbc.update("update outbox_event set sent_at = now(), last_error = null where id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", sent.toArray())));
        }
    }

    /** Null on a positive confirm of a routed message, otherwise why the row must be retried. */
    private String awaitConfirm(Sending sending, long deadline) {
        String type = sending.row().type();
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            CorrelationData.Confirm confirm = sending.correlation().getFuture().get(wait, TimeUnit.NANOSECONDS);
            ReturnedMessage returned = sending.correlation().getReturned();
            if (returned != null) {
                metrics.returned(type);
                return "returned by the broker: " + returned.getReplyCode() + " " + returned.getReplyText()
                        + " (no queue bound to routing key " + returned.getRoutingKey() + " on "
                        + returned.getExchange() + ")";
            }
            if (!confirm.ack()) {
                metrics.nacked(type);
                return "nacked by the broker: " + confirm.reason();
            }
            return null;
        } catch (TimeoutException ex) {
            metrics.failed(type);
            return "no publisher confirm within " + properties.relay().confirmTimeout();
        } catch (ExecutionException ex) {
            metrics.failed(type);
            return "publish failed: " + ex.getCause();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            metrics.failed(type);
            return "relay interrupted while waiting for the confirm";
        }
    }

    private void retryLater(Row row, String error) {
        Duration backoff = backoff(row.attempts() + 1);
        jdbc.update("""
                update outbox_event set attempts = attempts + 1, last_error = ?,
                       next_attempt_at = now() + ? * interval '1 millisecond'
                where id = ?
                """, error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error, backoff.toMillis(),
                row.id());
        int attempt = row.attempts() + 1;
        if (attempt <= 3 || attempt % 10 == 0) {
            log.warn("event {} ({}) not delivered, attempt {}, retrying in {}: {}", row.id(), row.type(), attempt,
                    backoff, error);
        } else {
            log.debug("event {} ({}) not delivered, attempt {}, retrying in {}: {}", row.id(), row.type(), attempt,
                    backoff, error);
        }
    }

    Duration backoff(int attempts) {
        MessagingProperties.Relay relay = properties.relay();
        long millis = relay.initialBackoff().toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        return Duration.ofMillis(Math.min(Math.max(millis, 0), relay.maxBackoff().toMillis()));
    }

    /** Deletes sent rows older than the retention and inbox records older than theirs. */
    public int cleanUp() {
        int outbox = jdbc.update("delete from outbox_event where sent_at < now() - ? * interval '1 millisecond'",
                properties.relay().sentRetention().toMillis());
        int forgotten = inbox.forgetProcessedBefore(Instant.now().minus(properties.consumer().inboxRetention()));
        if (outbox + forgotten > 0) {
            log.info("cleaned up {} sent outbox rows and {} inbox records", outbox, forgotten);
        }
        return outbox;
    }

    private void tick() {
        try {
            int claimed;
            int rounds = 0;
            do {
                claimed = relayOnce();
            } while (claimed == properties.relay().batchSize() && ++rounds < 50 && executor != null);
            if (Instant.now().isAfter(nextCleanup)) {
                nextCleanup = Instant.now().plus(properties.relay().cleanupInterval());
                cleanUp();
            }
        } catch (RuntimeException ex) {
            log.warn("outbox relay round failed, will try again: {}", ex.toString());
        }
    }

    @Override
    public void start() {
        if (!properties.relay().enabled() || executor != null) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.relay().interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(properties.relay().confirmTimeout().toMillis() + 1000,
                        TimeUnit.MILLISECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException ex) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops before the broker connection and the data source go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private record Row(UUID id, String type, String envelope, int attempts) {
    }

    private record Sending(Row row, CorrelationData correlation, String error) {
    }
}
