package io.inetpublish.release.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.inetpublish.release.release.TicketRef;

/**
 * What a planner asks for. Title, time zone and owner may be left out: the title then names the customer and
 * environments, the zone is the service's business zone and the owner is the customer's owner (or, when the customer
 * has no matched owner, the planner). {@code ownerId} is a platform person's id (Feishu open_id).
 */
public record ScheduleRequest(String title, UUID customerId, List<UUID> environmentIds, Instant plannedAt,
        ZoneId timeZone, String content, List<UUID> releaseIds, List<TicketRef> tickets, String ownerId) {
}
