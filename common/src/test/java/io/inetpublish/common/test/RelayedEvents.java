package io.inetpublish.common.test;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.EventEnvelope;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events on the suite's own exchange ({@link ServiceIntegrationTest}) as another service's outbox relay sends them,
 * and queues of a test's own that show what the service under test published. Every service suite has one
 * ({@link TestInfrastructure}): {@code @Autowired RelayedEvents events}.
 */
public class RelayedEvents {

    private final ObjectProvider<RabbitTemplate> rabbit;
    private final ObjectProvider<AmqpAdmin> admin;
    private final ObjectProvider<JsonMapper> json;
    private final Environment environment;

    RelayedEvents(ObjectProvider<RabbitTemplate> rabbit, ObjectProvider<AmqpAdmin> admin,
            ObjectProvider<JsonMapper> json, Environment environment) {
        this.rabbit = rabbit;
        this.admin = admin;
        this.json = json;
        this.environment = environment;
    }

    /** Publishes like the outbox relay does: the envelope as JSON, routing key = type, message id = event id. */
    public void publish(EventEnvelope<?> event) {
        send(event.type(), json.getObject().writeValueAsBytes(event), event.eventId().toString());
    }

    /**
     * {@link #publish} of several events on one channel, so that the broker queues them in this order (sends on
     * different channels of the cache may overtake each other).
     */
    public void publishInOrder(List<? extends EventEnvelope<?>> events) {
        rabbit.getObject().invoke(template -> {
            events.forEach(this::publish);
            return null;
        });
    }

    /**
     * Sends {@code body} (an envelope as written, or anything a test wants a consumer to face) with routing key and
     * message type {@code type}; {@code messageId} may be null (a message the relay would never send).
     */
    public void send(String type, byte[] body, String messageId) {
        MessageProperties props = new MessageProperties();
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setMessageId(messageId);
        props.setType(type);
        rabbit.getObject().send(exchange(), type, new Message(body, props));
    }

    /** {@link #send} of an envelope's bytes with its event id as message id. */
    public void send(String type, byte[] envelope, UUID eventId) {
        send(type, envelope, eventId.toString());
    }

    /**
     * A queue of the calling test's own, bound to the events of {@code type} on the suite's exchange from now on;
     * the broker deletes it ten minutes after its last use.
     *
     * @return the queue's name, to {@code receive} from
     */
    public String watch(String type) {
        Queue queue = QueueBuilder.nonDurable(environment.getRequiredProperty("inetpublish.messaging.queue-prefix")
                + "watch." + UUID.randomUUID()).expires(600_000).build();
        admin.getObject().declareQueue(queue);
        admin.getObject().declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(exchange())).with(type));
        return queue.getName();
    }

    /** The suite's exchange. */
    public String exchange() {
        return environment.getRequiredProperty("inetpublish.messaging.exchange");
    }
}
