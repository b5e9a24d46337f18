package io.inetpublish.notify.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
     * Claims up to {@code limit} due PENDING rows for this instance: locked with {@code FOR UPDATE SKIP LOCKED} so
     * that instances never take the same row, and hidden for {@code lease} so a crash only delays them.
     */
    @Transactional
    public List<UUID> claimDue(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbc.queryForList("""
                update notification set next_attempt_at = ?
                where id in (select id from notification
                             where status = 'PENDING' and next_attempt_at <= ?
                             order by next_attempt_at, created_at
                             limit ? for update skip locked)
                returning id
                """, UUID.class, Timestamp.from(now.plus(lease)), Timestamp.from(now), limit);
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

    @Transactional
    public void postpone(UUID id, Instant next) {
        notifications.findById(id).ifPresent(n -> n.postpone(next, clock.instant()));
    }

    @Transactional(readOnly = true)
    public long pendingCount() {
        return notifications.countPending();
    }
}
