package io.inetpublish.common.messaging;

import io.inetpublish.common.event.EventEnvelope;

/**
 * Applies one event. It runs inside a database transaction that also records the event in the inbox, so its
 * database effect and the "done" mark commit together; it must not open a {@code REQUIRES_NEW} transaction for the
 * effect. The transaction may hold other events of the same queue too (a batch, see {@code EventDispatcher}): a
 * handler must not swallow a database error and go on, and must not act outside the database before the commit, since
 * a failing batch is rolled back and each of its events is handled again alone. Throwing rolls the event's effect and
 * inbox record back: {@link RejectedEventException} dead-letters the event at once, any other exception counts as
 * transient and the event is retried with backoff until its attempts are used up.
 *
 * @param <P> the payload record the event's JSON is read into
 */
@FunctionalInterface
public interface EventHandler<P> {

    void handle(EventEnvelope<P> event) throws Exception;
}
