package io.inetpublish.release.rollout;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.CustomerArchived;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.ReleaseDeployed;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves rollout targets as the events that already exist say (consumer {@code release-service.rollout-progress},
 * each event applied once through the inbox, in the inbox's transaction). Every update names the states it moves
 * from, so a late or repeated event never moves a target backwards:
 * <ul>
 * <li>{@code release.deployed} DEPLOY at a target's environment → DEPLOYED (from PLANNED, or SKIPPED/FAILED: the
 * deployment happened after all); ROLLBACK → FAILED (ROLLED_BACK);
 * <li>{@code environment.versions-synced} of a customer deployment of the record → SYNCED (from PLANNED, from
 * DEPLOYED by that deployment, or SKIPPED/FAILED without a deployment);
 * <li>{@code schedule.changed} SCHEDULE_CANCELLED → SKIPPED (SCHEDULE_CANCELLED, the cancel reason);
 * {@code schedule.done} by hand → DEPLOYED (SCHEDULE_DONE); both only from PLANNED;
 * <li>{@code release.withdrawn} → SKIPPED (RELEASE_WITHDRAWN); {@code customer.archived} → SKIPPED
 * (CUSTOMER_ARCHIVED); both only from PLANNED.
 * </ul>
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class RolloutProgress {

    private static final String SET_CHANGED = ", changed_by_id = ?, changed_by_name = ?, changed_at = ?";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Transactional
    public void deployed(ReleaseDeployed event, Actor actor) {
        actor = actor == null ? Actor.system() : actor;
        if (event.targets() == null || event.releaseId() == null || event.kind() == null) {
            return; // a kind this version does not know moves nothing
        }
        boolean rollback = event.isRollback();
        for (ReleaseDeployed.Target target : event.targets()) {
            int moved = rollback
                    ? update("state = 'FAILED', reason_code = 'ROLLED_BACK', reason = null, deployment_id = ?",
                            "state in ('PLANNED', 'DEPLOYED', 'SYNCED')", event.releaseId(), target.environmentId(),
                            actor, event.deploymentId())
                    : update("state = 'DEPLOYED', reason_code = null, reason = null, deployment_id = ?",
                            "state in ('PLANNED', 'SKIPPED', 'FAILED')", event.releaseId(), target.environmentId(),
                            actor, event.deploymentId());
            log.debug("release.deployed {} at {}: {} rollout target(s) moved", event.deploymentId(),
                    target.environmentId(), moved);
        }
    }

    @Transactional
    public void synced(EnvironmentVersionsSynced event, Actor actor) {
        actor = actor == null ? Actor.system() : actor;
        if (!event.isCustomerDeployment() || event.releaseId() == null) {
            return;
        }
        update("state = 'SYNCED', reason_code = null, reason = null, deployment_id = ?",
                "(state = 'PLANNED' or (state = 'DEPLOYED' and t.deployment_id = ?)"
                        + " or (state in ('SKIPPED', 'FAILED') and t.deployment_id is null))",
                event.releaseId(), event.environmentId(), actor, event.deploymentId(), event.deploymentId());
    }

    /** {@code schedule.changed}: only a cancellation matters. */
    @Transactional
    public void scheduleChanged(AuditEvent event, Actor actor) {
        actor = actor == null ? Actor.system() : actor;
        if (event.action() != Action.SCHEDULE_CANCELLED || event.target().id() == null) {
            return;
        }
        jdbc.update("update rollout_target set state = 'SKIPPED', reason_code = 'SCHEDULE_CANCELLED', reason = ?"
                + SET_CHANGED + " where schedule_id = ? and state = 'PLANNED'", event.fact("reason"), actor.userId(),
                actor.name(), Timestamp.from(clock.instant()), UUID.fromString(event.target().id()));
    }

    /** {@code schedule.done}: done by hand (no deployment) means done outside the platform. */
    @Transactional
    public void scheduleDone(AuditEvent event, Actor actor) {
        actor = actor == null ? Actor.system() : actor;
        if (event.fact(AuditEvent.Fact.DEPLOYMENT_ID) != null || event.target().id() == null) {
            return; // completed by a recorded deployment: release.deployed moves the target
        }
        jdbc.update("update rollout_target set state = 'DEPLOYED', reason_code = 'SCHEDULE_DONE', reason = null"
                + SET_CHANGED + " where schedule_id = ? and state = 'PLANNED'", actor.userId(), actor.name(),
                Timestamp.from(clock.instant()), UUID.fromString(event.target().id()));
    }

    @Transactional
    public void releaseWithdrawn(AuditEvent event, Actor actor) {
        actor = actor == null ? Actor.system() : actor;
        if (event.target().id() == null) {
            return;
        }
        jdbc.update("update rollout_target t set state = 'SKIPPED', reason_code = 'RELEASE_WITHDRAWN', reason = ?"
                + SET_CHANGED + " from rollout r where r.id = t.rollout_id and r.release_id = ? and t.state = 'PLANNED'",
                event.fact("reason"), actor.userId(), actor.name(), Timestamp.from(clock.instant()),
                UUID.fromString(event.target().id()));
    }

    @Transactional
    public void customerArchived(CustomerArchived event, Actor actor) {
        actor = actor == null ? Actor.system() : actor;
        jdbc.update("update rollout_target set state = 'SKIPPED', reason_code = 'CUSTOMER_ARCHIVED', reason = null"
                + SET_CHANGED + " where customer_id = ? and state = 'PLANNED'", actor.userId(), actor.name(),
                Timestamp.from(clock.instant()), event.customerId());
    }

    /** {@code set} with one placeholder (the deployment id), then the changed-by columns; {@code extra} follows. */
    private int update(String set, String when, UUID releaseId, UUID environmentId, Actor actor, UUID deploymentId,
            Object... extra) {
        Object[] args = new Object[6 + extra.length];
        args[0] = deploymentId;
        args[1] = actor.userId();
        args[2] = actor.name();
        args[3] = Timestamp.from(clock.instant());
        args[4] = releaseId;
        args[5] = environmentId;
        System.arraycopy(extra, 0, args, 6, extra.length);
        return jdbc.update("update rollout_target t set " + set + SET_CHANGED
                + " from rollout r where r.id = t.rollout_id and r.release_id = ? and t.environment_id = ? and "
                + when, args);
    }
}
