package io.inetpublish.common.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's subscription for one purpose: declare it as a bean and the mechanism creates the durable queue
 * {@code <queue-prefix><spring.application.name>.<purpose>} bound to the events exchange with each registered
 * event type, its retry queue ({@code <queue>.retry}) and its dead-letter queue ({@code <queue>.dlq}), and
 * delivers each event to its handler exactly once per consumer.
 *
 * <pre>{@code
 * @Bean
 * EventConsumer versionSyncConsumer(VersionSyncService sync) {
 *     return EventConsumer.forPurpose("version-sync")
 *             .on(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class, event -> sync.apply(...))
 *             .on(EventTypes.BUILD_FINISHED, BuildFinished.class, event -> ...)
 *             .build();
 * }
 * }</pre>
 */
public final class EventConsumer {

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final String purpose;
    private final Map<String, Registration<?>> registrations;
    private final Integer concurrency;
    private final Integer batchSize;

    private EventConsumer(Builder builder) {
        this.purpose = builder.purpose;
        this.registrations = Map.copyOf(builder.registrations);
        this.concurrency = builder.concurrency;
        this.batchSize = builder.batchSize;
    }

    /** Starts a consumer; {@code purpose} is lower-case words joined by dashes, e.g. {@code version-sync}. */
    public static Builder forPurpose(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be lower-case words joined by '-': " + purpose);
        }
        return new Builder(purpose);
    }

    public String purpose() {
        return purpose;
    }

    /** The event types (routing keys) the queue is bound to. */
    public Set<String> eventTypes() {
        return registrations.keySet();
    }

    Registration<?> registration(String type) {
        return registrations.get(type);
    }

    /** Listener threads for this queue, or null for {@code inetpublish.messaging.consumer.concurrency}. */
    Integer concurrency() {
        return concurrency;
    }

    /** A type's handler; one that handles single events is handed the events of a batch one after another. */
    /** Events applied in one transaction at most, or null for {@code inetpublish.messaging.consumer.batch-size}. */
    Integer batchSize() {
        return batchSize;
    }

    record Registration<P>(String type, Class<P> payloadType, EventBatchHandler<P> handler) {
    }

    public static final class Builder {

        private final String purpose;
        private final Map<String, Registration<?>> registrations = new LinkedHashMap<>();
        private Integer concurrency;
        private Integer batchSize;

        private Builder(String purpose) {
            this.purpose = purpose;
        }

        /** Binds the queue to {@code type} and reads that event's payload into {@code payloadType}. */
        public <P> Builder on(String type, Class<P> payloadType, EventHandler<P> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payloadType, "payloadType");
            Objects.requireNonNull(handler, "handler");
            return register(type, payloadType, events -> {
                for (var event : events) {
                    handler.handle(event);
                }
            });
        }

        /**
         * Binds the queue to {@code type} and hands the events of that type in a batch to {@code handler} together
         * ({@link EventBatchHandler}: consecutive deliveries of the type, in order, that were not applied before).
         */
        public <P> Builder onBatches(String type, Class<P> payloadType, EventBatchHandler<P> handler) {
            Objects.requireNonNull(handler, "handler");
            return register(type, payloadType, handler);
        }

        private <P> Builder register(String type, Class<P> payloadType, EventBatchHandler<P> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payloadType, "payloadType");
            if (registrations.putIfAbsent(type, new Registration<>(type, payloadType, handler)) != null) {
                throw new IllegalArgumentException("a handler for " + type + " is already registered");
            }
            return this;
        }

        /** Listener threads for this queue (default {@code inetpublish.messaging.consumer.concurrency}). */
        public Builder concurrency(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            this.concurrency = threads;
            return this;
        }

        /**
         * Events applied in one transaction at most (default {@code inetpublish.messaging.consumer.batch-size}): more
         * for a consumer whose {@link EventBatchHandler} writes one statement per kind of row for a whole batch.
         */
        public Builder batchSize(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("batch size must be at least 1");
            }
            this.batchSize = events;
            return this;
        }

        public EventConsumer build() {
            if (registrations.isEmpty()) {
                throw new IllegalStateException("consumer " + purpose + " handles no event type");
            }
            return new EventConsumer(this);
        }
    }
}
