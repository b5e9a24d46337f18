package io.inetpublish.release.release.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.inetpublish.release.ReleaseProperties;
import io.inetpublish.release.build.ReleasePackageRepository;
import io.inetpublish.release.deployment.web.DeploymentView;
import io.inetpublish.release.deployment.web.DeploymentViews;
import io.inetpublish.release.release.ReleaseItem;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.TicketRef;
import io.inetpublish.release.release.TimelineRepository;
import io.inetpublish.common.event.UpdateType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads release records into the list and detail shapes of the API. */
@Component
@RequiredArgsConstructor
class ReleaseViews {

    private final ReleaseRecordRepository releases;
    private final TimelineRepository timeline;
    private final ReleasePackageRepository packages;
    private final DeploymentViews deployments;
    /** For the edit rule the server enforces ({@link Releases#editing}), so the detail shows the same. */
    private final Releases edits;
    private final ReleaseProperties properties;
    private final JsonMapper json;

    @Schema(name = "ReleaseTicketView")
    record Ticket(String id, String url) {
    }

    @Schema(name = "ReleaseItemView")
    record Item(String component, String version) {
    }

    record ReleaseSummary(UUID id, String number, String title, ReleaseStatus status, UpdateType updateType,
            boolean configChange, List<Ticket> tickets, List<Item> items, PersonRef submittedBy, Instant submittedAt,
            Instant updatedAt) {
    }

    /**
     * {@code facts}: what happened, for the reader's language ({@link io.inetpublish.release.release.TimelineFacts});
     * {@code detail}: only for an entry recorded before facts were that could not be read as facts.
     * {@code outdated}: a build entry about an earlier content of the record (edited since).
     */
    record TimelineView(String action, PersonRef actor, Instant at, JsonNode facts, String detail,
            UUID environmentId, String environmentName, UUID refId, boolean outdated) {
    }

    /**
     * {@code outdated}: built before the record's component versions were edited; {@code removedAt}: when
     * build-service's retention removed its files (null: kept); {@code deployable}: a customer deployment may name it
     * now (neither: {@code ReleasePackage.refusal}, the rule the deployment is checked by).
     */
    record PackageView(UUID buildId, String fileName, String relativePath, Long size, String sha256,
            Instant finishedAt, String downloadPath, boolean outdated, Instant removedAt, boolean deployable) {
    }

    record ReleaseDetail(UUID id, String number, String title, String description, ReleaseStatus status,
            UpdateType updateType, boolean configChange, String configNotes, String manual, List<Ticket> tickets,
            List<Item> items, PersonRef submittedBy, Instant submittedAt, Instant updatedAt,
            long version, boolean editable, List<TimelineView> timeline, List<DeploymentView> deployments,
            List<PackageView> packages) {
    }

    /** The list filters; every one is optional. {@code from}/{@code to} are inclusive days in the business zone. */
    record Filter(List<ReleaseStatus> status, List<UpdateType> updateType, String component, String ticket,
            String submitter, String q, LocalDate from, LocalDate to, Boolean configChange) {
    }

    @Transactional(readOnly = true)
    PageResponse<ReleaseSummary> list(Filter filter, int page, int size) {
        PageRequest request = Paging.request(page, size, 200,
                Sort.by(Sort.Order.desc("submittedAt"), Sort.Order.desc("id")));
        return PageResponse.of(releases.findAll(specification(filter, properties.zone()), request),
                ReleaseViews::summary);
    }

    @Transactional(readOnly = true)
    ReleaseDetail detail(UUID id) {
        ReleaseRecord release = releases.findById(id).orElseThrow(() -> new NotFoundException("release", id));
        List<DeploymentView> deployed = deployments.forRelease(id);
        String current = release.contentHash();
        return new ReleaseDetail(release.getId(), release.getNumber(), release.getTitle(), release.getDescription(),
                release.getStatus(), release.getUpdateType(), release.isConfigChange(), release.getConfigNotes(),
                release.getManual(), tickets(release.getTickets()), items(release.getItems()),
                PersonRef.of(release.getSubmittedById(), release.getSubmittedByName()), release.getSubmittedAt(),
                release.getUpdatedAt(), release.getVersion(),
                edits.editing(release).allowed(),
                timeline.findByReleaseIdOrderByIdAsc(id).stream().map(e -> new TimelineView(e.getAction().name(),
                        PersonRef.of(e.getActorId(), e.getActorName()), e.getAt(),
                        e.getFacts() == null ? null : json.readTree(e.getFacts()), e.getDetail(),
                        e.getEnvironmentId(), e.getEnvironmentName(), e.getRefId(), e.outdated(current))).toList(),
                deployed,
                packages.findByReleaseIdOrderByIdAsc(id).stream().map(p -> new PackageView(p.getBuildId(),
                        p.getFileName(), p.getRelativePath(), p.getSize(), p.getSha256(), p.getFinishedAt(),
                        "/api/builds/" + p.getBuildId() + "/artifacts/"
                                + UriUtils.encodePath(p.getRelativePath(), java.nio.charset.StandardCharsets.UTF_8),
                        p.outdated(current), p.getRemovedAt(), p.refusal(current) == null)).toList());
    }

    private static ReleaseSummary summary(ReleaseRecord release) {
        return new ReleaseSummary(release.getId(), release.getNumber(), release.getTitle(), release.getStatus(),
                release.getUpdateType(), release.isConfigChange(), tickets(release.getTickets()),
                items(release.getItems()), PersonRef.of(release.getSubmittedById(), release.getSubmittedByName()),
                release.getSubmittedAt(),
                release.getUpdatedAt());
    }

    private static List<Ticket> tickets(List<TicketRef> tickets) {
        return tickets.stream().map(t -> new Ticket(t.getTicketId(), t.getUrl())).toList();
    }

    private static List<Item> items(List<ReleaseItem> items) {
        return items.stream().map(i -> new Item(i.getComponent(), i.getVersion())).toList();
    }

    static Specification<ReleaseRecord> specification(Filter filter, ZoneId zone) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (filter.status() != null && !filter.status().isEmpty()) {
                where.add(root.get("status").in(filter.status()));
            }
            if (filter.updateType() != null && !filter.updateType().isEmpty()) {
                where.add(root.get("updateType").in(filter.updateType()));
            }
            if (filter.configChange() != null) {
                where.add(cb.equal(root.get("configChange"), filter.configChange()));
            }
            if (hasText(filter.component())) {
                Subquery<Integer> item = query.subquery(Integer.class);
                var r = item.correlate(root);
                var join = r.join("items");
                item.select(cb.literal(1)).where(cb.equal(join.get("component"), filter.component().strip()));
                where.add(cb.exists(item));
            }
            if (hasText(filter.ticket())) {
                Subquery<Integer> ticket = query.subquery(Integer.class);
                var r = ticket.correlate(root);
                var join = r.join("tickets");
                ticket.select(cb.literal(1)).where(cb.equal(cb.lower(join.get("ticketId")),
                        filter.ticket().strip().toLowerCase()));
                where.add(cb.exists(ticket));
            }
            if (hasText(filter.submitter())) {
                String s = filter.submitter().strip();
                where.add(cb.or(cb.equal(root.get("submittedById"), s),
                        cb.like(cb.lower(root.get("submittedByName")), Like.containing(s), Like.ESCAPE)));
            }
            if (hasText(filter.q())) {
                String pattern = Like.containing(filter.q());
                where.add(cb.or(cb.like(cb.lower(root.get("title")), pattern, Like.ESCAPE),
                        cb.like(cb.lower(root.get("manual")), pattern, Like.ESCAPE),
                        cb.like(cb.lower(root.get("number")), pattern, Like.ESCAPE)));
            }
            if (filter.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("submittedAt"),
                        filter.from().atStartOfDay(zone).toInstant()));
            }
            if (filter.to() != null) {
                where.add(cb.lessThan(root.get("submittedAt"), filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
