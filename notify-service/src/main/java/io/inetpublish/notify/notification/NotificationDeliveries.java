package io.inetpublish.notify.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.i18n.StoredText;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sender's view of the notification log: claim the due rows, then record what each attempt achieved. Each
 * method is its own short transaction; nothing is held open while Feishu is called.
 */
@Service
@RequiredArgsConstructor
public class NotificationDeliveries {

    private final NotificationRepository notifications;
    private final Clock clock;

    /**
     * A due message as the sender needs it; {@code updates} is set for an update of a card already sent (the row of
     * that card, see {@link #original}). {@code decided}: an approver's card whose approval was decided before it
     * went out (a retry or a resend from the log), so {@code card} is the decided card, not the one with the buttons.
     */
    public record Due(UUID id, Channel channel, NotificationKind kind, String recipient, String card,
            String messageUuid, int attempts, Instant pendingSince, UUID updates, boolean decided) {
    }

    /** The card an update replaces: its state, Feishu message id and last error. */
    /** @param lastError its last error as a message argument ({@link Notification#lastErrorArg}), null when none */
    public record Original(NotificationStatus status, String messageId, Object lastError) {
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
     * <p>The rows are locked so that instances never take the same row ({@link NotificationClaimsImpl} says how), and
     * hidden for {@code lease} so a crash only delays them. Answered in due order.
     */
    @Transactional
    public List<Claimed> claimDue(int limit, int perDestination, Collection<String> resting, Duration lease) {
        Instant now = clock.instant();
        return notifications.claimDue(now, limit, perDestination, resting, now.plus(lease));
    }

    /**
     * A PENDING row as it is to be sent now. An approver's card asks with 批准/拒绝 only while its approval is open:
     * once decided (its update rows are planned with the decision, {@link NotificationPlanner#onApprovalDecided}), a
     * card still going out — retried, or resent from the log — is the decided card, like the cards the decision
     * updated (docs/feishu-card-callback.md §7). Its update still follows once it is sent, harmless as any repeat.
     */
    @Transactional(readOnly = true)
    public Optional<Due> load(UUID id) {
        return notifications.findById(id).filter(n -> n.getStatus() == NotificationStatus.PENDING).map(n -> {
            Optional<String> decided = n.getKind() == NotificationKind.APPROVAL_REQUESTED && n.getApprovalId() != null
                    ? notifications.findByApprovalIdAndKindOrderByCreatedAt(n.getApprovalId(),
                            NotificationKind.APPROVAL_CARD_UPDATE).stream().findFirst().map(Notification::getCard)
                    : Optional.empty();
            return new Due(n.getId(), n.getChannel(), n.getKind(), n.getRecipient(), decided.orElse(n.getCard()),
                    n.getMessageUuid(), n.getAttempts(), n.getPendingSince(), n.getUpdatesNotificationId(),
                    decided.isPresent());
        });
    }

    @Transactional(readOnly = true)
    public Optional<Original> original(UUID id) {
        return notifications.findById(id).map(n -> new Original(n.getStatus(), n.getFeishuMessageId(),
                n.getLastErrorText() == null && n.getLastError() == null ? null : n.lastErrorArg()));
    }

    @Transactional
    public void skipped(UUID id, StoredText reason) {
        notifications.findById(id).ifPresent(n -> n.markSkipped(reason, clock.instant()));
    }

    /** Sent as {@code due} says; the log then shows the card that went out (the decided one, see {@link #load}). */
    @Transactional
    public void sent(Due due, String messageId) {
        notifications.findById(due.id()).ifPresent(n -> n.markSent(messageId, due.decided() ? due.card() : null,
                clock.instant()));
    }

    @Transactional
    public void failed(UUID id, StoredText error) {
        notifications.findById(id).ifPresent(n -> n.markFailed(error, clock.instant()));
    }

    @Transactional
    public void retryAt(UUID id, StoredText error, Instant next) {
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
