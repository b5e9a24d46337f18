package io.inetpublish.release.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.inetpublish.release.release.TicketRef;

/** A checked, complete description of a schedule, ready to be stored. */
record SchedulePlan(String title, UUID customerId, String customerName, String customerOwner, Instant plannedAt,
        ZoneId timeZone, String content, String ownerId, String ownerName, List<ScheduleEnvironment> environments,
        List<ScheduleRelease> releases, List<TicketRef> tickets) {
}
