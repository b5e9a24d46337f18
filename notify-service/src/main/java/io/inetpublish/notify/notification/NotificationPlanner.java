package io.inetpublish.notify.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.event.ScheduleDue;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.notify.card.Card;
import io.inetpublish.notify.card.CardFactory;
import io.inetpublish.notify.settings.SettingsService;
import io.inetpublish.notify.testdeployment.TestDeploymentCard;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an event into its notification rows (status PENDING, or SKIPPED with the reason when there is no Feishu
 * recipient), inside the caller's transaction (the consumer's, together with its inbox record). A row is unique per
 * (event, recipient, channel), so a redelivered event creates nothing new. The sender delivers the rows later.
 *
 * <p>Recipients: a person is addressed by Feishu open_id. The event's actor id is taken as the open_id (it is the
 * platform user's open_id once Feishu login exists) unless it is {@code anonymous}/{@code system}. Schedule and
 * customer owners are used when they look like open_ids ({@code ou_…}); otherwise the row is SKIPPED with the reason.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class NotificationPlanner {

    private static final Pattern OPEN_ID = Pattern.compile("ou_[A-Za-z0-9_-]{1,190}");
    private static final Set<String> NOBODY = Set.of("anonymous", "system", "");

    private final NotificationRepository notifications;
    private final CardFactory cards;
    private final TestDeploymentCard testDeploymentCard;
    private final SettingsService settings;
    private final Clock clock;

    /** Test deployment or package finished: the person who triggered it, and subscribed groups. */
    @Transactional
    public int onBuildFinished(EventEnvelope<BuildFinished> event) {
        BuildFinished b = event.payload();
        NotificationKind kind;
        Card card;
        if (b.buildType() == null) {
            log.warn("build.finished {} is of a build type this version does not know; no notification",
                    event.eventId());
            return 0;
        }
        if (b.isTestDeployment()) {
            kind = NotificationKind.TEST_DEPLOYMENT_FINISHED;
            card = testDeploymentCard.finished(b, event.actor(), event.occurredAt());
        } else {
            kind = NotificationKind.PACKAGE_FINISHED;
            card = cards.packageFinished(b, event.actor(), event.occurredAt());
        }
        List<Recipient> recipients = new ArrayList<>();
        recipients.add(actor(event.actor()));
        recipients.addAll(groups(event.type()));
        return insert(event, kind, card, recipients);
    }

    /** A release was submitted: subscribed groups only. */
    @Transactional
    public int onReleaseSubmitted(EventEnvelope<ReleaseSubmitted> event) {
        Card card = cards.releaseSubmitted(event.payload(), event.actor(), event.occurredAt());
        return insert(event, NotificationKind.RELEASE_SUBMITTED, card, groups(event.type()));
    }

    /**
     * A customer deployment (or rollback) was recorded and the environment's versions synced: the person who
     * recorded it, and subscribed groups. Syncs caused by a test deployment are covered by the build.finished card
     * and produce nothing here.
     */
    @Transactional
    public int onEnvironmentVersionsSynced(EventEnvelope<EnvironmentVersionsSynced> event) {
        return onEnvironmentVersionsSynced(List.of(event));
    }

    /**
     * {@link #onEnvironmentVersionsSynced(EventEnvelope)} for the events of a consumer's batch, in order: the groups
     * are looked up once and the rows the events already have with one query.
     *
     * @return the rows created
     */
    @Transactional
    public int onEnvironmentVersionsSynced(List<EventEnvelope<EnvironmentVersionsSynced>> events) {
        List<Planned> planned = new ArrayList<>();
        List<Recipient> groups = null;
        for (EventEnvelope<EnvironmentVersionsSynced> event : events) {
            EnvironmentVersionsSynced s = event.payload();
            if (s.isTestDeployment()) {
                continue;
            }
            if (s.source() == null) {
                log.warn("environment.versions-synced {} has a source this version does not know; no notification",
                        event.eventId());
                continue;
            }
            if (groups == null) {
                groups = groups(event.type());
            }
            Card card = cards.customerDeploymentSynced(s, event.actor(), event.occurredAt());
            List<Recipient> recipients = new ArrayList<>();
            recipients.add(actor(event.actor()));
            recipients.addAll(groups);
            planned.add(new Planned(event, NotificationKind.CUSTOMER_DEPLOYMENT_SYNCED, card, recipients, null));
        }
        return insert(planned);
    }

    /** An update schedule is due within 24 h or overdue: the schedule owner, the customer's owner, and groups. */
    @Transactional
    public int onScheduleDue(EventEnvelope<ScheduleDue> event) {
        ScheduleDue d = event.payload();
        if (d.phase() == null) {
            log.warn("schedule.due {} has a phase this version does not know; no notification", event.eventId());
            return 0;
        }
        NotificationKind kind = d.isOverdue() ? NotificationKind.SCHEDULE_OVERDUE
                : NotificationKind.SCHEDULE_DUE_SOON;
        Card card = cards.scheduleDue(d, event.occurredAt());
        List<Recipient> recipients = new ArrayList<>();
        recipients.add(owner(d.ownerId(), d.ownerName(), RecipientRole.SCHEDULE_OWNER, "schedule owner"));
        recipients.add(owner(d.customerOwner(), null, RecipientRole.CUSTOMER_OWNER, "customer owner"));
        recipients.addAll(groups(event.type()));
        return insert(event, kind, card, recipients);
    }

    /**
     * A customer deployment waits for approval: a card with 批准/拒绝 to each approver the event names (app bot
     * messages only: a group bot's card cannot call the app back).
     */
    @Transactional
    public int onApprovalRequested(EventEnvelope<AuditEvent> event) {
        AuditEvent a = event.payload();
        Card card = cards.approvalRequested(a, event.actor(), event.occurredAt());
        String ids = a.fact("approverIds");
        List<Recipient> recipients = new ArrayList<>();
        for (String id : ids == null || ids.isBlank() ? new String[0] : ids.split(",")) {
            recipients.add(owner(id, null, RecipientRole.APPROVER, "approver"));
        }
        UUID approvalId = approvalId(event);
        if (approvalId != null && notifications.existsByApprovalIdAndKind(approvalId, NotificationKind.APPROVAL_DECIDED)) {
            // the decision arrived first (events can overtake each other on a redelivery): no buttons to offer
            recipients = recipients.stream().map(r -> r.skipReason() != null ? r : new Recipient(r.channel(), r.id(),
                    r.name(), r.role(), StoredText.of("notification.skip.decided-first"))).toList();
        }
        return insert(event, NotificationKind.APPROVAL_REQUESTED, card, recipients, approvalId);
    }

    /**
     * An approval was decided: a card to the person who asked for it, and an update of every approver's card to show
     * the decision and who made it (docs/feishu-card-callback.md §7). An update is a row of its own, delivered,
     * retried and shown in the log like a message; it waits for its card to be sent, and is SKIPPED when that card
     * never reached anyone.
     */
    @Transactional
    public int onApprovalDecided(EventEnvelope<AuditEvent> event) {
        AuditEvent a = event.payload();
        Card card = cards.approvalDecided(a, event.actor(), event.occurredAt());
        int created = insert(event, NotificationKind.APPROVAL_DECIDED, card, List.of(owner(a.fact("requesterId"),
                a.fact("requesterName"), RecipientRole.REQUESTER, "requester")), approvalId(event));
        UUID approvalId = approvalId(event);
        if (approvalId == null) {
            return created;
        }
        Card decided = cards.approvalCardDecided(a, event.actor(), event.occurredAt());
        Instant now = clock.instant();
        for (Notification original : notifications.findByApprovalIdAndKindOrderByCreatedAt(approvalId,
                NotificationKind.APPROVAL_REQUESTED)) {
            if (original.getChannel() != Channel.USER || notifications.existsByEventIdAndRecipientAndChannel(
                    event.eventId(), original.getRecipient(), Channel.USER)) {
                continue;
            }
            StoredText skip = original.getStatus() == NotificationStatus.SKIPPED
                    ? StoredText.of("notification.skip.card-never-sent", original.lastErrorArg()) : null;
            notifications.save(Notification.planned(event.eventId(), event.type(),
                    NotificationKind.APPROVAL_CARD_UPDATE, Channel.USER, original.getRecipient(),
                    RecipientRole.APPROVER, original.getRecipientName(), decided.title(), decided.json(),
                    decided.link(), skip, now).updating(original));
            created++;
        }
        return created;
    }

    private static UUID approvalId(EventEnvelope<AuditEvent> event) {
        String id = event.payload().fact("approvalId");
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException ex) {
            log.warn("{} {} names an approval id that is not a UUID: {}", event.type(), event.eventId(), id);
            return null;
        }
    }

    /** Whom to message and on which channel; {@code skipReason} set when nobody can be messaged. */
    record Recipient(Channel channel, String id, String name, RecipientRole role, StoredText skipReason) {
    }

    static Recipient actor(Actor actor) {
        String id = actor == null || actor.userId() == null ? "" : actor.userId().strip();
        if (NOBODY.contains(id.toLowerCase(Locale.ROOT))) {
            String shown = id.isEmpty() ? "(none)" : id;
            return new Recipient(Channel.USER, shown, actor == null ? null : actor.name(), RecipientRole.ACTOR,
                    StoredText.of("notification.skip.actor-not-a-user", shown));
        }
        return new Recipient(Channel.USER, id, actor.name(), RecipientRole.ACTOR, null);
    }

    static Recipient owner(String value, String name, RecipientRole role, String what) {
        String id = value == null ? "" : value.strip();
        if (id.isEmpty()) {
            return new Recipient(Channel.USER, "(no " + what + ")", name, role,
                    StoredText.of("notification.skip.none", StoredText.of("notification.role." + role.name())));
        }
        if (!OPEN_ID.matcher(id).matches()) {
            return new Recipient(Channel.USER, id, name, role, StoredText.of("notification.skip.not-an-open-id",
                    StoredText.of("notification.role." + role.name()), id));
        }
        return new Recipient(Channel.USER, id, name, role, null);
    }

    private List<Recipient> groups(String eventType) {
        return settings.webhooksFor(eventType).stream()
                .map(w -> new Recipient(Channel.GROUP, w.id().toString(), w.name(), RecipientRole.GROUP, null))
                .toList();
    }

    /** An event's rows to be: a card for each recipient. */
    private record Planned(EventEnvelope<?> event, NotificationKind kind, Card card, List<Recipient> recipients,
            UUID approvalId) {
    }

    /**
     * Saves one row per recipient that the event has no row for yet. The consumer's inbox lets only one delivery of
     * an event in at a time, so looking first is enough; it also keeps a redelivery whose inbox record has been
     * forgotten, and a recipient named twice in one event, to one row each.
     */
    private int insert(EventEnvelope<?> event, NotificationKind kind, Card card, List<Recipient> recipients) {
        return insert(event, kind, card, recipients, null);
    }

    private int insert(EventEnvelope<?> event, NotificationKind kind, Card card, List<Recipient> recipients,
            UUID approvalId) {
        return insert(List.of(new Planned(event, kind, card, recipients, approvalId)));
    }

    /** {@link #insert(EventEnvelope, NotificationKind, Card, List)} of several events: one look for all of them. */
    private int insert(List<Planned> planned) {
        if (planned.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Set<String> taken = new HashSet<>();
        notifications.findKeysByEventIdIn(planned.stream().map(p -> p.event().eventId()).distinct().toList())
                .forEach(key -> taken.add(key.getEventId() + ":" + key.getChannel() + ":" + key.getRecipient()));
        List<Notification> rows = new ArrayList<>();
        for (Planned p : planned) {
            for (Recipient r : p.recipients()) {
                String recipient = Notification.storedRecipient(r.id());
                if (!taken.add(p.event().eventId() + ":" + r.channel() + ":" + recipient)) {
                    continue;
                }
                rows.add(Notification.planned(p.event().eventId(), p.event().type(), p.kind(), r.channel(),
                        recipient, r.role(), r.name(), p.card().title(), p.card().json(), p.card().link(),
                        r.skipReason(), now).about(p.approvalId()));
            }
        }
        notifications.saveAll(rows);
        return rows.size();
    }
}
