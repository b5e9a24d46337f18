package io.inetpublish.common.test;

import java.util.List;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.messaging.EventCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit events a service put into its outbox (what its relay publishes), read the way the audit trail's
 * consumer reads them: for a producer's test that a change is published with operator, target and changes.
 */
public final class PublishedAuditEvents {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;

    public PublishedAuditEvents(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.codec = new EventCodec(json);
    }

    /** The events of {@code type} about the target with this id, oldest first. */
    public List<EventEnvelope<AuditEvent>> about(String type, Object targetId) {
        return jdbc.queryForList("""
                select envelope::text from outbox_event
                where event_type = ? and envelope -> 'payload' -> 'target' ->> 'id' = ?
                order by created_at
                """, String.class, type, String.valueOf(targetId)).stream()
                .map(text -> codec.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), AuditEvent.class))
                .toList();
    }

    /** The one event of {@code type} about the target; fails when there is none or more than one. */
    public EventEnvelope<AuditEvent> one(String type, Object targetId) {
        List<EventEnvelope<AuditEvent>> found = about(type, targetId);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " event about " + targetId + ", found " + found.size());
        }
        return found.get(0);
    }
}
