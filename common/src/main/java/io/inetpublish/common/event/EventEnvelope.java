package io.inetpublish.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every domain event travels in. The routing key on {@code inetpublish.events} is {@link #type()};
 * the payload is a versioned record of {@code io.inetpublish.common.event}, serialised as JSON.
 *
 * @param <P> payload type
 */
public record EventEnvelope<P>(UUID eventId, String type, Instant occurredAt, Actor actor, P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
    }

    public static <P> EventEnvelope<P> of(String type, Actor actor, P payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, Instant.now(), actor, payload);
    }
}
