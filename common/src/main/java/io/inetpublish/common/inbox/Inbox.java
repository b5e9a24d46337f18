package io.inetpublish.common.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consumer side of exactly-once: a row {@code (consumer, event_id)} in {@code inbox_message} is written in the
 * same transaction as the consumer's effect, so an event whose effect committed is recognised when it arrives again.
 */
public class Inbox {

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} handles {@code eventId} now. Returns false when it already did (a duplicate); a
     * concurrent first delivery of the same event waits here until the other transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId, String eventType) {
        return jdbc.update("""
                insert into inbox_message (consumer, event_id, event_type, processed_at)
                values (?, ?, ?, now())
                on conflict (consumer, event_id) do nothing
                """, consumer, eventId, eventType) == 1;
    }

    /** An event as the inbox records it. */
    public record Delivery(UUID eventId, String eventType) {
    }

    /**
     * {@link #firstDelivery} for several events in one statement: element i is true when {@code deliveries[i]} is
     * handled now for the first time (of two deliveries of one event in the list, the second is a duplicate).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean[] firstDeliveries(String consumer, List<Delivery> deliveries) {
        Set<UUID> recorded = new HashSet<>(jdbc.queryForList("""
                insert into inbox_message (consumer, event_id, event_type, processed_at)
                select ?, d.event_id, d.event_type, now() from unnest(?::uuid[], ?::text[]) as d(event_id, event_type)
                on conflict (consumer, event_id) do nothing
                returning event_id
                """, UUID.class, consumer, deliveries.stream().map(d -> d.eventId().toString()).toArray(String[]::new),
                deliveries.stream().map(Delivery::eventType).toArray(String[]::new)));
        boolean[] first = new boolean[deliveries.size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = recorded.remove(deliveries.get(i).eventId());
        }
        return first;
    }

    public boolean contains(String consumer, UUID eventId) {
        Integer found = jdbc.queryForObject(
                "select count(*) from inbox_message where consumer = ? and event_id = ?", Integer.class,
                consumer, eventId);
        return found != null && found > 0;
    }

    /** Forgets events processed before {@code before}; returns how many records were deleted. */
    public int forgetProcessedBefore(Instant before) {
        return jdbc.update("delete from inbox_message where processed_at < ?", Timestamp.from(before));
    }
}
