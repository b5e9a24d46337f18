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
import java.util.function.Function;

import io.inetpublish.common.event.Actor;
import io.inetpublish.customer.oplog.OperationLog;
import io.inetpublish.customer.oplog.OperationLog.Change;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
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
    public record Context(Action action, Source source, UUID releaseId, String releaseNumber, UUID deploymentId,
            UpdateType updateType, Boolean configChange) {

        public static Context manual(Action action) {
            return new Context(action, Source.MANUAL, null, null, null, null, null);
        }
    }

    /** One environment's change, as {@link #apply} takes it. */
    public record Application(EnvironmentRef environment, List<Target> targets, Context context, Actor actor) {
    }

    /** Locks an environment row for the rest of the transaction; empty when it does not exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EnvironmentRef> lock(UUID environmentId) {
        return Optional.ofNullable(lockAll(List.of(environmentId)).get(environmentId));
    }

    /**
     * Locks the environment rows for the rest of the transaction with one statement, in the order of their ids (so
     * that two transactions locking some of the same environments cannot wait for each other in a circle); those
     * that do not exist are not in the answer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, EnvironmentRef> lockAll(Collection<UUID> environmentIds) {
        Map<UUID, EnvironmentRef> locked = new HashMap<>();
        if (environmentIds.isEmpty()) {
            return locked;
        }
        jdbc.query("""
                select e.id, e.name, c.id as customer_id, c.name as customer_name, c.owner
                from environment e join customer c on c.id = e.customer_id
                where e.id = any(?::uuid[]) order by e.id for update of e
                """, rs -> {
                    EnvironmentRef ref = new EnvironmentRef(rs.getObject("id", UUID.class), rs.getString("name"),
                            rs.getObject("customer_id", UUID.class), rs.getString("customer_name"),
                            rs.getString("owner"));
                    locked.put(ref.id(), ref);
                }, (Object) ids(environmentIds));
        return locked;
    }

    /** The component versions an environment runs now, by component name. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, String> current(UUID environmentId) {
        return current(List.of(environmentId)).getOrDefault(environmentId, new HashMap<>());
    }

    /** The component versions the environments run now: environment → component → version (one statement). */
    private Map<UUID, Map<String, String>> current(Collection<UUID> environmentIds) {
        Map<UUID, Map<String, String>> versions = new HashMap<>();
        jdbc.query("select environment_id, component, version from environment_component "
                + "where environment_id = any(?::uuid[])", rs -> {
                    versions.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                }, (Object) ids(environmentIds));
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

    /** Adds the names to the catalog that it does not know yet (without a mainline version), with one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void registerComponents(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        // in the order of the names, as every transaction that adds some does, so that two never wait in a circle
        jdbc.update("""
                insert into component (name, created_at) select n.name, ? from unnest(?::text[]) as n(name)
                order by n.name on conflict (name) do nothing
                """, Timestamp.from(Instant.now()), new TreeSet<>(names).toArray(String[]::new));
    }

    /**
     * Applies the targets to a locked environment, skipping those that change nothing, and records history and one
     * operation-log entry (always for deployments, only when something changed for manual edits).
     *
     * @return the changes that happened, in the order of the targets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Change> apply(EnvironmentRef environment, List<Target> targets, Context context, Actor actor) {
        return applyAll(List.of(new Application(environment, targets, context, actor))).getFirst();
    }

    /**
     * {@link #apply} of several changes of locked environments, with the same result as applying them one after
     * another in this order (an environment may come more than once: each change sees the versions the ones before
     * it left), but with one statement per kind of row for all of them: the current versions, the rows removed, the
     * rows written (each as the last change that moved it left it), the history and the operation log.
     *
     * @return per application, the changes that happened, in the order of its targets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<List<Change>> applyAll(List<Application> applications) {
        if (applications.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, String>> state = current(applications.stream()
                .map(a -> a.environment().id()).distinct().toList());
        Timestamp now = Timestamp.from(Instant.now());
        record Key(UUID environmentId, String component) {
        }
        record Written(Key key, String version, Application by) {
        }
        record History(Application by, Change change) {
        }
        Map<Key, Written> written = new LinkedHashMap<>();
        List<History> history = new ArrayList<>();
        List<OperationLog.Entry> entries = new ArrayList<>();
        List<List<Change>> result = new ArrayList<>(applications.size());
        for (Application application : applications) {
            UUID environmentId = application.environment().id();
            Map<String, String> before = state.computeIfAbsent(environmentId, id -> new HashMap<>());
            Map<String, Target> last = new LinkedHashMap<>();
            application.targets().forEach(target -> last.put(target.component(), target));
            List<Change> changes = new ArrayList<>();
            for (Target target : last.values()) {
                String from = before.get(target.component());
                String to = target.version();
                if (from == null ? to == null : from.equals(to)) {
                    continue;
                }
                if (to == null) {
                    before.remove(target.component());
                } else {
                    before.put(target.component(), to);
                }
                Key key = new Key(environmentId, target.component());
                written.put(key, new Written(key, to, application));
                changes.add(new Change(target.component(), from, to));
                history.add(new History(application, changes.getLast()));
            }
            if (!changes.isEmpty() || application.context().source() != Source.MANUAL) {
                entries.add(new OperationLog.Entry(application.actor(),
                        audit(application.environment(), application.context(), changes)));
            }
            result.add(changes);
        }
        List<Written> removed = written.values().stream().filter(w -> w.version() == null).toList();
        List<Written> set = written.values().stream().filter(w -> w.version() != null).toList();
        if (!removed.isEmpty()) {
            jdbc.update("""
                    delete from environment_component where (environment_id, component) in
                        (select * from unnest(?::uuid[], ?::text[]))
                    """, ids(removed.stream().map(w -> w.key().environmentId()).toList()),
                    removed.stream().map(w -> w.key().component()).toArray(String[]::new));
        }
        if (!set.isEmpty()) {
            // one statement for all rows (a key comes once in `written`, so no row is updated twice)
            jdbc.update("""
                    insert into environment_component (environment_id, component, version, sort_key, release_id,
                        release_number, updated_at, updated_by_id, updated_by)
                    select w.environment_id, w.component, w.version, w.sort_key, w.release_id, w.release_number, ?,
                        w.updated_by_id, w.updated_by
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                        with ordinality as w(environment_id, component, version, sort_key, release_id, release_number,
                            updated_by_id, updated_by, n)
                    order by w.n
                    on conflict (environment_id, component) do update set version = excluded.version,
                        sort_key = excluded.sort_key, release_id = excluded.release_id,
                        release_number = excluded.release_number, updated_at = excluded.updated_at,
                        updated_by_id = excluded.updated_by_id, updated_by = excluded.updated_by
                    """, now, column(set, w -> w.key().environmentId()), column(set, w -> w.key().component()),
                    column(set, Written::version), column(set, w -> VersionOrder.sortKey(w.version())),
                    column(set, w -> w.by().context().releaseId()),
                    column(set, w -> w.by().context().releaseNumber()),
                    column(set, w -> w.by().actor().userId()), column(set, w -> w.by().actor().name()));
        }
        if (!history.isEmpty()) {
            // one statement for all rows, in the order of the changes (ids follow it)
            jdbc.update("""
                    insert into environment_component_history (environment_id, component, from_version, to_version,
                        source, release_id, release_number, deployment_id, actor_id, actor_name, at)
                    select h.environment_id, h.component, h.from_version, h.to_version, h.source, h.release_id,
                        h.release_number, h.deployment_id, h.actor_id, h.actor_name, ?
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[],
                            ?::uuid[], ?::text[], ?::text[])
                        with ordinality as h(environment_id, component, from_version, to_version, source, release_id,
                            release_number, deployment_id, actor_id, actor_name, n)
                    order by h.n
                    """, now, column(history, h -> h.by().environment().id()),
                    column(history, h -> h.change().component()), column(history, h -> h.change().from()),
                    column(history, h -> h.change().to()), column(history, h -> h.by().context().source().name()),
                    column(history, h -> h.by().context().releaseId()),
                    column(history, h -> h.by().context().releaseNumber()),
                    column(history, h -> h.by().context().deploymentId()),
                    column(history, h -> h.by().actor().userId()), column(history, h -> h.by().actor().name()));
        }
        log.appendAll(entries);
        return result;
    }

    /** One column of rows as the text array a statement unnests (null stays null). */
    private static <R> String[] column(List<R> rows, Function<R, Object> value) {
        return rows.stream().map(value).map(v -> v == null ? null : v.toString()).toArray(String[]::new);
    }

    private static String[] ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
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
