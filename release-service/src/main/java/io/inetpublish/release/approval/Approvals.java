package io.inetpublish.release.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.ForbiddenException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.release.customer.CustomerDirectory;
import io.inetpublish.release.customer.EnvironmentInfo;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.release.TimelineAction;
import io.inetpublish.release.release.TimelineEntry;
import io.inetpublish.release.release.TimelineFacts;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvals of customer deployments (issue 18, item 3). A request is made for one release record and one customer
 * environment when the policy ({@link ApprovalPolicies}) says that deployment needs approval; an approver decides it
 * once - in the web app or with the 批准/拒绝 buttons of the Feishu card ({@link FeishuDecision}); the first decision
 * wins and every later one sees it. Requests and decisions go on the record's timeline and, as {@code approval.*}
 * events, into the operation log and to Feishu (notify-service). {@link #requireApproved} is the rule the customer
 * deployment applies.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class Approvals {

    public enum Via { WEB, FEISHU }

    private final JdbcTemplate jdbc;
    private final ApprovalPolicies policies;
    private final Releases releases;
    private final CustomerDirectory directory;
    private final PeopleDirectory people;
    private final Outbox outbox;
    private final CurrentActor currentActor;
    private final Clock clock;
    private final Messages messages;
    private final TransactionTemplate tx;

    /** Whether a deployment of this record to this environment needs approval, and its latest request. */
    public record ApprovalState(boolean required, List<String> reasons, ApprovalView latest) {
    }

    /** Why a deployment needs approval under this policy: {@code PRODUCTION}, {@code CONFIG_CHANGE}; empty: it does not. */
    public static List<String> reasons(ApprovalPolicies.Policy policy, EnvironmentInfo environment,
            boolean configChange) {
        List<String> reasons = new ArrayList<>();
        if (environment.internalTest()) {
            return reasons;
        }
        if (policy.production() && "PROD".equals(environment.type())) {
            reasons.add("PRODUCTION");
        }
        if (policy.configChange() && configChange) {
            reasons.add("CONFIG_CHANGE");
        }
        return reasons;
    }

    public ApprovalState state(UUID releaseId, UUID environmentId) {
        ReleaseRecord release = releases.withItems(releaseId);
        EnvironmentInfo environment = directory.environment(environmentId)
                .orElseThrow(() -> new NotFoundException("environment", environmentId));
        List<String> reasons = reasons(policies.get(), environment, release.isConfigChange());
        ApprovalView latest = latest(releaseId, environmentId).map(v -> v.withContext(release.contentHash(),
                canDecide(v))).orElse(null);
        return new ApprovalState(!reasons.isEmpty(), reasons, latest);
    }

    public List<ApprovalView> list(UUID releaseId, UUID environmentId, ApprovalStatus status) {
        StringBuilder sql = new StringBuilder(SELECT + " where true");
        List<Object> args = new ArrayList<>();
        if (releaseId != null) {
            sql.append(" and a.release_id = ?");
            args.add(releaseId);
        }
        if (environmentId != null) {
            sql.append(" and a.environment_id = ?");
            args.add(environmentId);
        }
        if (status != null) {
            sql.append(" and a.status = ?");
            args.add(status.name());
        }
        sql.append(" order by a.requested_at desc, a.id limit 500");
        ApprovalPolicies.Policy policy = policies.get();
        java.util.Map<UUID, String> hashes = new java.util.HashMap<>();
        return jdbc.query(sql.toString(), Approvals::view, args.toArray()).stream()
                .map(v -> v.withContext(hashes.computeIfAbsent(v.releaseId(), releases::contentHash),
                        canDecide(v, policy))).toList();
    }

    public ApprovalView get(UUID id) {
        return find(id).map(v -> v.withContext(releases.contentHash(v.releaseId()), canDecide(v)))
                .orElseThrow(() -> new NotFoundException("approval", id));
    }

    Optional<ApprovalView> find(UUID id) {
        return jdbc.query(SELECT + " where a.id = ?", Approvals::view, id).stream().findFirst();
    }

    /** The answer of a request: the approval and whether it was made now (201) or existed (200). */
    public record Requested(ApprovalView approval, boolean created) {
    }

    /**
     * Asks for approval of a deployment of this record to this environment. An open request, or an approval of the
     * record's current content, is answered as it is; a rejected one can be asked again. Refused when the policy
     * does not ask for approval there, or when nobody may approve.
     */
    public Requested request(UUID releaseId, UUID environmentId, String note) {
        ReleaseRecord release = releases.withItems(releaseId);
        if (release.getStatus() == ReleaseStatus.WITHDRAWN) {
            throw new ConflictException("deployment.release-withdrawn", release.getNumber());
        }
        EnvironmentInfo environment = directory.environment(environmentId)
                .orElseThrow(() -> new FieldException("environmentId", "environment.unknown", environmentId));
        ApprovalPolicies.Policy policy = policies.get();
        List<String> reasons = reasons(policy, environment, release.isConfigChange());
        if (reasons.isEmpty()) {
            throw new FieldException("environmentId", "approval.not-required", release.getNumber(),
                    environment.customerName(), environment.name());
        }
        Optional<ApprovalView> latest = latest(releaseId, environmentId);
        if (latest.isPresent() && (latest.get().status().open() || latest.get().status() == ApprovalStatus.APPROVED
                && !latest.get().outdatedFor(release.contentHash()))) {
            return new Requested(latest.get().withContext(release.contentHash(), canDecide(latest.get(), policy)),
                    false);
        }
        List<PeopleDirectory.Approver> approvers = people.approvers(policy.approverRoles(), policy.approverIds());
        Actor actor = currentActor.get();
        List<PeopleDirectory.Approver> others = approvers.stream().filter(a -> !a.id().equals(actor.userId()))
                .toList();
        if (others.isEmpty()) {
            throw new ConflictException("approval.no-approvers", release.getNumber());
        }
        String cleanNote = Texts.blankToNull(note);
        if (cleanNote != null && cleanNote.length() > 2000) {
            throw new FieldException("note", "approval.too-long", 2000);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(status -> {
                ReleaseRecord locked = releases.lockForChange(releaseId);
                jdbc.update("""
                        insert into approval_request (id, release_id, environment_id, environment_name, customer_id,
                            customer_name, content_hash, reasons, status, note, requested_by, requested_by_name,
                            requested_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, id, releaseId, environmentId, environment.name(), environment.customerId(),
                        environment.customerName(), locked.contentHash(), String.join(",", reasons),
                        ApprovalStatus.REQUESTED.name(), cleanNote, actor.userId(), actor.name(), Timestamp.from(now));
                releases.record(locked, TimelineEntry.of(locked, TimelineAction.APPROVAL_REQUESTED, actor, now)
                        .environment(environmentId, environment.name())
                        .ref(id)
                        .facts(TimelineFacts.with("customer", environment.customerName()).and("reasons", reasons)
                                .and("note", cleanNote)
                                .and("approvers", others.stream().map(a -> new PersonRef(a.id(), a.name())).toList())));
                outbox.publish(EventTypes.APPROVAL_REQUESTED, actor,
                        audit(locked, Action.APPROVAL_REQUESTED, id, environment.id(), environment.name(),
                                environment.customerId(), environment.customerName(), reasons)
                                .fact("note", cleanNote)
                                .fact("approverIds", String.join(",", others.stream().map(PeopleDirectory.Approver::id)
                                        .toList()))
                                .build());
            });
        } catch (DuplicateKeyException raced) {
            // someone asked at the same moment: theirs is the open request
            return new Requested(latest(releaseId, environmentId).orElseThrow(), false);
        }
        return new Requested(get(id), true);
    }

    /** A decision from the web app by the person logged in. */
    public ApprovalView decide(UUID id, ApprovalDecision decision, String reason) {
        Actor actor = currentActor.get();
        ApprovalView approval = find(id).orElseThrow(() -> new NotFoundException("approval", id));
        // once decided, everyone is told the decision (409), the decider's repeat is answered as it is (200)
        if (approval.status().open() && !canDecide(approval)) {
            throw new ForbiddenException(actor.userId().equals(approval.requestedBy().id())
                    ? "approval.own-request" : "approval.not-approver", approval.releaseNumber());
        }
        Decision outcome = decide(approval, decision, reason, actor, Via.WEB);
        if (!outcome.decidedNow() && !outcome.repeat()) {
            ApprovalView existing = outcome.approval();
            throw new ConflictException("approval.already-decided", existing.releaseNumber(),
                    existing.environmentName(), existing.decidedBy() == null ? "" : existing.decidedBy().name(),
                    messages.text("approval.status." + existing.status()));
        }
        return get(id);
    }

    /**
     * The outcome of a decision: {@code decidedNow} when this call decided; otherwise {@code approval} shows who
     * decided before ({@code repeat}: the same person with the same decision, e.g. a second click).
     */
    public record Decision(ApprovalView approval, boolean decidedNow, boolean repeat) {
    }

    /**
     * Records a decision once. The row changes only while it is REQUESTED ({@code update … where status =
     * 'REQUESTED'}), so of two concurrent decisions exactly one changes it; the other reads the decision made.
     * The caller has checked that the actor may decide.
     */
    Decision decide(ApprovalView approval, ApprovalDecision decision, String reason, Actor actor, Via via) {
        String cleanReason = Texts.blankToNull(reason);
        // a rejection says why, on the platform's page and in Feishu (the card's reason input) alike (a late click on
        // one already decided is answered with that decision instead)
        if (decision.needsReason() && cleanReason == null && approval.status().open()) {
            throw new FieldException("reason", "approval.reason-required");
        }
        if (cleanReason != null && cleanReason.length() > 2000) {
            throw new FieldException("reason", "approval.too-long", 2000);
        }
        ApprovalStatus status = decision.status();
        Instant now = clock.instant();
        Boolean decided = tx.execute(s -> {
            ReleaseRecord locked = releases.lockForChange(approval.releaseId());
            int changed = jdbc.update("""
                    update approval_request set status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?,
                        decision_reason = ?, decided_via = ?
                    where id = ? and status = ?
                    """, status.name(), actor.userId(), actor.name(), Timestamp.from(now), cleanReason, via.name(),
                    approval.id(), ApprovalStatus.REQUESTED.name());
            if (changed == 0) {
                return false;
            }
            releases.record(locked, TimelineEntry.of(locked, status == ApprovalStatus.APPROVED
                            ? TimelineAction.APPROVAL_APPROVED : TimelineAction.APPROVAL_REJECTED, actor, now)
                    .environment(approval.environmentId(), approval.environmentName())
                    .ref(approval.id())
                    .facts(TimelineFacts.with("customer", approval.customerName()).and("reason", cleanReason)
                            .and("via", via.name())
                            .and("requestedBy", approval.requestedBy())));
            outbox.publish(EventTypes.APPROVAL_DECIDED, actor,
                    audit(locked, Action.APPROVAL_DECIDED, approval.id(), approval.environmentId(),
                            approval.environmentName(), approval.customerId(), approval.customerName(),
                            approval.reasons())
                            .change("approvalStatus", ApprovalStatus.REQUESTED.name(), status.name())
                            .fact("decision", status.name())
                            .fact("reason", cleanReason)
                            .fact("via", via.name())
                            .fact("requesterId", approval.requestedBy().id())
                            .fact("requesterName", approval.requestedBy().name())
                            .build());
            return true;
        });
        ApprovalView now2 = find(approval.id()).orElseThrow();
        if (Boolean.TRUE.equals(decided)) {
            log.info("Approval {} of {} / {} {} by {} ({})", approval.id(), approval.releaseNumber(),
                    approval.environmentName(), status, actor.userId(), via);
            return new Decision(now2, true, false);
        }
        boolean repeat = now2.decidedBy() != null && actor.userId().equals(now2.decidedBy().id())
                && status == now2.status();
        return new Decision(now2, false, repeat);
    }

    /**
     * The rule of a customer deployment: every environment where the policy asks for approval needs an APPROVED
     * request for the record's current content. Refused (409) naming the environment's field and what is missing.
     */
    public void requireApproved(ReleaseRecord release, List<EnvironmentInfo> environments) {
        ApprovalPolicies.Policy policy = policies.get();
        if (!policy.any()) {
            return;
        }
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentInfo environment = environments.get(i);
            List<String> reasons = reasons(policy, environment, release.isConfigChange());
            if (reasons.isEmpty()) {
                continue;
            }
            String field = "environmentIds[" + i + "]";
            String why = String.join(messages.text("approval.reason.separator"),
                    reasons.stream().map(r -> messages.text("approval.reason." + r)).toList());
            Optional<ApprovalView> latest = latest(release.getId(), environment.id());
            Optional<ApprovalView> approved = jdbc.query(SELECT
                            + " where a.release_id = ? and a.environment_id = ? and a.status = ?"
                            + " and a.content_hash = ? order by a.decided_at desc limit 1", Approvals::view,
                    release.getId(), environment.id(), ApprovalStatus.APPROVED.name(), release.contentHash())
                    .stream().findFirst();
            if (approved.isPresent()) {
                continue;
            }
            if (latest.isEmpty()) {
                throw FieldException.conflict(field, "deployment.approval-missing", release.getNumber(),
                        environment.customerName(), environment.name(), why);
            }
            ApprovalView last = latest.get();
            switch (last.status()) {
                case REQUESTED -> throw FieldException.conflict(field, "deployment.approval-pending",
                        release.getNumber(), environment.customerName(), environment.name(), why);
                case REJECTED -> throw FieldException.conflict(field, "deployment.approval-rejected",
                        release.getNumber(), environment.customerName(), environment.name(),
                        last.decidedBy() == null ? "" : last.decidedBy().name(),
                        last.decisionReason() == null ? "" : last.decisionReason());
                case APPROVED -> throw FieldException.conflict(field, "deployment.approval-outdated",
                        release.getNumber(), environment.customerName(), environment.name());
            }
        }
    }

    /** Whether the person logged in may decide this request now. */
    boolean canDecide(ApprovalView approval) {
        return canDecide(approval, policies.get());
    }

    private boolean canDecide(ApprovalView approval, ApprovalPolicies.Policy policy) {
        if (!approval.status().open()) {
            return false;
        }
        Actor actor = currentActor.get();
        if (actor.userId().equals(approval.requestedBy().id()) || CurrentActor.SYSTEM.equals(actor)) {
            return false;
        }
        if (policy.approverIds().contains(actor.userId())) {
            return true;
        }
        Role[] roles = policy.approverRoles().stream().map(Role::valueOf).toArray(Role[]::new);
        return roles.length > 0 && currentActor.hasAnyRole(roles);
    }

    Optional<ApprovalView> latest(UUID releaseId, UUID environmentId) {
        return jdbc.query(SELECT + " where a.release_id = ? and a.environment_id = ?"
                + " order by a.requested_at desc, a.id limit 1", Approvals::view, releaseId, environmentId)
                .stream().findFirst();
    }

    private static AuditEvent.Builder audit(ReleaseRecord release, Action action, UUID approvalId, UUID environmentId,
            String environmentName, UUID customerId, String customerName, List<String> reasons) {
        return AuditEvent.builder(AuditEvent.Kind.RELEASE, action)
                .target(release.getId(), release.getNumber())
                .release(release.getId(), release.getNumber())
                .fact("releaseTitle", release.getTitle())
                .fact("approvalId", approvalId)
                .environment(environmentId, environmentName)
                .customer(customerId, customerName)
                .fact("reasons", String.join(",", reasons));
    }

    private static final String SELECT = """
            select a.*, r.number as release_number, r.title as release_title
            from approval_request a join release_record r on r.id = a.release_id
            """;

    private static ApprovalView view(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        String reasons = rs.getString("reasons");
        return new ApprovalView(rs.getObject("id", UUID.class), rs.getObject("release_id", UUID.class),
                rs.getString("release_number"), rs.getString("release_title"),
                rs.getObject("environment_id", UUID.class), rs.getString("environment_name"),
                rs.getObject("customer_id", UUID.class), rs.getString("customer_name"),
                reasons == null || reasons.isBlank() ? List.of() : Arrays.asList(reasons.split(",")),
                ApprovalStatus.of(rs.getString("status")), rs.getString("note"),
                PersonRef.of(rs.getString("requested_by"), rs.getString("requested_by_name")),
                rs.getTimestamp("requested_at").toInstant(),
                PersonRef.of(rs.getString("decided_by"), rs.getString("decided_by_name")),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decision_reason"),
                rs.getString("decided_via"), rs.getString("content_hash"), null, false,
                false);
    }
}
