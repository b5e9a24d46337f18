package io.inetpublish.release.rollout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.customer.CustomerDirectory;
import io.inetpublish.release.customer.EnvironmentInfo;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.schedule.ScheduleRequest;
import io.inetpublish.release.schedule.Schedules;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating a rollout of a release record to many customer environments (issue 18), and what a person does to one
 * target (skip it, mark it failed). The targets are chosen - and every refusal made - before the transaction opens:
 * customer-service is asked for the environments by tag and type (a page of 200 at a time) and for the ones named
 * one by one; the transaction then stores the rollout, its targets and (when asked) one update schedule per target,
 * and writes the audit entry to the outbox.
 */
@Service
@RequiredArgsConstructor
public class Rollouts {

    /** The most targets one rollout takes. */
    public static final int MAX_TARGETS = 2000;

    private final JdbcTemplate jdbc;
    private final ReleaseRecordRepository releaseRecords;
    private final Releases releases;
    private final CustomerDirectory directory;
    private final Schedules schedules;
    private final Outbox outbox;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final TransactionTemplate tx;

    /** The environments a request selects, in customer and environment order; refuses what cannot be a target. */
    public List<EnvironmentInfo> targets(UUID releaseId, RolloutRequest request) {
        ReleaseRecord release = releaseRecords.findById(releaseId)
                .orElseThrow(() -> new NotFoundException("release", releaseId));
        refuseWithdrawn(release);
        boolean byCriteria = request.allCustomers() || !request.tags().isEmpty()
                || !request.environmentTypes().isEmpty();
        if (!byCriteria && request.environmentIds().isEmpty()) {
            throw new FieldException("environmentIds", "rollout.no-selection");
        }
        Map<UUID, EnvironmentInfo> chosen = new LinkedHashMap<>();
        if (byCriteria) {
            List<EnvironmentInfo> found = directory.customerEnvironments(
                    request.allCustomers() ? List.of() : request.tags(), request.environmentTypes(),
                    MAX_TARGETS);
            found.forEach(e -> chosen.put(e.id(), e));
            if (found.isEmpty() && request.environmentIds().isEmpty()) {
                throw new FieldException(!request.tags().isEmpty() ? "tags"
                        : !request.environmentTypes().isEmpty() ? "environmentTypes" : "allCustomers",
                        "rollout.no-targets");
            }
        }
        if (!request.environmentIds().isEmpty()) {
            Set<UUID> seen = new HashSet<>();
            for (int i = 0; i < request.environmentIds().size(); i++) {
                if (!seen.add(request.environmentIds().get(i))) {
                    throw new FieldException("environmentIds[" + i + "]", "environment.twice");
                }
            }
            Map<UUID, EnvironmentInfo> found = directory.environments(request.environmentIds()).stream()
                    .collect(Collectors.toMap(EnvironmentInfo::id, Function.identity(), (a, b) -> a));
            for (int i = 0; i < request.environmentIds().size(); i++) {
                UUID id = request.environmentIds().get(i);
                String field = "environmentIds[" + i + "]";
                EnvironmentInfo environment = found.get(id);
                if (environment == null) {
                    throw new FieldException(field, "environment.unknown", id);
                }
                if (environment.internalTest()) {
                    throw new FieldException(field, "rollout.internal-environment", environment.name());
                }
                if (environment.archived()) {
                    throw new FieldException(field, "rollout.customer-archived", environment.customerName());
                }
                chosen.putIfAbsent(id, environment);
            }
        }
        if (chosen.size() > MAX_TARGETS) {
            throw new FieldException(request.environmentIds().isEmpty() ? "tags" : "environmentIds",
                    "rollout.too-many-targets", MAX_TARGETS);
        }
        List<EnvironmentInfo> targets = new ArrayList<>(chosen.values());
        targets.sort(Comparator.comparing(EnvironmentInfo::customerName).thenComparing(EnvironmentInfo::name)
                .thenComparing(EnvironmentInfo::id));
        return targets;
    }

    /** Creates the rollout (and its schedules when asked); answers its id. */
    public UUID create(UUID releaseId, RolloutRequest request) {
        List<EnvironmentInfo> targets = targets(releaseId, request);
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        return tx.execute(status -> {
            ReleaseRecord release = releases.lockForChange(releaseId);
            refuseWithdrawn(release);
            UUID id = UUID.randomUUID();
            jdbc.update("""
                    insert into rollout (id, release_id, release_number, title, selected_tags, selected_types,
                                         all_customers, created_by_id, created_by_name, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, releaseId, release.getNumber(), request.title(),
                    join(request.allCustomers() ? List.of() : request.tags()), join(request.environmentTypes()),
                    request.allCustomers(),
                    actor.userId(), actor.name(), Timestamp.from(now), Timestamp.from(now));
            List<UUID> scheduleIds = request.schedule() == null ? null : schedules.createEach(
                    new ScheduleRequest(request.schedule().title(), null, List.of(), request.schedule().plannedAt(),
                            request.schedule().timeZone(), request.schedule().content(), List.of(releaseId),
                            request.schedule().tickets() == null ? List.of() : request.schedule().tickets(),
                            request.schedule().ownerId()), targets, actor);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                EnvironmentInfo e = targets.get(i);
                rows.add(new Object[] {UUID.randomUUID(), id, i, e.customerId(), e.customerName(),
                        e.customerOwnerId(), e.customerOwnerName(), e.id(), e.name(), e.type(),
                        RolloutState.PLANNED.name(), scheduleIds == null ? null : scheduleIds.get(i), actor.userId(),
                        actor.name(), Timestamp.from(now)});
            }
            jdbc.batchUpdate("""
                    insert into rollout_target (id, rollout_id, position, customer_id, customer_name, customer_owner_id,
                                                customer_owner_name, environment_id, environment_name, environment_type,
                                                state, schedule_id, changed_by_id, changed_by_name, changed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            outbox.publish(EventTypes.ROLLOUT_CREATED, actor, AuditEvent.builder(AuditEvent.Kind.ROLLOUT,
                            Action.ROLLOUT_CREATED)
                    .target(id, request.title() != null ? request.title() : release.getNumber())
                    .release(releaseId, release.getNumber())
                    .set("title", request.title())
                    .set("tags", request.allCustomers() ? "*" : join(request.tags()))
                    .set("environmentTypes", join(request.environmentTypes()))
                    .fact("targets", targets.size())
                    .fact("schedules", scheduleIds == null ? 0 : scheduleIds.size())
                    .build());
            return id;
        });
    }

    /** A person skips a planned (or failed) target, saying why; its schedule, if still planned, is cancelled. */
    public void skip(UUID rolloutId, UUID targetId, String reason) {
        change(rolloutId, targetId, RolloutState.SKIPPED, reason, Set.of(RolloutState.PLANNED, RolloutState.FAILED),
                Action.ROLLOUT_TARGET_SKIPPED);
    }

    /** A person marks a planned or deployed target failed, saying what failed. */
    public void fail(UUID rolloutId, UUID targetId, String reason) {
        change(rolloutId, targetId, RolloutState.FAILED, reason, Set.of(RolloutState.PLANNED, RolloutState.DEPLOYED),
                Action.ROLLOUT_TARGET_FAILED);
    }

    private void change(UUID rolloutId, UUID targetId, RolloutState to, String reason, Set<RolloutState> from,
            Action action) {
        if (reason == null || reason.isBlank()) {
            throw new FieldException("reason", "rollout.reason-required");
        }
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            List<Map<String, Object>> found = jdbc.queryForList("""
                    select t.state, t.schedule_id, t.customer_id, t.customer_name, t.environment_id, t.environment_name,
                           r.release_id, r.release_number, r.title
                    from rollout_target t join rollout r on r.id = t.rollout_id
                    where t.id = ? and t.rollout_id = ? for update of t""", targetId, rolloutId);
            if (found.isEmpty()) {
                throw new NotFoundException("rollout-target", targetId);
            }
            Map<String, Object> target = found.get(0);
            RolloutState state = RolloutState.valueOf((String) target.get("state"));
            if (!from.contains(state)) {
                throw new ConflictException("rollout.target-" + to.name().toLowerCase(), state.name());
            }
            jdbc.update("""
                    update rollout_target set state = ?, reason_code = ?, reason = ?, changed_by_id = ?,
                                              changed_by_name = ?, changed_at = ?
                    where id = ?""", to.name(), ReasonCode.BY_HAND.name(), reason.strip(), actor.userId(),
                    actor.name(), Timestamp.from(now), targetId);
            jdbc.update("update rollout set updated_at = ? where id = ?", Timestamp.from(now), rolloutId);
            UUID scheduleId = (UUID) target.get("schedule_id");
            if (to == RolloutState.SKIPPED && scheduleId != null && schedules.planned(scheduleId)) {
                schedules.cancel(scheduleId, reason.strip());
            }
            String title = (String) target.get("title");
            outbox.publish(EventTypes.ROLLOUT_CHANGED, actor, AuditEvent.builder(AuditEvent.Kind.ROLLOUT, action)
                    .target(rolloutId, title != null ? title : (String) target.get("release_number"))
                    .release((UUID) target.get("release_id"), (String) target.get("release_number"))
                    .customer((UUID) target.get("customer_id"), (String) target.get("customer_name"))
                    .environment((UUID) target.get("environment_id"), (String) target.get("environment_name"))
                    .change("state", state, to)
                    .fact("reason", reason.strip())
                    .build());
        });
    }

    private static void refuseWithdrawn(ReleaseRecord release) {
        if (release.getStatus() == ReleaseStatus.WITHDRAWN) {
            throw new ConflictException("rollout.release-withdrawn", release.getNumber());
        }
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }
}
