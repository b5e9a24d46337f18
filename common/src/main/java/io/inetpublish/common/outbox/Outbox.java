package io.inetpublish.common.outbox;

import java.sql.Timestamp;
import java.util.List;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.security.CurrentActor;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a producer puts its domain events: written into {@code outbox_event} inside the caller's transaction, so
 * the event exists if and only if the state change committed. A relay publishes the rows afterwards; after the commit
 * of a transaction that wrote any, this process's relay is told ({@code committed}, {@link OutboxRelay#committedHere}),
 * so it does not wait for its next poll: it wakes then unless its listener's {@code NOTIFY} of the commit wakes it.
 */
@RequiredArgsConstructor
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final CurrentActor currentActor;
    /** Run once after the commit of a transaction that recorded events (tells the relay). */
    private final Runnable committed;

    /** Records an event caused by the person of the current request. Must run inside a transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <P> EventEnvelope<P> publish(String type, P payload) {
        return publish(type, currentActor.get(), payload);
    }

    /** Records an event on behalf of the given actor (e.g. the person who triggered a build). */
    @Transactional(propagation = Propagation.MANDATORY)
    public <P> EventEnvelope<P> publish(String type, Actor actor, P payload) {
        return publishAll(List.of(EventEnvelope.of(type, actor, payload))).getFirst();
    }

    /**
     * Records events made with {@link EventEnvelope#of}, in this order, with one round trip (a consumer that applies
     * a batch of events answers them together). Must run inside a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <E extends EventEnvelope<?>> List<E> publishAll(List<E> envelopes) {
        if (envelopes.isEmpty()) {
            return envelopes;
        }
        jdbc.batchUpdate("""
                insert into outbox_event (id, event_type, envelope, created_at, attempts, next_attempt_at)
                values (?, ?, cast(? as jsonb), ?, 0, ?)
                """, envelopes, envelopes.size(), (ps, envelope) -> {
                    Timestamp at = Timestamp.from(envelope.occurredAt());
                    ps.setObject(1, envelope.eventId());
                    ps.setString(2, envelope.type());
                    ps.setString(3, json.writeValueAsString(envelope));
                    ps.setTimestamp(4, at);
                    ps.setTimestamp(5, at);
                });
        afterCommit();
        return envelopes;
    }

    /** Once per transaction, however many events it records. */
    private void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.run();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            }
        });
    }

}
