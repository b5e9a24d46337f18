package io.inetpublish.notify.notification;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/**
 * The only owner of the {@code notification} table: rows are created and advanced as {@link Notification} entities;
 * the sender's claim is the one statement written in SQL ({@link NotificationClaims}).
 */
public interface NotificationRepository extends JpaRepository<Notification, UUID>,
        JpaSpecificationExecutor<Notification>, NotificationClaims {

    @Query("select count(n) from Notification n where n.status = io.inetpublish.notify.notification.NotificationStatus.PENDING")
    long countPending();

    boolean existsByEventIdAndRecipientAndChannel(UUID eventId, String recipient, Channel channel);

    /** Who the events have rows for already: (event, recipient, channel), the unique key. */
    interface Key {
        UUID getEventId();

        String getRecipient();

        Channel getChannel();
    }

    java.util.List<Key> findKeysByEventIdIn(java.util.Collection<UUID> eventIds);

    boolean existsByApprovalIdAndKind(UUID approvalId, NotificationKind kind);

    /** The cards about one approval (notification_approval_idx). */
    java.util.List<Notification> findByApprovalIdAndKindOrderByCreatedAt(UUID approvalId, NotificationKind kind);
}
