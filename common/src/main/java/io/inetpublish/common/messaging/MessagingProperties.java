package io.inetpublish.common.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code inetpublish.messaging.*}: where events travel and how hard the relay and the consumers try. The defaults
 * suit production; test suites shorten the intervals and use their own exchange and queue prefix so that suites
 * sharing one broker never see each other's messages.
 *
 * @param exchange the durable topic exchange every event is published to (routing key = event type)
 * @param queuePrefix put in front of every consumer queue name ({@code <prefix><application>.<purpose>})
 */
@ConfigurationProperties("inetpublish.messaging")
public record MessagingProperties(@DefaultValue("inetpublish.events") String exchange,
        @DefaultValue("") String queuePrefix, @DefaultValue Relay relay, @DefaultValue Consumer consumer,
        @DefaultValue DeadLetters deadLetters) {

    /**
     * The outbox relay.
     *
     * @param enabled whether this instance relays at all (every instance may; rows are claimed with SKIP LOCKED)
     * @param interval pause between two polls when the outbox had nothing due, unless an outbox commit wakes the
     *        relay earlier (one of this process, or any writer's through {@code NOTIFY outbox_event}); the fallback
     * @param batchSize rows claimed, published and confirmed per transaction
     * @param confirmTimeout how long to wait for the broker's confirms of one batch
     * @param initialBackoff delay before the first retry of a row that was not confirmed; doubles per attempt
     * @param maxBackoff upper bound of the retry delay
     * @param sentRetention how long sent rows are kept before the clean-up deletes them
     * @param cleanupInterval how often sent outbox rows and old inbox records are cleaned up
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration interval,
            @DefaultValue("100") int batchSize, @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("1s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("7d") Duration sentRetention, @DefaultValue("1h") Duration cleanupInterval) {
    }

    /**
     * Every event consumer.
     *
     * @param concurrency listener threads per queue
     * @param prefetch unacknowledged messages the broker hands one listener thread
     * @param batchSize messages a listener thread applies in one transaction at most (1: each alone)
     * @param batchWait how long a listener thread gathers a batch at most before it applies what it has
     * @param maxAttempts deliveries of one event (the first included) before it is dead-lettered
     * @param initialInterval delay before the first retry
     * @param multiplier growth of the delay per retry
     * @param maxInterval upper bound of the retry delay
     * @param inboxRetention how long processed event ids are remembered for duplicate detection
     */
    public record Consumer(@DefaultValue("1") int concurrency, @DefaultValue("20") int prefetch,
            @DefaultValue("20") int batchSize, @DefaultValue("50ms") Duration batchWait,
            @DefaultValue("4") int maxAttempts, @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("3.0") double multiplier, @DefaultValue("1m") Duration maxInterval,
            @DefaultValue("30d") Duration inboxRetention) {

        /** The wait before delivery number {@code attempt + 1}, after {@code attempt} failed ones. */
        public Duration backoff(int attempt) {
            double millis = initialInterval.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxInterval.toMillis()));
        }
    }

    /** @param peekLimit messages shown per dead-letter queue by the {@code deadletters} endpoint */
    public record DeadLetters(@DefaultValue("50") int peekLimit) {
    }
}
