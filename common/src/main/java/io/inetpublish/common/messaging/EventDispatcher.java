package io.inetpublish.common.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.inbox.Inbox;
import io.inetpublish.common.messaging.EventCodec.RawEvent;
import io.inetpublish.common.messaging.EventTopology.ConsumerQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the messages of one consumer queue to its handlers, acknowledging each manually:
 * <ol>
 * <li>unreadable (not JSON, not an envelope, unknown type, payload not readable) → dead-letter queue at once;
 * <li>in one transaction: inbox record (consumer, eventId) + handler; a duplicate is acknowledged and skipped;
 * <li>the handler threw {@link RejectedEventException}, or failed on the last allowed attempt → dead-letter queue;
 * <li>the handler failed otherwise → copy into the retry queue with the backoff as TTL and the attempt number in a
 * header; the broker returns it to the consumer queue when the TTL ends.
 * </ol>
 * The original is acknowledged only after the copy (retry or dead letter) was confirmed by the broker.
 * <p>
 * The listener container hands over what the broker delivered, up to {@code batch-size} messages at a time
 * ({@link #onMessageBatch}): the readable ones are applied in <em>one</em> transaction (their inbox records in one
 * statement, consecutive events of one type handed to their handler together: {@link EventBatchHandler}), and
 * acknowledged together after the commit. If anything in that transaction fails, it is rolled back whole and every
 * message of the batch goes through the steps above on its own, in its own transaction, so a failing event is retried
 * or dead-lettered alone and the others are applied as if there had been no batch.
 */
final class EventDispatcher implements ChannelAwareBatchMessageListener {

    static final String ATTEMPT = "x-inetpublish-attempt";
    static final String ERROR = "x-inetpublish-error";
    static final String REASON = "x-inetpublish-reason";
    static final String ROUTING_KEY = "x-inetpublish-routing-key";
    static final String QUEUE = "x-inetpublish-queue";
    static final String DEAD_LETTERED_AT = "x-inetpublish-dead-lettered-at";
    private static final int ERROR_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final ConsumerQueues queues;
    private final EventCodec codec;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final ConfirmedSender sender;
    private final MessagingProperties.Consumer settings;
    private final MessagingMetrics metrics;

    EventDispatcher(ConsumerQueues queues, EventCodec codec, Inbox inbox, TransactionTemplate tx,
            ConfirmedSender sender, MessagingProperties.Consumer settings, MessagingMetrics metrics) {
        this.queues = queues;
        this.codec = codec;
        this.inbox = inbox;
        this.tx = tx;
        this.sender = sender;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * One transaction for the whole batch (fewer commits, round trips and acknowledgements per event); one transaction
     * per message when the batch transaction fails.
     */
    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        try {
            applyBatch(messages, channel);
        } catch (IOException ex) {
            // the channel failed: what was not acknowledged is delivered again on the next one
            throw new AmqpIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AmqpException("consumer " + queues.name() + " interrupted", ex);
        }
    }

    private void applyBatch(List<Message> messages, Channel channel) throws IOException, InterruptedException {
        if (messages.size() == 1) {
            onMessage(messages.getFirst(), channel);
            return;
        }
        List<Readable> batch = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Readable readable = read(message);
            if (readable == null) {
                onMessage(message, channel); // dead-letters it, as alone
            } else {
                batch.add(readable);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean[] applied;
        try {
            applied = tx.execute(status -> {
                boolean[] fresh = inbox.firstDeliveries(queues.name(), batch.stream()
                        .map(r -> new Inbox.Delivery(r.raw().eventId(), r.raw().type())).toList());
                // consecutive first deliveries of one type go to their handler together, in order
                int i = 0;
                while (i < batch.size()) {
                    EventConsumer.Registration<?> registration = batch.get(i).registration();
                    List<EventEnvelope<?>> run = new ArrayList<>();
                    for (; i < batch.size() && (!fresh[i] || batch.get(i).registration() == registration); i++) {
                        if (fresh[i]) {
                            run.add(batch.get(i).envelope());
                        }
                    }
                    if (!run.isEmpty()) {
                        invoke(registration, run);
                    }
                }
                return fresh;
            });
        } catch (RuntimeException ex) {
            log.debug("consumer {}: a batch of {} failed ({}), applying each on its own", queues.name(), batch.size(),
                    ex.toString());
            metrics.batchSplit(queues.name());
            for (Readable r : batch) {
                onMessage(r.message(), channel);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Readable r = batch.get(i);
            if (applied != null && applied[i]) {
                metrics.consumed(queues.name(), r.raw().type());
            } else {
                log.info("consumer {} skips duplicate event {} ({})", queues.name(), r.raw().eventId(), r.raw().type());
                metrics.duplicate(queues.name(), r.raw().type());
            }
        }
        metrics.batch(queues.name(), batch.size());
        // the container delivers in order on one channel: acknowledging the last settles the batch
        channel.basicAck(batch.getLast().message().getMessageProperties().getDeliveryTag(), true);
    }

    /** A message whose envelope and payload were read and whose type this consumer handles; null otherwise. */
    private Readable read(Message message) {
        try {
            RawEvent raw = codec.readRaw(message.getBody());
            EventConsumer.Registration<?> registration = queues.consumer().registration(raw.type());
            if (registration == null) {
                return null;
            }
            return new Readable(message, raw, registration, codec.withPayload(raw, registration.payloadType()));
        } catch (UnreadableEventException ex) {
            return null;
        }
    }

    private record Readable(Message message, RawEvent raw, EventConsumer.Registration<?> registration,
            EventEnvelope<?> envelope) {
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException, InterruptedException {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            dispatch(message);
            channel.basicAck(tag, false);
        } catch (RuntimeException ex) {
            // the retry or dead-letter copy could not be stored: leave the message to the broker and back off a
            // little so that a broker in trouble is not hammered
            log.error("consumer {} could not settle a message, it will be redelivered: {}", queues.name(),
                    ex.toString());
            Thread.sleep(1000);
            channel.basicNack(tag, false, true);
        }
    }

    private void dispatch(Message message) {
        int attempt = attempt(message);
        RawEvent raw;
        EventEnvelope<?> envelope;
        EventConsumer.Registration<?> registration;
        try {
            raw = codec.readRaw(message.getBody());
            registration = queues.consumer().registration(raw.type());
            if (registration == null) {
                throw new UnreadableEventException("consumer " + queues.name() + " has no handler for event type "
                        + raw.type(), null);
            }
            envelope = codec.withPayload(raw, registration.payloadType());
        } catch (UnreadableEventException ex) {
            log.warn("consumer {} dead-letters an unreadable message: {}", queues.name(), ex.getMessage());
            deadLetter(message, "unreadable", ex.getMessage(), attempt, typeOf(message));
            return;
        }
        try {
            Boolean applied = tx.execute(status -> {
                if (!inbox.firstDelivery(queues.name(), raw.eventId(), raw.type())) {
                    return false;
                }
                invoke(registration, List.of(envelope));
                return true;
            });
            if (Boolean.TRUE.equals(applied)) {
                metrics.consumed(queues.name(), raw.type());
            } else {
                log.info("consumer {} skips duplicate event {} ({})", queues.name(), raw.eventId(), raw.type());
                metrics.duplicate(queues.name(), raw.type());
            }
        } catch (RuntimeException ex) {
            RejectedEventException rejected = rejection(ex);
            if (rejected != null) {
                log.warn("consumer {} rejected event {} ({}): {}", queues.name(), raw.eventId(), raw.type(),
                        rejected.getMessage());
                deadLetter(message, "rejected", describe(rejected), attempt, raw.type());
            } else if (attempt >= settings.maxAttempts()) {
                log.error("consumer {} gives up on event {} ({}) after {} attempts", queues.name(), raw.eventId(),
                        raw.type(), attempt, ex);
                deadLetter(message, "exhausted", describe(ex), attempt, raw.type());
            } else {
                Duration backoff = settings.backoff(attempt);
                log.warn("consumer {} failed on event {} ({}), attempt {} of {}, retrying in {}: {}", queues.name(),
                        raw.eventId(), raw.type(), attempt, settings.maxAttempts(), backoff, describe(ex));
                sender.sendToQueue(queues.retryQueue(), copy(message, attempt + 1, describe(ex), backoff));
                metrics.retried(queues.name(), raw.type());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <P> void invoke(EventConsumer.Registration<P> registration, List<EventEnvelope<?>> envelopes) {
        try {
            registration.handler().handle((List<EventEnvelope<P>>) (List<?>) envelopes);
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new HandlerFailedException(ex);
        }
    }

    private void deadLetter(Message message, String reason, String error, int attempt, String type) {
        Message copy = copy(message, attempt, error, null);
        Map<String, Object> headers = copy.getMessageProperties().getHeaders();
        headers.put(REASON, reason);
        headers.put(QUEUE, queues.queue());
        headers.put(DEAD_LETTERED_AT, Instant.now().toString());
        sender.sendToQueue(queues.deadLetterQueue(), copy);
        metrics.deadLettered(queues.name(), type, reason);
    }

    private static Message copy(Message message, int attempt, String error, Duration ttl) {
        MessageProperties original = message.getMessageProperties();
        MessageProperties props = new MessageProperties();
        props.setContentType(original.getContentType());
        props.setContentEncoding(original.getContentEncoding());
        props.setMessageId(original.getMessageId());
        props.setType(original.getType());
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        Map<String, Object> headers = new HashMap<>(original.getHeaders());
        headers.remove("x-death");
        headers.remove("x-first-death-exchange");
        headers.remove("x-first-death-queue");
        headers.remove("x-first-death-reason");
        headers.remove("x-last-death-exchange");
        headers.remove("x-last-death-queue");
        headers.remove("x-last-death-reason");
        headers.putIfAbsent(ROUTING_KEY, original.getReceivedRoutingKey());
        headers.put(ATTEMPT, attempt);
        headers.put(ERROR, error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error);
        headers.forEach(props::setHeader);
        if (ttl != null) {
            props.setExpiration(Long.toString(Math.max(1, ttl.toMillis())));
        }
        return new Message(message.getBody(), props);
    }

    /** The delivery number of this message: 1 for the first, carried in a header through the retry queue. */
    static int attempt(Message message) {
        Object value = message.getMessageProperties().getHeaders().get(ATTEMPT);
        if (value instanceof Number number) {
            return Math.max(1, number.intValue());
        }
        if (value != null) {
            try {
                return Math.max(1, Integer.parseInt(value.toString()));
            } catch (NumberFormatException ignored) {
                return 1;
            }
        }
        return 1;
    }

    private static String typeOf(Message message) {
        String type = message.getMessageProperties().getType();
        if (type == null) {
            type = message.getMessageProperties().getReceivedRoutingKey();
        }
        return type == null ? "unknown" : type;
    }

    private static RejectedEventException rejection(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedEventException rejected) {
                return rejected;
            }
        }
        return null;
    }

    private static String describe(Throwable ex) {
        Throwable cause = ex instanceof HandlerFailedException && ex.getCause() != null ? ex.getCause() : ex;
        return cause.getClass().getName() + ": " + cause.getMessage();
    }

    static String bodyText(Message message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /** A checked exception thrown by a handler, carried through the transaction callback. */
    static final class HandlerFailedException extends RuntimeException {
        HandlerFailedException(Exception cause) {
            super(cause);
        }
    }
}
