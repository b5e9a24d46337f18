package io.inetpublish.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

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
 * them in their order on one channel to the events exchange (routing key = type, persistent, mandatory, correlated
 * confirm), then waits for the confirms and, in the same transaction, marks the confirmed rows sent with one
 * statement. A row whose publish failed, was returned as unroutable, was nacked or got no confirm in time stays
 * pending: {@code attempts + 1}, {@code last_error} and an exponential backoff in {@code next_attempt_at} (one
 * statement for all of them). Delivery is at least once: a crash after the broker confirmed but before the commit
 * publishes the row again, which consumers absorb through their inbox.
 * <p>
 * One thread ({@code outbox-relay}) runs round after round while a round claimed rows, and otherwise sleeps
 * {@code interval}, or until {@link #wake}: with {@link #listenTo}, a {@code NOTIFY outbox_event} arrived (any
 * writer's outbox row committed, this process's too, {@link OutboxNotifications}); while that connection is not
 * listening, {@link Outbox} wakes it itself at the commit of a row of this process ({@link #committedHere}), once:
 * never both for one commit.
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
    private volatile boolean running;
    private volatile Thread thread;
    private volatile boolean wakeRequested;
    private final LongAdder wakes = new LongAdder();
    private volatile Instant nextCleanup = Instant.EPOCH;
    private volatile OutboxNotifications notifications;

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
     * Also wakes the relay at the commit of outbox rows written by anyone else (another instance, another process):
     * a connection of its own to this database listens for {@code outbox_event}'s notifications while the relay runs.
     */
    public OutboxRelay listenTo(String jdbcUrl, String username, String password) {
        notifications = new OutboxNotifications(jdbcUrl, username, password, this::wake, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        return this;
    }

    /** Whether the relay is listening for other writers' commits now ({@link #listenTo}). */
    public boolean listening() {
        OutboxNotifications n = notifications;
        return n != null && n.listening();
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

    /**
     * Publishes the rows in their order on one channel ({@link RabbitTemplate#invoke}: no channel taken from and
     * given back to the cache per message); the confirms are awaited afterwards, together ({@link #settle}).
     */
    private List<Sending> publish(List<Row> rows) {
        List<Sending> sendings = new ArrayList<>(rows.size());
        try {
            rabbit.invoke(operations -> {
                String brokerDown = null;
                for (Row row : rows) {
                    if (brokerDown != null) {
                        sendings.add(new Sending(row, null, brokerDown));
                        continue;
                    }
                    CorrelationData correlation = new CorrelationData(row.id().toString());
                    try {
                        operations.send(properties.exchange(), row.type(), message(row), correlation);
                        metrics.published(row.type());
                        sendings.add(new Sending(row, correlation, null));
                    } catch (AmqpConnectException ex) {
                        brokerDown = "broker unreachable: " + ex.getMessage();
                        sendings.add(new Sending(row, null, brokerDown));
                    } catch (AmqpException ex) {
                        sendings.add(new Sending(row, null, "publish failed: " + ex.getMessage()));
                    }
                }
                return null;
            });
        } catch (AmqpException ex) {
            // no channel at all (broker unreachable): every row not handed to the broker yet is retried later
            String error = (ex instanceof AmqpConnectException ? "broker unreachable: " : "publish failed: ")
                    + ex.getMessage();
            for (Row row : rows.subList(sendings.size(), rows.size())) {
                sendings.add(new Sending(row, null, error));
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

    /**
     * Waits for the batch's confirms (one deadline for all of them: they were all published before the first wait)
     * and settles the batch with one statement for the confirmed rows and one for the others.
     */
    private void settle(List<Sending> sendings) {
        long deadline = System.nanoTime() + properties.relay().confirmTimeout().toNanos();
        List<UUID> sent = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        for (Sending sending : sendings) {
            String error = sending.error() != null ? sending.error() : awaitConfirm(sending, deadline);
            if (error == null) {
                sent.add(sending.row().id());
                metrics.confirmed(sending.row().type());
            } else {
                if (sending.correlation() == null) {
                    metrics.failed(sending.row().type());
                }
                failed.add(new Failed(sending.row(), error));
            }
        }
        if (!sent.isEmpty()) {
            jdbc.update("update outbox_event set sent_at = now(), last_error = null where id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", sent.toArray())));
        }
        if (!failed.isEmpty()) {
            retryLater(failed);
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

    /** Each row: {@code attempts + 1}, its error and its next attempt after its backoff; one statement. */
    private void retryLater(List<Failed> failed) {
        Object[] ids = new Object[failed.size()];
        Object[] errors = new Object[failed.size()];
        Object[] delays = new Object[failed.size()];
        for (int i = 0; i < failed.size(); i++) {
            Failed f = failed.get(i);
            ids[i] = f.row().id();
            errors[i] = f.error().length() > ERROR_LENGTH ? f.error().substring(0, ERROR_LENGTH) : f.error();
            delays[i] = backoff(f.row().attempts() + 1).toMillis();
        }
        jdbc.update("""
                update outbox_event o set attempts = o.attempts + 1, last_error = f.error,
                       next_attempt_at = now() + f.delay * interval '1 millisecond'
                from unnest(?, ?, ?) as f(id, error, delay)
                where o.id = f.id
                """, ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", errors));
                    ps.setArray(3, ps.getConnection().createArrayOf("bigint", delays));
                });
        for (Failed f : failed) {
            Row row = f.row();
            int attempt = row.attempts() + 1;
            Duration backoff = backoff(attempt);
            if (attempt <= 3 || attempt % 10 == 0) {
                log.warn("event {} ({}) not delivered, attempt {}, retrying in {}: {}", row.id(), row.type(),
                        attempt, backoff, f.error());
            } else {
                log.debug("event {} ({}) not delivered, attempt {}, retrying in {}: {}", row.id(), row.type(),
                        attempt, backoff, f.error());
            }
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

    /**
     * Asks the relay to poll now rather than after its interval (a row was committed: the listener's notification, or
     * {@link #committedHere}). Does nothing when the relay is not running.
     */
    public void wake() {
        Thread relayThread = thread;
        if (relayThread != null) {
            wakes.increment();
            wakeRequested = true;
            LockSupport.unpark(relayThread);
        }
    }

    /**
     * An outbox row of this process was just committed ({@link Outbox} calls it after the commit): wakes the relay
     * unless it is listening, for then the table trigger's {@code NOTIFY} of that same commit wakes it. A connection
     * lost between the check and the notification is no gap: the listener wakes the relay when it listens again.
     */
    public void committedHere() {
        if (!listening()) {
            wake();
        }
    }

    /** How many times the relay was woken while it ran ({@link #wake}), for tests and diagnosis. */
    public long wakes() {
        return wakes.sum();
    }

    /**
     * The relay thread: drains what is due, then sleeps {@code interval} unless woken ({@link #wake}) meanwhile. A
     * wake during a round is not lost: the flag is cleared before the round and read after it.
     */
    private void run() {
        long interval = properties.relay().interval().toNanos();
        while (running) {
            wakeRequested = false;
            drain();
            if (running && !wakeRequested) {
                LockSupport.parkNanos(this, interval);
            }
        }
    }

    /**
     * Round after round for as long as a round claimed rows: more may have been committed while it published, so
     * the next poll follows at once; only a poll that found nothing due ends it.
     */
    private void drain() {
        try {
            int claimed;
            do {
                claimed = relayOnce();
                if (Instant.now().isAfter(nextCleanup)) {
                    nextCleanup = Instant.now().plus(properties.relay().cleanupInterval());
                    cleanUp();
                }
            } while (claimed > 0 && running);
        } catch (RuntimeException ex) {
            log.warn("outbox relay round failed, will try again: {}", ex.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.relay().enabled() || running) {
            return;
        }
        running = true;
        Thread relayThread = new Thread(this::run, "outbox-relay");
        relayThread.setDaemon(true);
        thread = relayThread;
        relayThread.start();
        if (notifications != null) {
            notifications.start();
        }
    }

    /** Lets the round in progress finish (at most the confirm timeout and a second), then ends the thread. */
    @Override
    public synchronized void stop() {
        if (notifications != null) {
            notifications.stop();
        }
        Thread relayThread = thread;
        running = false;
        thread = null;
        if (relayThread == null) {
            return;
        }
        LockSupport.unpark(relayThread);
        try {
            relayThread.join(properties.relay().confirmTimeout().toMillis() + 1000);
            if (relayThread.isAlive()) {
                relayThread.interrupt();
            }
        } catch (InterruptedException ex) {
            relayThread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
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

    private record Failed(Row row, String error) {
    }
}
