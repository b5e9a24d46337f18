package io.inetpublish.release.rollout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.release.approval.ApprovalStatus;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the rollout pages, the release record's page and the dashboard read. */
@Service
@RequiredArgsConstructor
public class RolloutViews {

    private final NamedParameterJdbcTemplate jdbc;

    /** {@code counts}: targets per state (every state present, 0 when none). */
    public record RolloutView(UUID id, UUID releaseId, String releaseNumber, String releaseTitle, String title,
            List<String> tags, boolean allCustomers, List<String> environmentTypes, PersonRef createdBy,
            Instant createdAt, Instant updatedAt, int total, Map<RolloutState, Integer> counts) {
    }

    public record Ref(UUID id, String name) {
    }

    public record EnvironmentRef(UUID id, String name, String type) {
    }

    /**
     * {@code approval}: the newest approval request of the record at the target's environment (issue 18, item 3:
     * {@code REQUESTED}, {@code APPROVED} or {@code REJECTED} with the decider's reason), null when none was asked.
     */
    public record TargetView(UUID id, Ref customer, PersonRef customerOwner, EnvironmentRef environment,
            RolloutState state, ReasonCode reasonCode, String reason, UUID scheduleId, UUID deploymentId,
            PersonRef changedBy, Instant changedAt, Approval approval) {

        TargetView with(Approval approval) {
            return new TargetView(id, customer, customerOwner, environment, state, reasonCode, reason, scheduleId,
                    deploymentId, changedBy, changedAt, approval);
        }
    }

    public record Approval(UUID id, ApprovalStatus status, String reason, PersonRef requestedBy, Instant requestedAt,
            PersonRef decidedBy, Instant decidedAt) {
    }

    /**
     * The newest state of a release's targets per environment (the dashboard's cells); {@code approvalStatus} and
     * {@code approvalReason}: the newest approval request of the record at that environment ({@code REQUESTED},
     * {@code APPROVED}, {@code REJECTED} with the decider's reason), null when none was asked.
     */
    public record TargetState(UUID releaseId, String releaseNumber, UUID environmentId, UUID rolloutId, UUID targetId,
            RolloutState state, ReasonCode reasonCode, String reason, ApprovalStatus approvalStatus,
            String approvalReason) {
    }

    @Transactional(readOnly = true)
    public RolloutView one(UUID id) {
        List<RolloutView> found = rollouts("r.id = :id", new MapSqlParameterSource("id", id), 1, 0);
        if (found.isEmpty()) {
            throw new NotFoundException("rollout", id);
        }
        return found.get(0);
    }

    /** Rollouts, newest first; of one release when {@code releaseId} is given. */
    @Transactional(readOnly = true)
    public PageResponse<RolloutView> list(UUID releaseId, int page, int size) {
        MapSqlParameterSource args = new MapSqlParameterSource("releaseId", releaseId);
        String where = releaseId == null ? "true" : "r.release_id = :releaseId";
        Long total = jdbc.queryForObject("select count(*) from rollout r where " + where, args, Long.class);
        List<RolloutView> items = rollouts(where, args, size, (long) page * size);
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    private List<RolloutView> rollouts(String where, MapSqlParameterSource args, int limit, long offset) {
        args.addValue("limit", limit).addValue("offset", offset);
        List<RolloutView> rollouts = jdbc.query("""
                select r.*, rr.title as release_title from rollout r join release_record rr on rr.id = r.release_id
                where\s""" + where + " order by r.created_at desc, r.id limit :limit offset :offset", args,
                (rs, n) -> new RolloutView(rs.getObject("id", UUID.class), rs.getObject("release_id", UUID.class),
                        rs.getString("release_number"), rs.getString("release_title"), rs.getString("title"),
                        split(rs.getString("selected_tags")),
                        rs.getBoolean("all_customers"),
                        split(rs.getString("selected_types")),
                        PersonRef.of(rs.getString("created_by_id"), rs.getString("created_by_name")),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), 0,
                        new LinkedHashMap<>()));
        if (rollouts.isEmpty()) {
            return rollouts;
        }
        Map<UUID, Map<RolloutState, Integer>> counts = new LinkedHashMap<>();
        rollouts.forEach(r -> {
            Arrays.stream(RolloutState.values()).forEach(s -> r.counts().put(s, 0));
            counts.put(r.id(), r.counts());
        });
        jdbc.query("""
                select rollout_id, state, count(*) as n from rollout_target where rollout_id in (:ids)
                group by rollout_id, state""", new MapSqlParameterSource("ids", counts.keySet()),
                rs -> {
                    counts.get(rs.getObject("rollout_id", UUID.class))
                            .put(RolloutState.valueOf(rs.getString("state")), rs.getInt("n"));
                });
        return rollouts.stream().map(r -> new RolloutView(r.id(), r.releaseId(), r.releaseNumber(), r.releaseTitle(),
                r.title(), r.tags(), r.allCustomers(), r.environmentTypes(), r.createdBy(), r.createdAt(),
                r.updatedAt(), r.counts().values().stream().mapToInt(Integer::intValue).sum(), r.counts())).toList();
    }

    /**
     * A rollout's targets in customer and environment order: {@code states} (any of), {@code q} (customer or
     * environment name) narrow them.
     */
    @Transactional(readOnly = true)
    public PageResponse<TargetView> targets(UUID rolloutId, List<RolloutState> states, String q, int page, int size) {
        UUID releaseId = one(rolloutId).releaseId();
        MapSqlParameterSource args = new MapSqlParameterSource("rolloutId", rolloutId);
        StringBuilder where = new StringBuilder("t.rollout_id = :rolloutId");
        if (states != null && !states.isEmpty()) {
            where.append(" and t.state in (:states)");
            args.addValue("states", states.stream().map(Enum::name).toList());
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(t.customer_name) like :q escape '\\' or lower(t.environment_name) like :q"
                    + " escape '\\')");
            args.addValue("q", Like.containing(q));
        }
        Long total = jdbc.queryForObject("select count(*) from rollout_target t where " + where, args, Long.class);
        args.addValue("limit", size).addValue("offset", (long) page * size);
        List<TargetView> items = jdbc.query("select t.* from rollout_target t where " + where
                + " order by t.position limit :limit offset :offset", args, (rs, n) -> target(rs));
        Map<UUID, Approval> approvals = approvals(releaseId,
                items.stream().map(x -> x.environment().id()).toList());
        items = items.stream().map(x -> x.with(approvals.get(x.environment().id()))).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    /**
     * For the dashboard: per release and environment the target of the newest rollout of that release that has the
     * environment, in one query whatever the number of environments; {@code customerIds} (null: all) keeps only
     * those customers' environments, as the dashboard asks for the customers of its page.
     */
    @Transactional(readOnly = true)
    public List<TargetState> states(List<UUID> releaseIds, List<UUID> customerIds) {
        if (releaseIds.isEmpty() || customerIds != null && customerIds.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource args = new MapSqlParameterSource("ids", releaseIds);
        String customers = "";
        if (customerIds != null) {
            customers = " and t.customer_id in (:customers)";
            args.addValue("customers", customerIds);
        }
        // the newest approval request of each cell: one index probe (approval_request_release) per cell
        return jdbc.query("""
                select c.*, a.status as approval_status, a.decision_reason as approval_reason
                from (select distinct on (r.release_id, t.environment_id)
                             r.release_id, r.release_number, t.environment_id, t.rollout_id, t.id, t.state,
                             t.reason_code, t.reason
                      from rollout_target t join rollout r on r.id = t.rollout_id
                      where r.release_id in (:ids)%s
                      order by r.release_id, t.environment_id, r.created_at desc) c
                left join lateral (select status, decision_reason from approval_request
                                   where release_id = c.release_id and environment_id = c.environment_id
                                   order by requested_at desc limit 1) a on true""".formatted(customers),
                args, (rs, n) -> new TargetState(rs.getObject("release_id", UUID.class),
                        rs.getString("release_number"), rs.getObject("environment_id", UUID.class),
                        rs.getObject("rollout_id", UUID.class), rs.getObject("id", UUID.class),
                        RolloutState.valueOf(rs.getString("state")),
                        reason(rs.getString("reason_code")), rs.getString("reason"),
                        ApprovalStatus.of(rs.getString("approval_status")), rs.getString("approval_reason")));
    }

    /** The newest approval request per environment. */
    private Map<UUID, Approval> approvals(UUID releaseId, List<UUID> environmentIds) {
        Map<UUID, Approval> approvals = new LinkedHashMap<>();
        if (environmentIds.isEmpty()) {
            return approvals;
        }
        jdbc.query("""
                select distinct on (environment_id) id, environment_id, status, decision_reason, requested_by,
                       requested_by_name, requested_at, decided_by, decided_by_name, decided_at
                from approval_request where release_id = :releaseId and environment_id in (:environments)
                order by environment_id, requested_at desc""",
                new MapSqlParameterSource("releaseId", releaseId).addValue("environments", environmentIds), rs -> {
                    approvals.put(rs.getObject("environment_id", UUID.class), new Approval(
                            rs.getObject("id", UUID.class), ApprovalStatus.of(rs.getString("status")),
                            rs.getString("decision_reason"),
                            PersonRef.of(rs.getString("requested_by"), rs.getString("requested_by_name")),
                            rs.getTimestamp("requested_at").toInstant(),
                            PersonRef.of(rs.getString("decided_by"), rs.getString("decided_by_name")),
                            rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant()));
                });
        return approvals;
    }

    private static TargetView target(ResultSet rs) throws SQLException {
        return new TargetView(rs.getObject("id", UUID.class),
                new Ref(rs.getObject("customer_id", UUID.class), rs.getString("customer_name")),
                PersonRef.of(rs.getString("customer_owner_id"), rs.getString("customer_owner_name")),
                new EnvironmentRef(rs.getObject("environment_id", UUID.class), rs.getString("environment_name"),
                        rs.getString("environment_type")),
                RolloutState.valueOf(rs.getString("state")), reason(rs.getString("reason_code")),
                rs.getString("reason"), rs.getObject("schedule_id", UUID.class),
                rs.getObject("deployment_id", UUID.class),
                PersonRef.of(rs.getString("changed_by_id"), rs.getString("changed_by_name")),
                rs.getTimestamp("changed_at").toInstant(), null);
    }

    private static ReasonCode reason(String code) {
        return code == null ? null : ReasonCode.valueOf(code);
    }

    private static List<String> split(String joined) {
        return joined == null ? List.of() : new ArrayList<>(List.of(joined.split(",")));
    }
}
