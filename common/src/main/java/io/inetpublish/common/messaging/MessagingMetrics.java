package io.inetpublish.common.messaging;

import java.util.function.Supplier;

import io.inetpublish.common.observability.SharedGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's view of the event mechanism. Every meter carries the {@code application} tag the shared defaults
 * add. Producer side (tag {@code type}): {@code inetpublish.outbox.published}, {@code .confirmed},
 * {@code .returned}, {@code .nacked}, {@code .failed} (not sent or no confirm in time) and the gauges
 * {@code inetpublish.outbox.backlog} (rows not yet sent) and {@code inetpublish.outbox.oldest.pending.age}
 * (seconds). Consumer side (tags {@code consumer}, {@code type}): {@code inetpublish.events.consumed},
 * {@code .duplicates}, {@code .retried}, {@code .dead.lettered} (plus tag {@code reason}), the batch sizes
 * {@code inetpublish.events.batch} (tag {@code consumer}: messages applied in one transaction) and
 * {@code inetpublish.events.batch.split} (batches whose transaction failed, so each message went alone), and the gauge
 * {@code inetpublish.events.dead.letters} (messages waiting in a consumer's dead-letter queue).
 */
public class MessagingMetrics {

    private static final Logger log = LoggerFactory.getLogger(MessagingMetrics.class);

    private final MeterRegistry registry;

    public MessagingMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        Gauge.builder("inetpublish.outbox.backlog", () -> query(jdbc,
                        "select count(*) from outbox_event where sent_at is null"))
                .description(SharedGauges.describe("Outbox rows not yet confirmed by the broker")).register(registry);
        Gauge.builder("inetpublish.outbox.oldest.pending.age", () -> query(jdbc, """
                        select coalesce(extract(epoch from now() - min(created_at)), 0)
                        from outbox_event where sent_at is null"""))
                .description(SharedGauges.describe("Age of the oldest outbox row not yet confirmed by the broker")).baseUnit("seconds")
                .register(registry);
    }

    private static double query(JdbcTemplate jdbc, String sql) {
        try {
            Number value = jdbc.queryForObject(sql, Number.class);
            return value == null ? 0 : value.doubleValue();
        } catch (RuntimeException ex) {
            log.debug("outbox gauge unavailable: {}", ex.toString());
            return Double.NaN;
        }
    }

    public void published(String type) {
        outbox("published", type).increment();
    }

    public void confirmed(String type) {
        outbox("confirmed", type).increment();
    }

    public void returned(String type) {
        outbox("returned", type).increment();
    }

    public void nacked(String type) {
        outbox("nacked", type).increment();
    }

    public void failed(String type) {
        outbox("failed", type).increment();
    }

    private Counter outbox(String what, String type) {
        return Counter.builder("inetpublish.outbox." + what).tag("type", type).register(registry);
    }

    public void consumed(String consumer, String type) {
        consumer("consumed", consumer, type).increment();
    }

    public void duplicate(String consumer, String type) {
        consumer("duplicates", consumer, type).increment();
    }

    public void retried(String consumer, String type) {
        consumer("retried", consumer, type).increment();
    }

    /** A batch of {@code size} messages was applied in one transaction. */
    public void batch(String consumer, int size) {
        DistributionSummary.builder("inetpublish.events.batch").tag("consumer", consumer).baseUnit("messages")
                .register(registry).record(size);
    }

    /** A batch's transaction failed: each of its messages is applied on its own. */
    public void batchSplit(String consumer) {
        Counter.builder("inetpublish.events.batch.split").tag("consumer", consumer).register(registry).increment();
    }

    public void deadLettered(String consumer, String type, String reason) {
        Counter.builder("inetpublish.events.dead.lettered").tag("consumer", consumer).tag("type", type)
                .tag("reason", reason).register(registry).increment();
    }

    private Counter consumer(String what, String consumer, String type) {
        return Counter.builder("inetpublish.events." + what).tag("consumer", consumer).tag("type", type)
                .register(registry);
    }

    void deadLetterDepth(String consumer, Supplier<Number> depth) {
        Gauge.builder("inetpublish.events.dead.letters", depth).tag("consumer", consumer)
                .description(SharedGauges.describe("Messages waiting in the consumer's dead-letter queue")).register(registry);
    }
}
