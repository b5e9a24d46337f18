package io.inetpublish.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code schedule.due}: an update schedule is due within 24 hours ({@code DUE_SOON}) or has become overdue
 * ({@code OVERDUE}). Each is published once per schedule and phase.
 */
public record ScheduleDue(int schemaVersion, UUID scheduleId, String phase, String title, Instant plannedAt,
        UUID customerId, String customerName, List<UUID> environmentIds, String ownerId, String ownerName,
        String customerOwner) {

    public static final int SCHEMA_VERSION = 1;
}
