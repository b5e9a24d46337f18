package io.inetpublish.release.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.customer.CustomerDirectory;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submitting, editing and withdrawing release records, and the one place where timeline entries are appended (and
 * the status re-derived). customer-service is asked before any transaction opens, so a 503 leaves nothing behind.
 */
@Service
public class Releases {

    private final ReleaseRecordRepository releases;
    private final TimelineRepository timeline;
    private final ReleaseNumbers numbers;
    private final CustomerDirectory directory;
    private final Outbox outbox;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    Releases(ReleaseRecordRepository releases, TimelineRepository timeline, ReleaseNumbers numbers,
            CustomerDirectory directory, Outbox outbox, CurrentActor currentActor, Clock clock, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.releases = releases;
        this.timeline = timeline;
        this.numbers = numbers;
        this.directory = directory;
        this.outbox = outbox;
        this.currentActor = currentActor;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Submits a new release record and publishes {@code release.submitted}; answers its id. */
    public UUID submit(ReleaseContent content) {
        checkContent(content);
        Actor actor = currentActor.get();
        return tx.execute(status -> {
            Instant now = clock.instant();
            ReleaseRecord release = new ReleaseRecord(UUID.randomUUID(), numbers.next(now), actor, now);
            release.describe(content, now);
            releases.save(release);
            record(release, TimelineEntry.of(release, TimelineAction.SUBMITTED, actor, now)
                    .facts(TimelineFacts.with("number", release.getNumber())
                            .and("items", TimelineFacts.versions(content.items()))));
            outbox.publish(EventTypes.RELEASE_SUBMITTED, actor, new ReleaseSubmitted(ReleaseSubmitted.SCHEMA_VERSION,
                    release.getId(), release.getNumber(), release.getTitle(), release.getUpdateType(),
                    release.isConfigChange(), versions(release.getItems())));
            return release.getId();
        });
    }

    /**
     * Replaces what was submitted, as long as the release has not been deployed at a customer nor withdrawn.
     *
     * @param expectedVersion the version the editor saw; a different current version is a concurrent edit
     */
    public void edit(UUID id, ReleaseContent content, Long expectedVersion) {
        if (!releases.existsById(id)) {
            throw new NotFoundException("release", id);
        }
        checkContent(content);
        Actor actor = currentActor.get();
        tx.executeWithoutResult(status -> {
            ReleaseRecord release = lockForChange(id);
            if (expectedVersion != null && expectedVersion != release.getVersion()) {
                throw new ObjectOptimisticLockingFailureException(ReleaseRecord.class, id);
            }
            editing(release).require(release.getNumber());
            ReleaseContent previous = release.content();
            List<String> changed = changes(previous, content);
            if (changed.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            String before = release.contentHash();
            ReleaseStatus statusBefore = release.getStatus();
            AuditEvent.Builder audit = edited(release, release.content(), content);
            release.describe(content, now);
            TimelineFacts facts = TimelineFacts.with("changed", changed);
            if (changed.contains("updateType")) {
                facts.and("updateType", java.util.Map.of("from", previous.updateType().name(),
                        "to", content.updateType().name()));
            }
            if (changed.contains("items")) {
                facts.and("items", TimelineFacts.versions(content.items()));
            }
            outdatedByEdit(id, before, release.contentHash(), facts);
            record(release, TimelineEntry.of(release, TimelineAction.EDITED, actor, now).facts(facts));
            outbox.publish(EventTypes.RELEASE_EDITED, actor, audit.change("status", statusBefore, release.getStatus()).build());
        });
    }

    /** Withdraws a release record that has not reached a customer. */
    public void withdraw(UUID id, String reason) {
        Actor actor = currentActor.get();
        String why = Texts.blankToNull(reason);
        tx.executeWithoutResult(status -> {
            ReleaseRecord release = lockForChange(id);
            if (release.getStatus() == ReleaseStatus.WITHDRAWN) {
                throw new ConflictException("release.already-withdrawn", release.getNumber());
            }
            if (hasCustomerDeployment(id)) {
                throw new ConflictException("release.deployed-not-withdrawable", release.getNumber());
            }
            ReleaseStatus before = release.getStatus();
            record(release, TimelineEntry.of(release, TimelineAction.WITHDRAWN, actor, clock.instant())
                    .facts(TimelineFacts.with("reason", why)));
            outbox.publish(EventTypes.RELEASE_WITHDRAWN, actor,
                    AuditEvent.builder(AuditEvent.Kind.RELEASE, Action.RELEASE_WITHDRAWN)
                            .target(release.getId(), release.getNumber())
                            .release(release.getId(), release.getNumber())
                            .change("status", before, release.getStatus())
                            .fact("reason", why)
                            .build());
        });
    }

    /** A release record with its items loaded, read in a transaction of its own; 404 when there is none. */
    @Transactional(readOnly = true)
    public ReleaseRecord withItems(UUID id) {
        ReleaseRecord found = releases.findById(id).orElseThrow(() -> new NotFoundException("release", id));
        found.getItems().size();
        return found;
    }

    /** The hash of a release record's current content ({@link ReleaseRecord#contentHash}); null when there is none. */
    @Transactional(readOnly = true)
    public String contentHash(UUID id) {
        return releases.findById(id).map(ReleaseRecord::contentHash).orElse(null);
    }

    /** Loads a release and holds its row lock for the rest of the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReleaseRecord lockForChange(UUID id) {
        return releases.findForUpdate(id).orElseThrow(() -> new NotFoundException("release", id));
    }

    /**
     * Appends an entry to the release's timeline and re-derives its status. An entry whose dedup key was recorded
     * before is skipped.
     *
     * @return false when the entry was a duplicate and nothing changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(ReleaseRecord release, TimelineEntry entry) {
        if (entry.getDedupKey() != null && timeline.existsByReleaseIdAndDedupKey(release.getId(),
                entry.getDedupKey())) {
            return false;
        }
        timeline.save(entry);
        release.status(ReleaseStatus.derive(timeline.findByReleaseIdOrderByIdAsc(release.getId()),
                release.contentHash()), entry.getAt());
        return true;
    }

    /** How many finished test deployments and packages the edit made outdated: {@code outdatedTests/Packages}. */
    private void outdatedByEdit(UUID id, String before, String after, TimelineFacts facts) {
        if (!ContentHash.outdated(before, after)) {
            return;
        }
        long tests = 0;
        long packages = 0;
        for (TimelineEntry entry : timeline.findByReleaseIdOrderByIdAsc(id)) {
            if (before.equals(entry.getContentHash())) {
                tests += entry.getAction() == TimelineAction.TEST_DEPLOYMENT_FINISHED ? 1 : 0;
                packages += entry.getAction() == TimelineAction.PACKAGING_FINISHED ? 1 : 0;
            }
        }
        if (tests + packages > 0) {
            facts.and("outdatedTests", tests).and("outdatedPackages", packages);
        }
    }

    /** Whether the record may be edited now ({@link Editing}): what {@link #edit} enforces and the detail shows. */
    public Editing editing(ReleaseRecord release) {
        return Editing.of(release.getStatus(), hasCustomerDeployment(release.getId()));
    }

    public boolean hasCustomerDeployment(UUID releaseId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from customer_deployment where release_id = ?)", Boolean.class, releaseId));
    }

    public static List<ComponentVersion> versions(List<ReleaseItem> items) {
        return items.stream().map(i -> new ComponentVersion(i.getComponent(), i.getVersion())).toList();
    }

    private void checkContent(ReleaseContent content) {
        if (content.configChange() && (content.configNotes() == null || content.configNotes().isBlank())) {
            throw new FieldException("configNotes", "release.config-notes");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < content.items().size(); i++) {
            if (!seen.add(content.items().get(i).getComponent())) {
                throw new FieldException("items[" + i + "].component", "release.component-twice");
            }
        }
        for (int i = 0; i < content.items().size(); i++) {
            String component = content.items().get(i).getComponent();
            if (directory.component(component).isEmpty()) {
                throw new FieldException("items[" + i + "].component", "release.component-unknown", component);
            }
        }
    }

    /** The audit facts of an edit: each changed field with its values, and the component version moves. */
    private static AuditEvent.Builder edited(ReleaseRecord release, ReleaseContent before, ReleaseContent after) {
        return AuditEvent.builder(AuditEvent.Kind.RELEASE, Action.RELEASE_EDITED)
                .target(release.getId(), release.getNumber())
                .release(release.getId(), release.getNumber())
                .change("title", before.title(), after.title())
                .change("description", before.description(), after.description())
                .change("updateType", before.updateType(), after.updateType())
                .change("configChange", before.configChange(), after.configChange())
                .change("configNotes", before.configNotes(), after.configNotes())
                .change("manual", before.manual(), after.manual())
                .change("tickets", tickets(before.tickets()), tickets(after.tickets()))
                .versions(versions(before.items()), versions(after.items()));
    }

    private static String tickets(List<TicketRef> tickets) {
        return tickets.stream().map(TicketRef::getTicketId).toList().toString();
    }

    private static List<String> changes(ReleaseContent before, ReleaseContent after) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.title(), after.title())) {
            changed.add("title");
        }
        if (!Objects.equals(before.description(), after.description())) {
            changed.add("description");
        }
        if (before.updateType() != after.updateType()) {
            changed.add("updateType");
        }
        if (before.configChange() != after.configChange() || !Objects.equals(before.configNotes(),
                after.configNotes())) {
            changed.add("config");
        }
        if (!Objects.equals(before.manual(), after.manual())) {
            changed.add("manual");
        }
        if (!ticketsText(before.tickets()).equals(ticketsText(after.tickets()))) {
            changed.add("tickets");
        }
        if (!itemsText(before.items()).equals(itemsText(after.items()))) {
            changed.add("items");
        }
        return changed;
    }

    static String itemsText(List<ReleaseItem> items) {
        return items.stream().map(i -> i.getComponent() + "@" + i.getVersion()).toList().toString();
    }

    private static String ticketsText(List<TicketRef> tickets) {
        return tickets.stream().map(t -> t.getTicketId() + " " + t.getUrl()).toList().toString();
    }
}
