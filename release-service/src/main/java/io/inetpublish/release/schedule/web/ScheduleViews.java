package io.inetpublish.release.schedule.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.release.ReleaseProperties;
import io.inetpublish.release.schedule.ScheduleStatus;
import io.inetpublish.release.schedule.UpdateSchedule;
import io.inetpublish.release.schedule.UpdateScheduleRepository;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads schedules into their API shape, with OVERDUE computed at read time. */
@Component
@RequiredArgsConstructor
class ScheduleViews {

    private final UpdateScheduleRepository schedules;
    private final ReleaseProperties properties;
    private final Clock clock;

    @Schema(name = "ScheduleEnvironmentView")
    record EnvironmentView(UUID environmentId, String environmentName) {
    }

    record ReleaseLink(UUID releaseId, String releaseNumber) {
    }

    record TicketView(String id, String url) {
    }

    record ScheduleView(UUID id, String title, ScheduleStatus status, UUID customerId, String customerName,
            PersonRef customerOwner, List<EnvironmentView> environments, OffsetDateTime plannedAt, String timeZone,
            String content, List<ReleaseLink> releases, List<TicketView> tickets, PersonRef owner, PersonRef createdBy,
            Instant createdAt, Instant updatedAt, Instant doneAt, Instant cancelledAt, String cancelReason,
            long version) {
    }

    record Filter(String view, List<ScheduleStatus> status, UUID customerId, String owner, UUID releaseId,
            UUID environmentId) {
    }

    @Transactional(readOnly = true)
    ScheduleView one(UUID id) {
        return view(schedules.findById(id).orElseThrow(() -> new NotFoundException("schedule", id)),
                clock.instant());
    }

    @Transactional(readOnly = true)
    List<ScheduleView> all(List<UUID> ids) {
        Instant now = clock.instant();
        return ids.stream().map(id -> view(schedules.findById(id).orElseThrow(), now)).toList();
    }

    @Transactional(readOnly = true)
    PageResponse<ScheduleView> list(Filter filter, int page, int size) {
        Instant now = clock.instant();
        PageRequest request = Paging.request(page, size, 200, Sort.by("plannedAt", "id"));
        return PageResponse.of(schedules.findAll(specification(filter, now, properties.zone()), request),
                s -> view(s, now));
    }

    private static ScheduleView view(UpdateSchedule s, Instant now) {
        ZoneId zone = ZoneId.of(s.getTimeZone());
        return new ScheduleView(s.getId(), s.getTitle(), s.statusAt(now), s.getCustomerId(), s.getCustomerName(),
                PersonRef.of(s.getCustomerOwner(), null),
                s.getEnvironments().stream().map(e -> new EnvironmentView(e.getEnvironmentId(),
                        e.getEnvironmentName())).toList(),
                s.getPlannedAt().atZone(zone).toOffsetDateTime(), s.getTimeZone(), s.getContent(),
                s.getReleases().stream().map(r -> new ReleaseLink(r.getReleaseId(), r.getReleaseNumber())).toList(),
                s.getTickets().stream().map(t -> new TicketView(t.getTicketId(), t.getUrl())).toList(),
                PersonRef.of(s.getOwnerId(), s.getOwnerName()), PersonRef.of(s.getCreatedById(), s.getCreatedByName()),
                s.getCreatedAt(), s.getUpdatedAt(), s.getDoneAt(),
                s.getCancelledAt(), s.getCancelReason(), s.getVersion());
    }

    static Specification<UpdateSchedule> specification(Filter filter, Instant now, ZoneId zone) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if ("due-this-week".equals(filter.view())) {
                ZonedDateTime monday = now.atZone(zone).toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
                where.add(cb.equal(root.get("status"), ScheduleStatus.PLANNED));
                where.add(cb.greaterThanOrEqualTo(root.get("plannedAt"), monday.toInstant()));
                where.add(cb.lessThan(root.get("plannedAt"), monday.plusWeeks(1).toInstant()));
            } else if ("overdue".equals(filter.view())) {
                where.add(cb.equal(root.get("status"), ScheduleStatus.PLANNED));
                where.add(cb.lessThan(root.get("plannedAt"), now));
            }
            if (filter.status() != null && !filter.status().isEmpty()) {
                List<Predicate> any = new ArrayList<>();
                for (ScheduleStatus status : filter.status()) {
                    any.add(switch (status) {
                        case OVERDUE -> cb.and(cb.equal(root.get("status"), ScheduleStatus.PLANNED),
                                cb.lessThan(root.get("plannedAt"), now));
                        case PLANNED -> cb.and(cb.equal(root.get("status"), ScheduleStatus.PLANNED),
                                cb.greaterThanOrEqualTo(root.get("plannedAt"), now));
                        default -> cb.equal(root.get("status"), status);
                    });
                }
                where.add(cb.or(any.toArray(Predicate[]::new)));
            }
            if (filter.customerId() != null) {
                where.add(cb.equal(root.get("customerId"), filter.customerId()));
            }
            if (filter.owner() != null && !filter.owner().isBlank()) {
                where.add(cb.or(cb.equal(root.get("ownerId"), filter.owner().strip()),
                        cb.equal(cb.lower(root.get("ownerName")), filter.owner().strip().toLowerCase())));
            }
            if (filter.releaseId() != null) {
                Subquery<Integer> linked = query.subquery(Integer.class);
                var join = linked.correlate(root).join("releases");
                linked.select(cb.literal(1)).where(cb.equal(join.get("releaseId"), filter.releaseId()));
                where.add(cb.exists(linked));
            }
            if (filter.environmentId() != null) {
                Subquery<Integer> at = query.subquery(Integer.class);
                var join = at.correlate(root).join("environments");
                at.select(cb.literal(1)).where(cb.equal(join.get("environmentId"), filter.environmentId()));
                where.add(cb.exists(at));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
