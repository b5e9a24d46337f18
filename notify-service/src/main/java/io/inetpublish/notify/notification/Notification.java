package io.inetpublish.notify.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One message to one recipient (a person's open_id or a group bot) for one event, with its delivery state. Rows are
 * inserted by {@link NotificationPlanner} (unique per event, recipient and channel) and advanced by the sender.
 */
@Entity
@Table(name = "notification")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Notification {

    static final int MAX_ERROR = 2000;

    @Id
    private UUID id;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Channel channel;

    /** open_id for {@link Channel#USER}, the webhook id for {@link Channel#GROUP} */
    @Column(nullable = false)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_role", nullable = false)
    private RecipientRole recipientRole;

    @Column(name = "recipient_name")
    private String recipientName;

    @Column(nullable = false)
    private String title;

    /** the interactive card as rendered when the event arrived */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String card;

    private String link;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationStatus status;

    @Column(nullable = false)
    private int attempts;

    /** the last error, or for SKIPPED the reason */
    @Column(name = "last_error")
    private String lastError;

    /** Feishu's {@code uuid} dedup key: the same on every retry, new on an explicit resend */
    @Column(name = "message_uuid", nullable = false)
    private String messageUuid;

    @Column(name = "feishu_message_id")
    private String feishuMessageId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "pending_since", nullable = false)
    private Instant pendingSince;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    void markSent(String messageId, Instant at) {
        status = NotificationStatus.SENT;
        attempts++;
        feishuMessageId = messageId;
        sentAt = at;
        updatedAt = at;
    }

    void markFailed(String error, Instant at) {
        status = NotificationStatus.FAILED;
        attempts++;
        lastError = truncate(error);
        updatedAt = at;
    }

    void retryLater(String error, Instant next, Instant at) {
        attempts++;
        lastError = truncate(error);
        nextAttemptAt = next;
        updatedAt = at;
    }

    /** Given back unattempted (our own rate limit): due again at {@code dueAt}; nothing else changes. */
    void release(Instant dueAt) {
        nextAttemptAt = dueAt;
    }

    void resend(String newUuid, Instant at) {
        status = NotificationStatus.PENDING;
        messageUuid = newUuid;
        pendingSince = at;
        nextAttemptAt = at;
        updatedAt = at;
    }

    static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }
}
