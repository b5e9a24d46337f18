package io.inetpublish.common.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inetpublish.common.event.EventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batch consumer of the suite ({@code messaging-test.probe-batch}): writes the effects of all the events it is
 * handed with one statement, then refuses the list when a probe in it says {@code reject}, so that a refusal shows the
 * whole batch was rolled back. Remembers the names of every call, failed ones included.
 */
class BatchProbeHandler implements EventBatchHandler<Probe> {

    private final JdbcTemplate jdbc;
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    BatchProbeHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void handle(List<EventEnvelope<Probe>> events) {
        calls.add(events.stream().map(e -> e.payload().name()).toList());
        jdbc.batchUpdate("insert into probe_effect (event_id, name, actor) values (?, ?, ?)", events, events.size(),
                (ps, event) -> {
                    ps.setObject(1, event.eventId());
                    ps.setString(2, event.payload().name());
                    ps.setString(3, event.actor().name());
                });
        for (EventEnvelope<Probe> event : events) {
            if ("reject".equals(event.payload().mode())) {
                throw new RejectedEventException("probe " + event.payload().name() + " can never be applied");
            }
        }
    }

    /** A single event of the other type of the queue, handled alone. */
    void single(EventEnvelope<Probe> event) {
        calls.add(List.of(event.payload().name()));
        jdbc.update("insert into probe_effect (event_id, name, actor) values (?, ?, ?)", event.eventId(),
                event.payload().name(), event.actor().name());
    }

    /** The names handed over in each call, in the order of the calls. */
    List<List<String>> calls() {
        return List.copyOf(calls);
    }

    /** The names of the committed effects whose name starts with {@code prefix}, in the order they were written. */
    List<String> effectsInOrder(String prefix) {
        return jdbc.queryForList("select name from probe_effect where name like ? order by id", String.class,
                prefix + "%");
    }
}
