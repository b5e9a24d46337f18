package io.inetpublish.common.messaging;


import io.inetpublish.common.inbox.Inbox;
import io.inetpublish.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event mechanism of every service: the outbox relay, the exchange and consumer queues, the listener
 * containers of the service's {@link EventConsumer} beans, the inbox, metrics and the {@code deadletters} actuator
 * endpoint. See {@code docs/events.md}.
 */
@AutoConfiguration(after = {RabbitAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnBean({ConnectionFactory.class, JdbcTemplate.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Publisher confirms and returns need the connection factory set up for them. */
    static RabbitTemplate confirmingTemplate(ConnectionFactory connectionFactory) {
        if (connectionFactory instanceof CachingConnectionFactory caching
                && (!caching.isPublisherConfirms() || !caching.isPublisherReturns())) {
            throw new IllegalStateException("the event mechanism needs spring.rabbitmq.publisher-confirm-type="
                    + "correlated and spring.rabbitmq.publisher-returns=true (set in inetpublish-defaults.yml)");
        }
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMandatory(true);
        // a return is read from the CorrelationData of the send; this callback only keeps the template quiet
        template.setReturnsCallback(returned -> {
        });
        return template;
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(JdbcTemplate jdbc) {
        return new Inbox(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    MessagingMetrics messagingMetrics(ObjectProvider<MeterRegistry> registry, JdbcTemplate jdbc) {
        return new MessagingMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    @Bean
    @ConditionalOnMissingBean
    EventTopology eventTopology(MessagingProperties properties, Environment environment,
            ObjectProvider<EventConsumer> consumers) {
        return new EventTopology(properties, environment.getRequiredProperty("spring.application.name"),
                consumers.orderedStream().toList());
    }

    @Bean
    Declarables inetpublishEventDeclarables(EventTopology topology) {
        return topology.declarables();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            ConnectionFactory connectionFactory, MessagingProperties properties, MessagingMetrics metrics,
            Inbox inbox, ObjectProvider<JdbcConnectionDetails> database) {
        OutboxRelay relay = new OutboxRelay(jdbc, new TransactionTemplate(transactionManager),
                confirmingTemplate(connectionFactory), properties, metrics, inbox);
        // woken at every outbox commit of the database, not only at this process's (docs/events.md)
        JdbcConnectionDetails details = database.getIfAvailable();
        if (details != null && details.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            relay.listenTo(details.getJdbcUrl(), details.getUsername(), details.getPassword());
        }
        return relay;
    }

    @Bean
    EventConsumers eventConsumers(EventTopology topology, ConnectionFactory connectionFactory, AmqpAdmin admin,
            ApplicationContext context, EventCodec codec, Inbox inbox,
            PlatformTransactionManager transactionManager, MessagingProperties properties,
            MessagingMetrics metrics) {
        return new EventConsumers(topology, connectionFactory, admin, context, codec, inbox,
                new TransactionTemplate(transactionManager), sender(connectionFactory, properties), properties,
                metrics);
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(EventTopology topology, ConnectionFactory connectionFactory,
            MessagingProperties properties, MessagingMetrics metrics) {
        DeadLetters deadLetters = new DeadLetters(topology, new RabbitTemplate(connectionFactory),
                sender(connectionFactory, properties), properties.deadLetters().peekLimit());
        for (EventTopology.ConsumerQueues queues : topology.consumers()) {
            metrics.deadLetterDepth(queues.name(), () -> {
                try {
                    return deadLetters.depth(queues);
                } catch (RuntimeException ex) {
                    return Double.NaN;
                }
            });
        }
        return deadLetters;
    }

    private static ConfirmedSender sender(ConnectionFactory connectionFactory, MessagingProperties properties) {
        return new ConfirmedSender(confirmingTemplate(connectionFactory), properties.relay().confirmTimeout());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class DeadLettersEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
            return new DeadLettersEndpoint(deadLetters);
        }
    }
}
