package io.inetpublish.release.plan;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.DeploymentKind;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.customer.CustomerDirectory;
import io.inetpublish.release.customer.EnvironmentInfo;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.Releases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 跳过 (为什么没有更新): a person marks that an environment does not take a release record, with a reason. Plans show
 * the record as skipped instead of as a step; compare and impact search show the mark. Setting, changing and removing
 * a mark each append an operation-log entry ({@code release.skipped}, {@code release.skip-removed}).
 */
@Service
public class Skips {

    public static final int MAX_REASON = 2000;

    private final JdbcTemplate jdbc;
    private final Releases releases;
    private final CustomerDirectory directory;
    private final Outbox outbox;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final TransactionTemplate tx;

    Skips(JdbcTemplate jdbc, Releases releases, CustomerDirectory directory, Outbox outbox, CurrentActor currentActor,
            Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.releases = releases;
        this.directory = directory;
        this.outbox = outbox;
        this.currentActor = currentActor;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A skip mark as the API shows it, with the record's number, title and components. */
    public record Skip(UUID releaseId, String releaseNumber, String releaseTitle, List<Plan.ComponentVersion> items,
            UUID environmentId, String environmentName, UUID customerId, String customerName, String reason,
            PersonRef skippedBy, Instant skippedAt) {
    }

    /** Marks (or re-words) the skip of a record at an environment. */
    public Skip skip(UUID releaseId, UUID environmentId, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new FieldException("reason", "skip.reason-required");
        }
        if (text.length() > MAX_REASON) {
            throw new FieldException("reason", "skip.reason-too-long", MAX_REASON);
        }
        // asked before the transaction: nothing is stored when customer-service cannot answer
        EnvironmentInfo environment = directory.environment(environmentId)
                .orElseThrow(() -> new NotFoundException("environment", environmentId));
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            ReleaseRecord release = releases.lockForChange(releaseId);
            if (release.getStatus() == ReleaseStatus.WITHDRAWN) {
                throw new ConflictException("skip.release-withdrawn", release.getNumber());
            }
            if (deployedAt(releaseId, environmentId)) {
                throw new ConflictException("skip.deployed", release.getNumber(), environment.name());
            }
            String before = jdbc.query("select reason from release_skip where release_id = ? and environment_id = ?",
                    rs -> rs.next() ? rs.getString(1) : null, releaseId, environmentId);
            jdbc.update("""
                    insert into release_skip (release_id, environment_id, environment_name, customer_id, customer_name,
                        reason, skipped_by_id, skipped_by_name, skipped_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (release_id, environment_id) do update set reason = excluded.reason,
                        environment_name = excluded.environment_name, customer_name = excluded.customer_name,
                        skipped_by_id = excluded.skipped_by_id, skipped_by_name = excluded.skipped_by_name,
                        skipped_at = excluded.skipped_at
                    """, releaseId, environmentId, environment.name(), environment.customerId(),
                    environment.customerName(), text, actor.userId(), actor.name(), Timestamp.from(now));
            outbox.publish(EventTypes.RELEASE_SKIPPED, actor, AuditEvent.builder(AuditEvent.Kind.RELEASE,
                            Action.RELEASE_SKIPPED)
                    .target(release.getId(), release.getNumber())
                    .release(release.getId(), release.getNumber())
                    .customer(environment.customerId(), environment.customerName())
                    .environment(environment.id(), environment.name())
                    .change("skipReason", before, text)
                    .build());
        });
        return find(releaseId, environmentId).orElseThrow();
    }

    /** Takes a skip mark back: the record is a step of this environment's plans again. */
    public void remove(UUID releaseId, UUID environmentId) {
        Actor actor = currentActor.get();
        tx.executeWithoutResult(status -> {
            ReleaseRecord release = releases.lockForChange(releaseId);
            Skip skip = find(releaseId, environmentId).orElseThrow(() -> new NotFoundException("skip", environmentId));
            jdbc.update("delete from release_skip where release_id = ? and environment_id = ?", releaseId,
                    environmentId);
            outbox.publish(EventTypes.RELEASE_SKIP_REMOVED, actor, AuditEvent.builder(AuditEvent.Kind.RELEASE,
                            Action.RELEASE_SKIP_REMOVED)
                    .target(release.getId(), release.getNumber())
                    .release(release.getId(), release.getNumber())
                    .customer(skip.customerId(), skip.customerName())
                    .environment(environmentId, skip.environmentName())
                    .change("skipReason", skip.reason(), null)
                    .build());
        });
    }

    public java.util.Optional<Skip> find(UUID releaseId, UUID environmentId) {
        return query("s.release_id = ? and s.environment_id = ?", releaseId, environmentId).stream().findFirst();
    }

    public List<Skip> forRelease(UUID releaseId) {
        return query("s.release_id = ?", releaseId);
    }

    /** The skip marks of up to {@value Plans#MAX_ENVIRONMENTS} environments (compare, impact search). */
    public List<Skip> forEnvironments(List<UUID> environmentIds) {
        List<UUID> ids = Plans.environments(environmentIds);
        return query("s.environment_id = any (?)", (Object) ids.toArray(UUID[]::new));
    }

    private List<Skip> query(String where, Object... args) {
        java.util.Map<UUID, List<Plan.ComponentVersion>> items = new java.util.HashMap<>();
        List<Object[]> rows = new java.util.ArrayList<>();
        jdbc.query("""
                select s.release_id, r.number, r.title, s.environment_id, s.environment_name, s.customer_id,
                       s.customer_name, s.reason, s.skipped_by_id, s.skipped_by_name, s.skipped_at
                from release_skip s join release_record r on r.id = s.release_id
                where %s order by s.skipped_at, r.number
                """.formatted(where), rs -> {
                    rows.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getTimestamp(11).toInstant()});
                }, args);
        if (rows.isEmpty()) {
            return List.of();
        }
        jdbc.query("select release_id, component, version from release_item where release_id = any (?)"
                + " order by release_id, position", rs -> {
                    items.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                            .add(new Plan.ComponentVersion(rs.getString(2), rs.getString(3)));
                }, (Object) rows.stream().map(r -> (UUID) r[0]).distinct().toArray(UUID[]::new));
        return rows.stream().map(r -> new Skip((UUID) r[0], (String) r[1], (String) r[2],
                items.getOrDefault((UUID) r[0], List.of()), (UUID) r[3], (String) r[4], (UUID) r[5], (String) r[6],
                (String) r[7], PersonRef.of((String) r[8], (String) r[9]), (Instant) r[10])).toList();
    }

    private boolean deployedAt(UUID releaseId, UUID environmentId) {
        String kind = jdbc.query("""
                select cd.kind from customer_deployment cd join deployment_environment de on de.deployment_id = cd.id
                where cd.release_id = ? and de.environment_id = ? order by cd.recorded_at desc limit 1
                """, rs -> rs.next() ? rs.getString(1) : null, releaseId, environmentId);
        return DeploymentKind.DEPLOY.name().equals(kind);
    }
}
