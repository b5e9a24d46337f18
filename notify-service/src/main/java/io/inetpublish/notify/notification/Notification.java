package io.inetpublish.notify.notification;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.StoredText;

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
 * created by {@link NotificationPlanner} (unique per event, recipient and channel) and advanced by the sender.
 * {@link NotificationRepository} is the table's only owner: JPA for these rows, plus the sender's claim
 * ({@link NotificationClaims}), the one statement JPA cannot express.
 */
@Entity
@Table(name = "notification")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Notification {

    private static final int MAX_RECIPIENT = 200;
    private static final int MAX_TITLE = 500;
    private static final int MAX_LINK = 1000;

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

    /**
     * the interactive card as rendered when the event arrived; once sent, the card that went out (an approver's card
     * whose approval was decided before it went out is sent decided, {@link NotificationDeliveries#load})
     */
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

    /** The last error, or for SKIPPED the reason: a {@link StoredText} read in the reader's language (V35_2). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_error_text", columnDefinition = "jsonb")
    private String lastErrorText;

    /** Feishu's {@code uuid} dedup key: the same on every retry, new on an explicit resend */
    @Column(name = "message_uuid", nullable = false)
    private String messageUuid;

    @Column(name = "feishu_message_id")
    private String feishuMessageId;

    /** the approval an APPROVAL_REQUESTED card asks about, or an APPROVAL_CARD_UPDATE shows decided */
    @Column(name = "approval_id")
    private UUID approvalId;

    /**
     * For an update of a card already sent ({@link NotificationKind#APPROVAL_CARD_UPDATE}): the row of that card,
     * whose Feishu message id the update replaces; null for a new message.
     */
    @Column(name = "updates_notification_id")
    private UUID updatesNotificationId;

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

    /** null until persisted: that is how {@code save} knows the row is new (its id is assigned here) */
    @Version
    private Long version;

    /**
     * A new notification as planned for an event: PENDING, or SKIPPED with {@code skipReason} when nobody can be
     * messaged. Texts are cut to their columns' lengths; Feishu's dedup key starts as the row's id.
     */
    static Notification planned(UUID eventId, String eventType, NotificationKind kind, Channel channel,
            String recipient, RecipientRole role, String recipientName, String title, String card, String link,
            StoredText skipReason, Instant now) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.eventId = eventId;
        n.eventType = eventType;
        n.kind = kind;
        n.channel = channel;
        n.recipient = cut(recipient, MAX_RECIPIENT);
        n.recipientRole = role;
        n.recipientName = cut(recipientName, MAX_RECIPIENT);
        n.title = cut(title, MAX_TITLE);
        n.card = card;
        n.link = cut(link, MAX_LINK);
        n.status = skipReason == null ? NotificationStatus.PENDING : NotificationStatus.SKIPPED;
        n.lastError(skipReason);
        n.messageUuid = n.id.toString();
        n.createdAt = now;
        n.pendingSince = now;
        n.nextAttemptAt = now;
        n.updatedAt = now;
        return n;
    }

    /** Marks the card as one about this approval (the cards its decision updates are found by it). */
    Notification about(UUID approval) {
        this.approvalId = approval;
        return this;
    }

    /** Makes this row an update of the message {@code original} sent: the sender replaces that card. */
    Notification updating(Notification original) {
        this.updatesNotificationId = original.id;
        this.approvalId = original.approvalId;
        return this;
    }

    /** The recipient as stored: what the unique key (event, recipient, channel) compares. */
    static String storedRecipient(String recipient) {
        return cut(recipient, MAX_RECIPIENT);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** @param cardSent the card that went out when it is not the one planned (an approval decided meanwhile) */
    void markSent(String messageId, String cardSent, Instant at) {
        if (cardSent != null) {
            card = cardSent;
        }
        status = NotificationStatus.SENT;
        attempts++;
        feishuMessageId = messageId;
        sentAt = at;
        updatedAt = at;
    }

    void markFailed(StoredText error, Instant at) {
        status = NotificationStatus.FAILED;
        attempts++;
        lastError(error);
        updatedAt = at;
    }

    /** Nothing to deliver after all (an update of a card that was never sent): SKIPPED with the reason. */
    void markSkipped(StoredText reason, Instant at) {
        status = NotificationStatus.SKIPPED;
        lastError(reason);
        updatedAt = at;
    }

    void retryLater(StoredText error, Instant next, Instant at) {
        attempts++;
        lastError(error);
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

    private void lastError(StoredText error) {
        lastError = null;
        lastErrorText = error == null ? null : error.toJson();
    }

    /** The last error (for SKIPPED the reason) in {@code locale}; a row from before V35_2 may hold a text. */
    public String lastErrorIn(Messages messages, Locale locale) {
        return StoredText.render(lastErrorText, lastError, messages, locale);
    }

    /** The last error as an argument of a message, read in the reader's language. */
    public Object lastErrorArg() {
        StoredText text = StoredText.fromJson(lastErrorText);
        return text != null ? text.resolvable() : lastError == null ? "" : lastError;
    }
}
