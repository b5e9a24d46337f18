package io.inetpublish.release.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

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

    /** Called in the transaction that recorded a deployment of {@code releaseId}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int releaseDeployed(UUID releaseId, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.update("""
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
                """, at, at, releaseId);
    }
}
