package io.inetpublish.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * {@code schedule.due}: an update schedule is due within 24 hours ({@link Phase#DUE_SOON}) or has become overdue
 * ({@link Phase#OVERDUE}). Each is published once per schedule and phase.
 *
 * @param phase null when the producer sent a phase this version does not know
 */
public record ScheduleDue(int schemaVersion, UUID scheduleId, Phase phase, String title, Instant plannedAt,
        UUID customerId, String customerName, List<UUID> environmentIds, String ownerId, String ownerName,
        String customerOwner) {

    public static final int SCHEMA_VERSION = 1;

    /** Where the schedule is relative to its planned time; the names are the values on the wire. */
    public enum Phase {
        DUE_SOON, OVERDUE
    }

    @JsonIgnore
    public boolean isOverdue() {
        return phase == Phase.OVERDUE;
    }
}
