package io.inetpublish.common.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.inetpublish.common.messaging.EventTopology.ConsumerQueues;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * The operator's handle on dead letters: look at what sits in each consumer's dead-letter queue without taking it
 * out, and send messages back to their consumer queue for a fresh set of attempts.
 */
public class DeadLetters {

    private static final int BODY_LENGTH = 4000;

    private final EventTopology topology;
    private final RabbitTemplate rabbit;
    private final ConfirmedSender sender;
    private final int peekLimit;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    DeadLetters(EventTopology topology, RabbitTemplate rabbit, ConfirmedSender sender, int peekLimit) {
        this.topology = topology;
        this.rabbit = rabbit;
        this.sender = sender;
        this.peekLimit = peekLimit;
    }

    /** Every consumer's dead-letter queue with its depth and the first messages in it, left in place. */
    public List<QueueReport> list() {
        List<QueueReport> reports = new ArrayList<>();
        for (ConsumerQueues queues : topology.consumers()) {
            reports.add(rabbit.execute(channel -> peek(channel, queues)));
        }
        return reports;
    }

    public long depth(ConsumerQueues queues) {
        Long count = rabbit.execute(channel -> (long) channel.queueDeclarePassive(queues.deadLetterQueue())
                .getMessageCount());
        return count == null ? 0 : count;
    }

    private QueueReport peek(Channel channel, ConsumerQueues queues) throws IOException {
        int depth = channel.queueDeclarePassive(queues.deadLetterQueue()).getMessageCount();
        List<DeadLetter> messages = new ArrayList<>();
        long lastTag = -1;
        try {
            for (int i = 0; i < Math.min(depth, peekLimit); i++) {
                GetResponse response = channel.basicGet(queues.deadLetterQueue(), false);
                if (response == null) {
                    break;
                }
                lastTag = response.getEnvelope().getDeliveryTag();
                messages.add(describe(response));
            }
        } finally {
            if (lastTag >= 0) {
                // give everything back, in its original place
                channel.basicNack(lastTag, true, true);
            }
        }
        return new QueueReport(queues.name(), queues.queue(), queues.deadLetterQueue(), depth, messages);
    }

    private DeadLetter describe(GetResponse response) {
        MessageProperties props = toProperties(response.getProps(), response);
        Map<String, Object> headers = props.getHeaders();
        String body = new String(response.getBody(), StandardCharsets.UTF_8);
        return new DeadLetter(props.getMessageId(), text(headers.get(EventDispatcher.ROUTING_KEY)),
                text(headers.get(EventDispatcher.REASON)), text(headers.get(EventDispatcher.ERROR)),
                EventDispatcher.attempt(new Message(new byte[0], props)),
                text(headers.get(EventDispatcher.DEAD_LETTERED_AT)),
                body.length() > BODY_LENGTH ? body.substring(0, BODY_LENGTH) + "…" : body);
    }

    private MessageProperties toProperties(AMQP.BasicProperties properties, GetResponse response) {
        return converter.toMessageProperties(properties, response.getEnvelope(), StandardCharsets.UTF_8.name());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * Moves dead letters back to their consumer queue with their attempts reset: all of them, those of one
     * consumer ({@code consumer} = its name, queue or dead-letter queue), or only the one with {@code messageId}
     * (the event id). Messages that do not match stay where they are.
     *
     * @return how many messages were sent back
     */
    public int replay(String consumer, String messageId) {
        List<ConsumerQueues> targets = consumer == null ? topology.consumers()
                : List.of(topology.find(consumer).orElseThrow(() -> new IllegalArgumentException(
                        "no event consumer named " + consumer + " in this service")));
        int replayed = 0;
        for (ConsumerQueues queues : targets) {
            Integer count = rabbit.execute(channel -> replay(channel, queues, messageId));
            replayed += count == null ? 0 : count;
        }
        return replayed;
    }

    private int replay(Channel channel, ConsumerQueues queues, String messageId) throws IOException {
        int depth = channel.queueDeclarePassive(queues.deadLetterQueue()).getMessageCount();
        List<Long> keep = new ArrayList<>();
        int replayed = 0;
        try {
            for (int i = 0; i < depth; i++) {
                GetResponse response = channel.basicGet(queues.deadLetterQueue(), false);
                if (response == null) {
                    break;
                }
                long tag = response.getEnvelope().getDeliveryTag();
                MessageProperties props = toProperties(response.getProps(), response);
                if (messageId != null && !messageId.equals(props.getMessageId())) {
                    keep.add(tag);
                    continue;
                }
                sender.sendToQueue(queues.queue(), fresh(response.getBody(), props));
                channel.basicAck(tag, false);
                replayed++;
            }
        } finally {
            for (Long tag : keep) {
                channel.basicNack(tag, false, true);
            }
        }
        return replayed;
    }

    private static Message fresh(byte[] body, MessageProperties original) {
        MessageProperties props = new MessageProperties();
        props.setContentType(original.getContentType());
        props.setContentEncoding(original.getContentEncoding());
        props.setMessageId(original.getMessageId());
        props.setType(original.getType());
        props.setDeliveryMode(original.getDeliveryMode());
        Map<String, Object> headers = new HashMap<>(original.getHeaders());
        headers.keySet().removeIf(key -> key.startsWith("x-death") || key.startsWith("x-first-death")
                || key.startsWith("x-last-death"));
        headers.remove(EventDispatcher.ATTEMPT);
        headers.remove(EventDispatcher.REASON);
        headers.remove(EventDispatcher.DEAD_LETTERED_AT);
        headers.forEach(props::setHeader);
        return new Message(body, props);
    }

    /** One consumer's dead-letter queue. */
    public record QueueReport(String consumer, String queue, String deadLetterQueue, int messageCount,
            List<DeadLetter> messages) {
    }

    /**
     * One dead letter.
     *
     * @param eventId the message id, which the relay sets to the event id
     * @param reason {@code unreadable}, {@code rejected} or {@code exhausted} (every attempt failed)
     * @param error the last failure
     */
    public record DeadLetter(String eventId, String routingKey, String reason, String error, int attempts,
            String deadLetteredAt, String body) {
    }
}
