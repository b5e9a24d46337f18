package io.inetpublish.common.messaging;

import java.util.List;

import io.inetpublish.common.event.EventEnvelope;

/**
 * Applies several events of one type at once, in the order the broker delivered them, so that a consumer can do its
 * work with one statement per kind of row for the whole batch instead of a round trip per event. It runs in the same
 * transaction as the inbox records of all of them and must give the same result as applying them one after another
 * (an event sees the effects of those before it). Everything {@link EventHandler} says holds for it: when it throws,
 * the whole batch is rolled back and each event is handed to it again alone, as a list of one, with the failure
 * policy of a single event ({@link RejectedEventException} dead-letters that one event, anything else retries it).
 *
 * @param <P> the payload record the events' JSON is read into
 */
@FunctionalInterface
public interface EventBatchHandler<P> {

    /** @param events at least one; every one is a first delivery to this consumer */
    void handle(List<EventEnvelope<P>> events) throws Exception;
}
