package io.inetpublish.notify.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.NotFoundException;
import jakarta.persistence.criteria.Predicate;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the notification log and resending from it. */
@Service
@RequiredArgsConstructor
public class NotificationLog {

    private final NotificationRepository notifications;
    private final Clock clock;

    /** Filters of the log list; null means "any". {@code recipient} matches the open_id/webhook id or the name. */
    public record Filter(NotificationStatus status, NotificationKind kind, Channel channel, String recipient,
            UUID eventId, Instant from, Instant to) {
    }

    @Transactional(readOnly = true)
    public Page<Notification> list(Filter filter, Pageable pageable) {
        Specification<Notification> spec = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            if (filter.kind() != null) {
                where.add(cb.equal(root.get("kind"), filter.kind()));
            }
            if (filter.channel() != null) {
                where.add(cb.equal(root.get("channel"), filter.channel()));
            }
            if (filter.recipient() != null && !filter.recipient().isBlank()) {
                String r = filter.recipient().strip();
                where.add(cb.or(cb.equal(root.get("recipient"), r), cb.equal(root.get("recipientName"), r)));
            }
            if (filter.eventId() != null) {
                where.add(cb.equal(root.get("eventId"), filter.eventId()));
            }
            if (filter.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), filter.from()));
            }
            if (filter.to() != null) {
                where.add(cb.lessThan(root.get("createdAt"), filter.to()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return notifications.findAll(spec, pageable);
    }

    @Transactional(readOnly = true)
    public Notification get(UUID id) {
        return notifications.findById(id).orElseThrow(() -> new NotFoundException("notification", id));
    }

    /**
     * Sends a SENT or FAILED notification again, with a new Feishu {@code uuid} (Feishu would otherwise drop it as
     * a duplicate within the hour). A PENDING one is already on its way; a SKIPPED one has nobody to go to.
     */
    @Transactional
    public Notification resend(UUID id) {
        Notification n = get(id);
        switch (n.getStatus()) {
            case PENDING -> throw new ConflictException("notification.pending");
            case SKIPPED -> throw new ConflictException("notification.skipped", n.lastErrorArg());
            default -> n.resend(UUID.randomUUID().toString(), clock.instant());
        }
        return n;
    }
}
