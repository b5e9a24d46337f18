package io.inetpublish.common.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Puts a message straight into a named queue and returns only once the broker confirmed it. */
final class ConfirmedSender {

    private final RabbitTemplate rabbit;
    private final Duration timeout;

    ConfirmedSender(RabbitTemplate rabbit, Duration timeout) {
        this.rabbit = rabbit;
        this.timeout = timeout;
    }

    void sendToQueue(String queue, Message message) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send("", queue, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException ex) {
            throw new AmqpException("no confirm for a message to " + queue + ": " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while sending to " + queue, ex);
        }
        if (correlation.getReturned() != null) {
            throw new AmqpException("queue " + queue + " does not exist: "
                    + correlation.getReturned().getReplyText());
        }
        if (!confirm.ack()) {
            throw new AmqpException("broker refused a message to " + queue + ": " + confirm.reason());
        }
    }
}
