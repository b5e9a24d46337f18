package io.inetpublish.common.outbox;

import java.sql.Timestamp;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.security.CurrentActor;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a producer puts its domain events: written into {@code outbox_event} inside the caller's transaction, so
 * the event exists if and only if the state change committed. A relay publishes the rows afterwards.
 */
@RequiredArgsConstructor
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final CurrentActor currentActor;

    /** Records an event caused by the person of the current request. Must run inside a transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <P> EventEnvelope<P> publish(String type, P payload) {
        return publish(type, currentActor.get(), payload);
    }

    /** Records an event on behalf of the given actor (e.g. the person who triggered a build). */
    @Transactional(propagation = Propagation.MANDATORY)
    public <P> EventEnvelope<P> publish(String type, Actor actor, P payload) {
        EventEnvelope<P> envelope = EventEnvelope.of(type, actor, payload);
        Timestamp now = Timestamp.from(envelope.occurredAt());
        jdbc.update("""
                insert into outbox_event (id, event_type, envelope, created_at, attempts, next_attempt_at)
                values (?, ?, cast(? as jsonb), ?, 0, ?)
                """, envelope.eventId(), type, json.writeValueAsString(envelope), now, now);
        return envelope;
    }

}
