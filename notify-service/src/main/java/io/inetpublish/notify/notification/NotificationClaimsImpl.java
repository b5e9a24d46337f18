package io.inetpublish.notify.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.inetpublish.notify.notification.NotificationDeliveries.Claimed;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link NotificationClaims} in SQL. PostgreSQL does not lock rows in a query with window functions, so the rows
 * are ranked per destination first and then locked by id ({@code FOR UPDATE SKIP LOCKED}, so that instances never
 * take the same row), checking again that they are still due (another instance may have claimed them since).
 */
@RequiredArgsConstructor
class NotificationClaimsImpl implements NotificationClaims {

    private final JdbcTemplate jdbc;

    @Override
    public List<Claimed> claimDue(Instant now, int limit, int perDestination, Collection<String> resting,
            Instant hiddenUntil) {
        Timestamp dueBy = Timestamp.from(now);
        return jdbc.query("""
                with due as (
                    select id, row_number() over (partition by channel, recipient
                                                  order by next_attempt_at, created_at) as place
                    from notification
                    where status = 'PENDING' and next_attempt_at <= ?
                      and channel || ':' || recipient <> all (cast(? as text[]))
                ), claimed as (
                    update notification n set next_attempt_at = ?
                    from (select id, next_attempt_at from notification
                          where id = any (array(select id from due where place <= ?))
                            and status = 'PENDING' and next_attempt_at <= ?
                          order by next_attempt_at, created_at
                          limit ?
                          for update skip locked) picked
                    where n.id = picked.id
                    returning n.id, n.channel, n.recipient, picked.next_attempt_at as due_at, n.created_at
                )
                select id, channel, recipient, due_at from claimed order by due_at, created_at
                """,
                (rs, i) -> new Claimed(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient"), rs.getTimestamp("due_at").toInstant()),
                dueBy, resting.toArray(String[]::new), Timestamp.from(hiddenUntil), perDestination, dueBy, limit);
    }
}
