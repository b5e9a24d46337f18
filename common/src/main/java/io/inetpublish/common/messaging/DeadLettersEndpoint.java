package io.inetpublish.common.messaging;

import java.util.List;

import io.inetpublish.common.text.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/deadletters}: {@code GET} lists this service's dead-letter queues and the messages in them
 * (they stay there); {@code POST} with {@code {"consumer": "...", "eventId": "..."}} (both optional) sends the
 * matching dead letters back to their consumer queue for a fresh set of attempts.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public DeadLettersReport deadLetters() {
        return new DeadLettersReport(deadLetters.list());
    }

    @WriteOperation
    public ReplayReport replay(@Nullable String consumer, @Nullable String eventId) {
        try {
            return new ReplayReport(deadLetters.replay(Texts.blankToNull(consumer), Texts.blankToNull(eventId)));
        } catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
        }
    }

    public record DeadLettersReport(List<DeadLetters.QueueReport> consumers) {
    }

    public record ReplayReport(int replayed) {
    }
}
