package io.inetpublish.release.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A schedule becomes DONE by itself once every release it links has a recorded customer deployment (kind DEPLOY) at
 * every one of its environments. Schedules without linked releases are only marked done by hand.
 */
@Component
@RequiredArgsConstructor
public class ScheduleCompletion {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    /**
     * Called in the transaction that recorded a deployment of {@code releaseId} by {@code actor}; each schedule it
     * completes goes to the audit trail as done by that deployment.
     *
     * @return how many schedules it completed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int releaseDeployed(UUID releaseId, UUID deploymentId, Instant now, Actor actor) {
        Timestamp at = Timestamp.from(now);
        List<AuditEvent> done = jdbc.query("""
                update update_schedule s
                set status = 'DONE', done_at = ?, updated_at = ?, version = version + 1
                where s.status = 'PLANNED'
                  and exists (select 1 from update_schedule_release r where r.schedule_id = s.id and r.release_id = ?)
                  and not exists (
                      select 1
                      from update_schedule_release r
                      join update_schedule_environment e on e.schedule_id = r.schedule_id
                      where r.schedule_id = s.id
                        and not exists (
                            select 1
                            from customer_deployment d
                            join deployment_environment de on de.deployment_id = d.id
                            where d.release_id = r.release_id and d.kind = 'DEPLOY'
                              and de.environment_id = e.environment_id))
                returning s.id, s.title, s.customer_id, s.customer_name
                """, (rs, n) -> AuditEvent.builder(AuditEvent.Kind.SCHEDULE, Action.SCHEDULE_DONE)
                        .target(rs.getObject("id", UUID.class), rs.getString("title"))
                        .customer(rs.getObject("customer_id", UUID.class), rs.getString("customer_name"))
                        .change("status", "PLANNED", "DONE")
                        .fact(AuditEvent.Fact.RELEASE_ID, releaseId)
                        .fact(AuditEvent.Fact.DEPLOYMENT_ID, deploymentId)
                        .build(), at, at, releaseId);
        done.forEach(event -> outbox.publish(EventTypes.SCHEDULE_DONE, actor, event));
        return done.size();
    }
}
