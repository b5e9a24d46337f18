package io.inetpublish.release.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.DeploymentKind;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.release.plan.PlanCalculator.Candidate;
import io.inetpublish.release.plan.PlanCalculator.CandidateItem;
import io.inetpublish.release.plan.PlanCalculator.SkipMark;
import io.inetpublish.release.release.ContentHash;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.common.event.UpdateType;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What a plan reads from release-service's own database, a few set-based queries per plan (not per environment). */
@Component
@RequiredArgsConstructor
class PlanData {

    private final JdbcTemplate jdbc;

    /** Every release record with an item of one of these components, with all its items, by id. */
    Map<UUID, Candidate> candidates(Collection<String> components) {
        Map<UUID, Candidate> result = new LinkedHashMap<>();
        if (components.isEmpty()) {
            return result;
        }
        jdbc.query("""
                select r.id, r.number, r.title, r.status, r.submitted_at, i.component, i.version
                from release_record r join release_item i on i.release_id = r.id
                where r.id in (select release_id from release_item where component = any (?))
                order by r.id, i.position
                """, rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Candidate candidate = result.get(id);
                    if (candidate == null) {
                        candidate = new Candidate(id, rs.getString(2), rs.getString(3),
                                ReleaseStatus.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                                new ArrayList<>());
                        result.put(id, candidate);
                    }
                    candidate.items().add(CandidateItem.of(rs.getString(6), rs.getString(7)));
                }, (Object) components.toArray(String[]::new));
        return result;
    }

    /** The records chosen as a target, by id (those that exist). */
    Map<UUID, Candidate> records(Collection<UUID> ids) {
        Map<UUID, Candidate> result = new LinkedHashMap<>();
        jdbc.query("""
                select r.id, r.number, r.title, r.status, r.submitted_at, i.component, i.version
                from release_record r left join release_item i on i.release_id = r.id
                where r.id = any (?) order by r.id, i.position
                """, rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Candidate candidate = result.computeIfAbsent(id, k -> {
                        try {
                            return new Candidate(id, rs.getString(2), rs.getString(3),
                                    ReleaseStatus.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                                    new ArrayList<>());
                        } catch (java.sql.SQLException ex) {
                            throw new IllegalStateException(ex);
                        }
                    });
                    if (rs.getString(6) != null) {
                        candidate.items().add(CandidateItem.of(rs.getString(6), rs.getString(7)));
                    }
                }, (Object) ids.toArray(UUID[]::new));
        return result;
    }

    /**
     * Per environment, the records whose latest customer deployment there is a deployment (a later rollback takes it
     * back out).
     */
    Map<UUID, Set<UUID>> deployed(Collection<UUID> environmentIds) {
        Map<UUID, Set<UUID>> result = new HashMap<>();
        jdbc.query("""
                select distinct on (cd.release_id, de.environment_id) cd.release_id, de.environment_id, cd.kind
                from customer_deployment cd join deployment_environment de on de.deployment_id = cd.id
                where de.environment_id = any (?)
                order by cd.release_id, de.environment_id, cd.recorded_at desc
                """, rs -> {
                    if (DeploymentKind.DEPLOY.name().equals(rs.getString(3))) {
                        result.computeIfAbsent(rs.getObject(2, UUID.class), k -> new HashSet<>())
                                .add(rs.getObject(1, UUID.class));
                    }
                }, (Object) environmentIds.toArray(UUID[]::new));
        return result;
    }

    /** Per environment, its skip marks by release id. */
    Map<UUID, Map<UUID, SkipMark>> skips(Collection<UUID> environmentIds) {
        Map<UUID, Map<UUID, SkipMark>> result = new HashMap<>();
        jdbc.query("""
                select release_id, environment_id, reason, skipped_by_id, skipped_by_name, skipped_at
                from release_skip where environment_id = any (?)
                """, rs -> {
                    SkipMark mark = new SkipMark(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), PersonRef.of(rs.getString(4), rs.getString(5)),
                            rs.getTimestamp(6).toInstant());
                    result.computeIfAbsent(mark.environmentId(), k -> new HashMap<>()).put(mark.releaseId(), mark);
                }, (Object) environmentIds.toArray(UUID[]::new));
        return result;
    }

    /** What a step shows beyond its candidate: type, config notes, manual, tickets, its usable package. */
    record Details(UpdateType updateType, boolean configChange, String configNotes, String manual,
            List<Plan.Ticket> tickets, UUID packageBuildId, boolean onlyOutdatedPackages) {
    }

    Map<UUID, Details> details(Map<UUID, Candidate> steps) {
        Map<UUID, Details> result = new HashMap<>();
        if (steps.isEmpty()) {
            return result;
        }
        UUID[] ids = steps.keySet().toArray(UUID[]::new);
        Map<UUID, List<Plan.Ticket>> tickets = new HashMap<>();
        jdbc.query("select release_id, ticket_id, url from release_ticket where release_id = any (?)"
                + " order by release_id, position", rs -> {
                    tickets.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Plan.Ticket(rs.getString(2), rs.getString(3)));
                }, (Object) ids);
        // per record: the newest package built from its current content, and whether it has packages at all (whose
        // files are still kept: one retention removed cannot be downloaded)
        Map<UUID, UUID> current = new HashMap<>();
        Set<UUID> packaged = new HashSet<>();
        jdbc.query("""
                select release_id, build_id, content_hash, max(finished_at) as finished
                from release_package where release_id = any (?) and removed_at is null
                group by release_id, build_id, content_hash order by finished desc
                """, rs -> {
                    UUID releaseId = rs.getObject(1, UUID.class);
                    packaged.add(releaseId);
                    String hash = ContentHash.of(steps.get(releaseId).items().stream()
                            .map(i -> new ComponentVersion(i.component(), i.version())).toList());
                    if (!current.containsKey(releaseId) && !ContentHash.outdated(rs.getString(3), hash)) {
                        current.put(releaseId, rs.getObject(2, UUID.class));
                    }
                }, (Object) ids);
        jdbc.query("select id, update_type, config_change, config_notes, manual from release_record"
                + " where id = any (?)", rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    result.put(id, new Details(UpdateType.valueOf(rs.getString(2)), rs.getBoolean(3),
                            rs.getString(4), rs.getString(5), tickets.getOrDefault(id, List.of()), current.get(id),
                            packaged.contains(id) && !current.containsKey(id)));
                }, (Object) ids);
        return result;
    }
}
