package io.inetpublish.common.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.inetpublish.common.event.EventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes its effect first, then fails as the probe asks, so a failure shows that the effect was rolled back. */
class ProbeHandler implements EventHandler<Probe> {

    private final JdbcTemplate jdbc;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> fixed = ConcurrentHashMap.newKeySet();

    ProbeHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void handle(EventEnvelope<Probe> event) {
        Probe probe = event.payload();
        int call = calls.computeIfAbsent(probe.name(), n -> new AtomicInteger()).incrementAndGet();
        jdbc.update("insert into probe_effect (event_id, name, actor) values (?, ?, ?)", event.eventId(),
                probe.name(), event.actor().name());
        String mode = probe.mode() == null ? "ok" : probe.mode();
        if (mode.startsWith("transient:") && call <= Integer.parseInt(mode.substring("transient:".length()))) {
            throw new IllegalStateException("transient failure number " + call + " of " + probe.name());
        }
        if (mode.equals("broken") && !fixed.contains(probe.name())) {
            throw new IllegalStateException("probe " + probe.name() + " is broken");
        }
        if (mode.equals("reject")) {
            throw new RejectedEventException("probe " + probe.name() + " can never be applied");
        }
    }

    int calls(String name) {
        AtomicInteger count = calls.get(name);
        return count == null ? 0 : count.get();
    }

    void fix(String name) {
        fixed.add(name);
    }

    int effects(String name) {
        Integer count = jdbc.queryForObject("select count(*) from probe_effect where name = ?", Integer.class,
                name);
        return count == null ? 0 : count;
    }
}
