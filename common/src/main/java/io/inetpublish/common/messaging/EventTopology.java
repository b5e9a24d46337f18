package io.inetpublish.common.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The exchange and the queues of one service, derived from its {@link EventConsumer} beans. Per consumer:
 * <ul>
 * <li>{@code <queue>}: durable, bound to each event type; a message the broker dead-letters from it goes to the DLQ;
 * <li>{@code <queue>.retry}: holds a failed event for its backoff (per-message TTL), then the broker moves it back
 * to {@code <queue>};
 * <li>{@code <queue>.dlq}: events that were unreadable, rejected, or failed every attempt.
 * </ul>
 */
public class EventTopology {

    private final String exchange;
    private final List<ConsumerQueues> consumers;

    public EventTopology(MessagingProperties properties, String applicationName, List<EventConsumer> consumers) {
        this.exchange = properties.exchange();
        List<ConsumerQueues> resolved = new ArrayList<>();
        for (EventConsumer consumer : consumers) {
            String name = applicationName + "." + consumer.purpose();
            String queue = properties.queuePrefix() + name;
            if (resolved.stream().anyMatch(c -> c.name().equals(name))) {
                throw new IllegalStateException("two event consumers share the purpose " + consumer.purpose());
            }
            resolved.add(new ConsumerQueues(name, queue, queue + ".retry", queue + ".dlq", consumer));
        }
        this.consumers = List.copyOf(resolved);
    }

    public String exchange() {
        return exchange;
    }

    public List<ConsumerQueues> consumers() {
        return consumers;
    }

    /** A consumer by its name ({@code <application>.<purpose>}), its queue or its dead-letter queue. */
    public Optional<ConsumerQueues> find(String nameOrQueue) {
        return consumers.stream()
                .filter(c -> c.name().equals(nameOrQueue) || c.queue().equals(nameOrQueue)
                        || c.deadLetterQueue().equals(nameOrQueue))
                .findFirst();
    }

    /** What {@code RabbitAdmin} declares on every (re)connection. */
    public Declarables declarables() {
        List<Declarable> declarables = new ArrayList<>();
        TopicExchange topic = ExchangeBuilder.topicExchange(exchange).durable(true).build();
        declarables.add(topic);
        for (ConsumerQueues c : consumers) {
            Queue main = QueueBuilder.durable(c.queue())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(c.deadLetterQueue())
                    .build();
            Queue retry = QueueBuilder.durable(c.retryQueue())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(c.queue())
                    .build();
            Queue dlq = QueueBuilder.durable(c.deadLetterQueue()).build();
            declarables.add(main);
            declarables.add(retry);
            declarables.add(dlq);
            for (String type : c.consumer().eventTypes()) {
                declarables.add(BindingBuilder.bind(main).to(topic).with(type));
            }
        }
        return new Declarables(declarables);
    }

    /**
     * @param name the consumer's name in the inbox and in metrics, {@code <application>.<purpose>}
     */
    public record ConsumerQueues(String name, String queue, String retryQueue, String deadLetterQueue,
            EventConsumer consumer) {
    }
}
