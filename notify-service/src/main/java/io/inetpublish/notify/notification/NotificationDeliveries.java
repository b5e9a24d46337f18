package io.inetpublish.notify.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sender's view of the notification log: claim the due rows, then record what each attempt achieved. Each
 * method is its own short transaction; nothing is held open while Feishu is called.
 */
@Service
@RequiredArgsConstructor
public class NotificationDeliveries {

    private final JdbcTemplate jdbc;
    private final NotificationRepository notifications;
    private final Clock clock;

    /** A due message as the sender needs it. */
    public record Due(UUID id, Channel channel, NotificationKind kind, String recipient, String card,
            String messageUuid, int attempts, Instant pendingSince) {
    }

    /**
     * A claimed row as the sender needs it before loading it: its destination, and the due time it had, so that a
     * row given back unattempted keeps its place in line.
     */
    public record Claimed(UUID id, Channel channel, String recipient, Instant dueAt) {

        /** The key of the row's destination, as {@link #claimDue} takes resting destinations. */
        public String destination() {
            return channel.name() + ":" + recipient;
        }
    }

    /**
     * Claims up to {@code limit} due PENDING rows for this instance, oldest first, but at most {@code perDestination}
     * of any one destination (a person, a group bot) and none of the {@code resting} ones (keys as
     * {@link Claimed#destination()}). Without the cap a destination with thousands of due rows, like a flooded group
     * bot that Feishu lets take 5 a second, fills every round while everybody else's messages wait behind it.
     *
     * <p>The rows are locked with {@code FOR UPDATE SKIP LOCKED} so that instances never take the same row, and
     * hidden for {@code lease} so a crash only delays them. PostgreSQL does not lock rows in a query with window
     * functions, so the rows are ranked per destination first and then locked by id, checking again that they are
     * still due (another instance may have claimed them since). Answered in due order.
     */
    @Transactional
    public List<Claimed> claimDue(int limit, int perDestination, Collection<String> resting, Duration lease) {
        Instant now = clock.instant();
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
                dueBy, resting.toArray(String[]::new), Timestamp.from(now.plus(lease)), perDestination, dueBy, limit);
    }

    @Transactional(readOnly = true)
    public Optional<Due> load(UUID id) {
        return notifications.findById(id).filter(n -> n.getStatus() == NotificationStatus.PENDING)
                .map(n -> new Due(n.getId(), n.getChannel(), n.getKind(), n.getRecipient(), n.getCard(),
                        n.getMessageUuid(), n.getAttempts(), n.getPendingSince()));
    }

    @Transactional
    public void sent(UUID id, String messageId) {
        notifications.findById(id).ifPresent(n -> n.markSent(messageId, clock.instant()));
    }

    @Transactional
    public void failed(UUID id, String error) {
        notifications.findById(id).ifPresent(n -> n.markFailed(error, clock.instant()));
    }

    @Transactional
    public void retryAt(UUID id, String error, Instant next) {
        notifications.findById(id).ifPresent(n -> n.retryLater(error, next, clock.instant()));
    }

    /** Gives a claimed row back unattempted, due again at {@code dueAt}: the time it had when it was claimed. */
    @Transactional
    public void release(UUID id, Instant dueAt) {
        notifications.findById(id).ifPresent(n -> n.release(dueAt));
    }

    @Transactional(readOnly = true)
    public long pendingCount() {
        return notifications.countPending();
    }
}
