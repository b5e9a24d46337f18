package io.inetpublish.common.inbox;

import java.sql.Timestamp;
import java.time.Instant;
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
