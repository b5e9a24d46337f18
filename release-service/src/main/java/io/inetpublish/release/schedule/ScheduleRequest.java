package io.inetpublish.release.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.web.FieldException;
import io.inetpublish.release.release.TicketRef;

/**
 * What a planner asks for. Title, time zone and owner may be left out: the title then names the customer and
 * environments, the zone is the service's business zone and the owner is the customer's owner (or, when the customer
 * has no matched owner, the planner). {@code ownerId} is a platform person's id (Feishu open_id).
 */
public record ScheduleRequest(String title, UUID customerId, List<UUID> environmentIds, Instant plannedAt,
        ZoneId timeZone, String content, List<UUID> releaseIds, List<TicketRef> tickets, String ownerId) {

    /** A time zone as a request names it ({@code Asia/Shanghai}); blank: none; unknown: 400 naming {@code field}. */
    public static ZoneId timeZone(String field, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException ex) {
            throw new FieldException(field, "schedule.time-zone");
        }
    }
}
