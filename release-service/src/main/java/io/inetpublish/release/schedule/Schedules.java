package io.inetpublish.release.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.ReleaseProperties;
import io.inetpublish.release.customer.CustomerDirectory;
import io.inetpublish.release.customer.EnvironmentInfo;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import io.inetpublish.release.release.ReleaseStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Creating, editing, cancelling and completing update schedules (scenario 7). */
@Service
public class Schedules {

    private final UpdateScheduleRepository schedules;
    private final ReleaseRecordRepository releaseRecords;
    private final CustomerDirectory directory;
    private final CurrentActor currentActor;
    private final ReleaseProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final PeopleDirectory people;
    private final Outbox outbox;

    Schedules(UpdateScheduleRepository schedules, ReleaseRecordRepository releaseRecords, CustomerDirectory directory,
            CurrentActor currentActor, ReleaseProperties properties, Clock clock,
            PlatformTransactionManager transactions, PeopleDirectory people, Outbox outbox) {
        this.people = people;
        this.outbox = outbox;
        this.schedules = schedules;
        this.releaseRecords = releaseRecords;
        this.directory = directory;
        this.currentActor = currentActor;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    public UUID create(ScheduleRequest request) {
        Actor actor = currentActor.get();
        SchedulePlan plan = plan(request, environments(request.customerId(), request.environmentIds(),
                "environmentIds"), actor);
        return tx.execute(status -> {
            UpdateSchedule schedule = new UpdateSchedule(actor, clock.instant());
            schedule.plan(plan, clock.instant());
            schedules.save(schedule);
            created(schedule, actor);
            return schedule.getId();
        });
    }

    /**
     * One schedule per environment of an impact-search result, all in one transaction; the customer of each comes
     * from the environment. {@code request.customerId()} is ignored.
     */
    public List<UUID> createForEach(ScheduleRequest request) {
        Actor actor = currentActor.get();
        List<EnvironmentInfo> environments = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < request.environmentIds().size(); i++) {
            UUID id = request.environmentIds().get(i);
            String field = "environmentIds[" + i + "]";
            if (!seen.add(id)) {
                throw new FieldException(field, "environment.twice");
            }
            environments.add(directory.environment(id)
                    .orElseThrow(() -> new FieldException(field, "environment.unknown", id)));
        }
        return createEach(request, environments, actor);
    }

    /**
     * One schedule per environment (already looked up), sharing time, content and links; the owner is the request's,
     * else each environment's customer owner. Joins the caller's transaction (a rollout creates its targets'
     * schedules together with the rollout); {@code request.environmentIds()} and {@code customerId()} are ignored.
     */
    public List<UUID> createEach(ScheduleRequest request, List<EnvironmentInfo> environments, Actor actor) {
        List<SchedulePlan> plans = new ArrayList<>();
        for (EnvironmentInfo environment : environments) {
            plans.add(plan(request, List.of(environment), actor));
        }
        return tx.execute(status -> {
            List<UUID> ids = new ArrayList<>();
            for (SchedulePlan plan : plans) {
                UpdateSchedule schedule = new UpdateSchedule(actor, clock.instant());
                schedule.plan(plan, clock.instant());
                schedules.save(schedule);
                created(schedule, actor);
                ids.add(schedule.getId());
            }
            return ids;
        });
    }

    /** Whether a schedule is still PLANNED (may be cancelled). */
    public boolean planned(UUID id) {
        return schedules.findById(id).map(s -> s.getStatus() == ScheduleStatus.PLANNED).orElse(false);
    }

    public void edit(UUID id, ScheduleRequest request, Long expectedVersion) {
        if (!schedules.existsById(id)) {
            throw new NotFoundException("schedule", id);
        }
        Actor actor = currentActor.get();
        SchedulePlan plan = plan(request, environments(request.customerId(), request.environmentIds(),
                "environmentIds"), actor);
        tx.executeWithoutResult(status -> {
            UpdateSchedule schedule = lock(id);
            if (expectedVersion != null && expectedVersion != schedule.getVersion()) {
                throw new org.springframework.orm.ObjectOptimisticLockingFailureException(UpdateSchedule.class, id);
            }
            refuseClosed(schedule, "edited");
            Facts before = Facts.of(schedule);
            schedule.plan(plan, clock.instant());
            AuditEvent.Builder audit = audit(schedule, Action.SCHEDULE_CHANGED);
            before.changesTo(Facts.of(schedule), audit);
            outbox.publish(EventTypes.SCHEDULE_CHANGED, actor, audit.build());
        });
    }

    public void cancel(UUID id, String reason) {
        Actor actor = currentActor.get();
        tx.executeWithoutResult(status -> {
            UpdateSchedule schedule = lock(id);
            refuseClosed(schedule, "cancelled");
            ScheduleStatus before = schedule.getStatus();
            schedule.cancel(Texts.blankToNull(reason), clock.instant());
            outbox.publish(EventTypes.SCHEDULE_CHANGED, actor, audit(schedule, Action.SCHEDULE_CANCELLED)
                    .change("status", before, schedule.getStatus()).fact("reason", schedule.getCancelReason())
                    .build());
        });
    }

    /** Marks a schedule done by hand (one without linked releases, or done outside the platform). */
    public void complete(UUID id) {
        Actor actor = currentActor.get();
        tx.executeWithoutResult(status -> {
            UpdateSchedule schedule = lock(id);
            refuseClosed(schedule, "done");
            ScheduleStatus before = schedule.getStatus();
            schedule.done(clock.instant());
            outbox.publish(EventTypes.SCHEDULE_DONE, actor, audit(schedule, Action.SCHEDULE_DONE)
                    .change("status", before, schedule.getStatus()).build());
        });
    }

    private void created(UpdateSchedule schedule, Actor actor) {
        AuditEvent.Builder audit = audit(schedule, Action.SCHEDULE_CREATED);
        Facts.NONE.changesTo(Facts.of(schedule), audit);
        outbox.publish(EventTypes.SCHEDULE_CREATED, actor, audit.build());
    }

    static AuditEvent.Builder audit(UpdateSchedule schedule, Action action) {
        return AuditEvent.builder(AuditEvent.Kind.SCHEDULE, action)
                .target(schedule.getId(), schedule.getTitle() != null ? schedule.getTitle()
                        // no title given: named by its customer and environments, in no language
                        : schedule.getCustomerName() + " / " + String.join(", ", schedule.getEnvironments().stream()
                                .map(ScheduleEnvironment::getEnvironmentName).toList()))
                .customer(schedule.getCustomerId(), schedule.getCustomerName());
    }

    /** What a person plans on a schedule, as the audit trail compares it before and after. */
    private record Facts(String title, Instant plannedAt, String timeZone, String owner, String environments,
            String releases, String content) {

        static final Facts NONE = new Facts(null, null, null, null, null, null, null);

        static Facts of(UpdateSchedule s) {
            // to the nearest microsecond, as PostgreSQL stores it: a time read back equals the same time just planned
            return new Facts(s.getTitle(), s.getPlannedAt() == null ? null
                    : s.getPlannedAt().plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    s.getTimeZone(),
                    s.getOwnerName(),
                    join(s.getEnvironments().stream().map(ScheduleEnvironment::getEnvironmentName).toList()),
                    join(s.getReleases().stream().map(ScheduleRelease::getReleaseNumber).toList()), s.getContent());
        }

        void changesTo(Facts after, AuditEvent.Builder audit) {
            audit.change("title", title, after.title).change("plannedAt", plannedAt, after.plannedAt)
                    .change("timeZone", timeZone, after.timeZone).change("owner", owner, after.owner)
                    .change("environments", environments, after.environments)
                    .change("releases", releases, after.releases).change("content", content, after.content);
        }

        private static String join(List<String> names) {
            return names.isEmpty() ? null : String.join(", ", names);
        }
    }

    private UpdateSchedule lock(UUID id) {
        return schedules.findForUpdate(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    private static void refuseClosed(UpdateSchedule schedule, String what) {
        if (schedule.getStatus() != ScheduleStatus.PLANNED) {
            throw new ConflictException("schedule.closed." + what, schedule.getStatus().name());
        }
    }

    private List<EnvironmentInfo> environments(UUID customerId, List<UUID> ids, String fieldName) {
        List<EnvironmentInfo> environments = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            String field = fieldName + "[" + i + "]";
            if (!seen.add(id)) {
                throw new FieldException(field, "environment.twice");
            }
            EnvironmentInfo environment = directory.environment(id)
                    .orElseThrow(() -> new FieldException(field, "environment.unknown", id));
            if (customerId == null) {
                throw new FieldException("customerId", "jakarta.validation.constraints.NotNull.message");
            }
            if (!customerId.equals(environment.customerId())) {
                throw new FieldException(field, "environment.other-customer", environment.name(),
                        environment.customerName());
            }
            environments.add(environment);
        }
        return environments;
    }

    private SchedulePlan plan(ScheduleRequest request, List<EnvironmentInfo> environments, Actor actor) {
        List<ScheduleRelease> releases = new ArrayList<>();
        List<UUID> releaseIds = request.releaseIds() == null ? List.of() : request.releaseIds();
        for (int i = 0; i < releaseIds.size(); i++) {
            UUID releaseId = releaseIds.get(i);
            String field = "releaseIds[" + i + "]";
            ReleaseRecord release = releaseRecords.findById(releaseId)
                    .orElseThrow(() -> new FieldException(field, "release.unknown", releaseId));
            if (release.getStatus() == ReleaseStatus.WITHDRAWN) {
                throw new FieldException(field, "release.withdrawn", release.getNumber());
            }
            if (releases.stream().anyMatch(r -> r.getReleaseId().equals(releaseId))) {
                throw new FieldException(field, "release.twice");
            }
            releases.add(new ScheduleRelease(releaseId, release.getNumber()));
        }
        EnvironmentInfo first = environments.get(0);
        // no title given: none is stored, and each reader sees "更新 <customer> / <environments>" in their language
        String title = Texts.blankToNull(request.title());
        String ownerId;
        String ownerName;
        if (request.ownerId() != null && !request.ownerId().isBlank()) {
            PeopleDirectory.Person owner = people.require("ownerId", request.ownerId());
            ownerId = owner.id();
            ownerName = owner.name();
        } else if (first.customerOwnerId() != null) {
            ownerId = first.customerOwnerId();
            ownerName = first.customerOwnerName();
        } else {
            ownerId = actor.userId();
            ownerName = actor.name();
        }
        return new SchedulePlan(title == null || title.length() <= 300 ? title : title.substring(0, 300),
                first.customerId(),
                first.customerName(), first.customerOwnerId(), request.plannedAt(),
                request.timeZone() == null ? properties.zone() : request.timeZone(), request.content(), ownerId,
                ownerName, environments.stream().map(e -> new ScheduleEnvironment(e.id(), e.name())).toList(),
                releases, request.tickets() == null ? List.of() : request.tickets());
    }
}
