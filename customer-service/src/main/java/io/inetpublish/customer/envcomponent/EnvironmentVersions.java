package io.inetpublish.customer.envcomponent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.customer.oplog.OperationLog;
import io.inetpublish.customer.oplog.OperationLog.Change;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.version.VersionOrder;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that changes which component versions an environment runs: manual edits, bulk set, CSV import and
 * version sync all come through {@link #apply}. It locks the environment row while it works, so concurrent changes
 * of one environment queue up instead of losing each other, and writes history and one operation-log entry.
 */
@Service
@RequiredArgsConstructor
public class EnvironmentVersions {

    private final JdbcTemplate jdbc;
    private final OperationLog log;

    /** The environment being changed with the names the log and events carry. */
    public record EnvironmentRef(UUID id, String name, UUID customerId, String customerName, String customerOwner) {
    }

    /** Set {@code component} to {@code version}; a null version removes the component from the environment. */
    public record Target(String component, String version) {
    }

    /** Why the change happens: source, release context and the operation-log action. */
    public record Context(String action, Source source, UUID releaseId, String releaseNumber, UUID deploymentId,
            UpdateType updateType, Boolean configChange) {

        public static Context manual(String action) {
            return new Context(action, Source.MANUAL, null, null, null, null, null);
        }
    }

    /** Locks an environment row for the rest of the transaction; empty when it does not exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EnvironmentRef> lock(UUID environmentId) {
        return jdbc.query("""
                select e.id, e.name, c.id as customer_id, c.name as customer_name, c.owner
                from environment e join customer c on c.id = e.customer_id
                where e.id = ? for update of e
                """, (rs, n) -> new EnvironmentRef(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getObject("customer_id", UUID.class), rs.getString("customer_name"), rs.getString("owner")),
                environmentId).stream().findFirst();
    }

    /** The component versions an environment runs now, by component name. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, String> current(UUID environmentId) {
        Map<String, String> versions = new HashMap<>();
        jdbc.query("select component, version from environment_component where environment_id = ?",
                rs -> {
                    versions.put(rs.getString(1), rs.getString(2));
                }, environmentId);
        return versions;
    }

    /** Names among {@code names} that the component catalog does not know. */
    @Transactional(readOnly = true)
    public Set<String> unknownComponents(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<String> unknown = new TreeSet<>(names);
        jdbc.query("select name from component where name = any(?)", rs -> {
            unknown.remove(rs.getString(1));
        }, (Object) names.toArray(String[]::new));
        return unknown;
    }

    /** Adds the names to the catalog that it does not know yet (without a mainline version). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void registerComponents(Collection<String> names) {
        for (String name : new TreeSet<>(names)) {
            jdbc.update("insert into component (name, created_at) values (?, ?) on conflict (name) do nothing", name,
                    Timestamp.from(Instant.now()));
        }
    }

    /**
     * Applies the targets to a locked environment, skipping those that change nothing, and records history and one
     * operation-log entry (always for deployments, only when something changed for manual edits).
     *
     * @return the changes that happened, in the order of the targets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Change> apply(EnvironmentRef environment, List<Target> targets, Context context, Actor actor) {
        Map<String, String> before = current(environment.id());
        Map<String, Target> last = new LinkedHashMap<>();
        targets.forEach(target -> last.put(target.component(), target));
        Timestamp now = Timestamp.from(Instant.now());
        List<Change> changes = new ArrayList<>();
        for (Target target : last.values()) {
            String from = before.get(target.component());
            String to = target.version();
            if (to == null) {
                if (from != null) {
                    jdbc.update("delete from environment_component where environment_id = ? and component = ?",
                            environment.id(), target.component());
                    changes.add(new Change(target.component(), from, null));
                }
            } else if (from == null) {
                jdbc.update("""
                        insert into environment_component (environment_id, component, version, sort_key, release_id,
                            release_number, updated_at, updated_by_id, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, environment.id(), target.component(), to, VersionOrder.sortKey(to), context.releaseId(),
                        context.releaseNumber(), now, actor.userId(), actor.name());
                changes.add(new Change(target.component(), null, to));
            } else if (!from.equals(to)) {
                jdbc.update("""
                        update environment_component set version = ?, sort_key = ?, release_id = ?,
                            release_number = ?, updated_at = ?, updated_by_id = ?, updated_by = ?
                        where environment_id = ? and component = ?
                        """, to, VersionOrder.sortKey(to), context.releaseId(), context.releaseNumber(), now,
                        actor.userId(), actor.name(), environment.id(), target.component());
                changes.add(new Change(target.component(), from, to));
            }
        }
        if (!changes.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into environment_component_history (environment_id, component, from_version, to_version,
                        source, release_id, release_number, deployment_id, actor_id, actor_name, at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, changes, changes.size(), (ps, change) -> {
                        ps.setObject(1, environment.id());
                        ps.setString(2, change.component());
                        ps.setString(3, change.from());
                        ps.setString(4, change.to());
                        ps.setString(5, context.source().name());
                        ps.setObject(6, context.releaseId());
                        ps.setString(7, context.releaseNumber());
                        ps.setObject(8, context.deploymentId());
                        ps.setString(9, actor.userId());
                        ps.setString(10, actor.name());
                        ps.setTimestamp(11, now);
                    });
        }
        if (!changes.isEmpty() || context.source() != Source.MANUAL) {
            log.append(actor, audit(environment, context, changes));
        }
        return changes;
    }

    /**
     * The audit entry of a version change: a manual one is about the environment, a customer deployment's or a
     * rollback's about the deployment, a test deployment's about its build.
     */
    private static AuditEvent audit(EnvironmentRef environment, Context context, List<Change> changes) {
        AuditEvent.Builder audit = switch (context.source()) {
            case CUSTOMER_DEPLOYMENT, ROLLBACK -> AuditEvent.builder(AuditEvent.Kind.DEPLOYMENT, context.action())
                    .target(context.deploymentId(), context.releaseNumber());
            case TEST_DEPLOYMENT -> AuditEvent.builder(AuditEvent.Kind.BUILD, context.action())
                    .target(context.deploymentId(), context.releaseNumber());
            default -> AuditEvent.builder(AuditEvent.Kind.ENVIRONMENT, context.action())
                    .target(environment.id(), environment.name());
        };
        changes.forEach(change -> audit.version(change.component(), change.from(), change.to()));
        return audit.customer(environment.customerId(), environment.customerName())
                .environment(environment.id(), environment.name())
                .release(context.releaseId(), context.releaseNumber())
                .fact(AuditEvent.Fact.DEPLOYMENT_ID, context.deploymentId())
                .fact(AuditEvent.Fact.UPDATE_TYPE, context.updateType())
                .fact(AuditEvent.Fact.CONFIG_CHANGE, context.configChange())
                .fact(AuditEvent.Fact.SOURCE, context.source())
                .build();
    }
}
