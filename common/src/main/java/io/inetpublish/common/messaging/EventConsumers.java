package io.inetpublish.common.messaging;

import java.util.ArrayList;
import java.util.List;

import io.inetpublish.common.inbox.Inbox;
import io.inetpublish.common.messaging.EventTopology.ConsumerQueues;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs one listener container (manual acknowledgement) per {@link EventConsumer} of the service. */
final class EventConsumers implements SmartLifecycle {

    private final EventTopology topology;
    private final ConnectionFactory connectionFactory;
    private final AmqpAdmin admin;
    private final ApplicationContext context;
    private final EventCodec codec;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final ConfirmedSender sender;
    private final MessagingProperties properties;
    private final MessagingMetrics metrics;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    EventConsumers(EventTopology topology, ConnectionFactory connectionFactory, AmqpAdmin admin,
            ApplicationContext context, EventCodec codec, Inbox inbox, TransactionTemplate tx,
            ConfirmedSender sender, MessagingProperties properties, MessagingMetrics metrics) {
        this.topology = topology;
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.context = context;
        this.codec = codec;
        this.inbox = inbox;
        this.tx = tx;
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        for (ConsumerQueues queues : topology.consumers()) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(queues.queue());
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            int concurrency = queues.consumer().concurrency() != null ? queues.consumer().concurrency()
                    : properties.consumer().concurrency();
            container.setConcurrentConsumers(concurrency);
            int batchSize = queues.consumer().batchSize() != null ? queues.consumer().batchSize()
                    : properties.consumer().batchSize();
            container.setPrefetchCount(Math.max(properties.consumer().prefetch(), batchSize));
            // what the broker has handed over, up to batch-size messages, to one transaction (EventDispatcher); a
            // thread waits at most batch-wait for more, so a lone event is not held back longer than that
            container.setConsumerBatchEnabled(true);
            container.setBatchSize(Math.max(1, batchSize));
            container.setReceiveTimeout(properties.consumer().batchWait().toMillis());
            container.setBatchReceiveTimeout(properties.consumer().batchWait().toMillis());
            container.setMissingQueuesFatal(false);
            container.setAmqpAdmin(admin);
            container.setApplicationContext(context);
            container.setBeanName("eventConsumer:" + queues.name());
            container.setMessageListener(new EventDispatcher(queues, codec, inbox, tx, sender,
                    properties.consumer(), metrics));
            container.afterPropertiesSet();
            container.start();
            containers.add(container);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        containers.forEach(SimpleMessageListenerContainer::destroy);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after, and stops before, everything the handlers use. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
