package io.inetpublish.customer.envcomponent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.envcomponent.InvalidItemsException.FieldProblem;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.Context;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.EnvironmentRef;
import io.inetpublish.customer.envcomponent.EnvironmentVersions.Target;
import io.inetpublish.customer.oplog.OperationLog.Change;
import io.inetpublish.customer.version.Relation;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The manual side of environment components: add, change, remove, bulk set, CSV import, and reading them. */
@Service
@RequiredArgsConstructor
public class EnvironmentComponentService {

    private final EnvironmentVersions versions;
    private final JdbcTemplate jdbc;
    private final CurrentActor currentActor;
    private final ImportProperties importProperties;

    /** One installed component with the release that set it and how it stands against mainline. */
    public record Installed(String component, String version, UUID releaseId, String releaseNumber,
            Instant updatedAt, PersonRef updatedBy, String mainlineVersion, Relation relation) {
    }

    /** One entry of a component's history in an environment. */
    public record HistoryEntry(String from, String to, Source source, UUID releaseId, String releaseNumber,
            UUID deploymentId, PersonRef actor, Instant at) {
    }

    @Transactional
    public Installed add(UUID environmentId, String component, String version) {
        EnvironmentRef environment = lock(environmentId);
        requireKnown("component", component);
        if (versions.current(environmentId).containsKey(component)) {
            throw FieldException.conflict("component", "envcomponent.already-installed", environment.name(), component);
        }
        versions.apply(environment, List.of(new Target(component, version)), Context.manual(Action.COMPONENT_ADDED),
                currentActor.get());
        return installed(environmentId, component);
    }

    @Transactional
    public Installed change(UUID environmentId, String component, String version) {
        EnvironmentRef environment = lock(environmentId);
        requireInstalled(environment, component);
        versions.apply(environment, List.of(new Target(component, version)), Context.manual(Action.VERSION_CHANGED),
                currentActor.get());
        return installed(environmentId, component);
    }

    @Transactional
    public void remove(UUID environmentId, String component) {
        EnvironmentRef environment = lock(environmentId);
        requireInstalled(environment, component);
        versions.apply(environment, List.of(new Target(component, null)), Context.manual(Action.COMPONENT_REMOVED),
                currentActor.get());
    }

    /**
     * Sets many components at once (adding those the environment lacks); all or nothing. {@code items} are already
     * shape-validated; unknown or repeated components are reported as {@code items[i].component}.
     */
    @Transactional
    public List<Change> setMany(UUID environmentId, List<Target> items) {
        EnvironmentRef environment = lock(environmentId);
        Set<String> unknown = versions.unknownComponents(items.stream().map(Target::component).toList());
        List<FieldProblem> errors = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String component = items.get(i).component();
            if (unknown.contains(component)) {
                errors.add(new FieldProblem("items[" + i + "].component", "component.unknown", component));
            } else if (!seen.add(component)) {
                errors.add(new FieldProblem("items[" + i + "].component", "component.twice", component));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidItemsException(errors);
        }
        return versions.apply(environment, items, Context.manual(Action.VERSIONS_SET), currentActor.get());
    }

    /** Imports {@code component,version} lines; any bad line (reported per line) means nothing is applied. */
    @Transactional
    public List<Change> importCsv(UUID environmentId, String csv) {
        EnvironmentRef environment = lock(environmentId);
        VersionCsv.Result result = VersionCsv.read(csv, importProperties.maxLines());
        List<FieldProblem> errors = new ArrayList<>(result.errors());
        Set<String> unknown = versions.unknownComponents(
                result.lines().stream().map(VersionCsv.Line::component).toList());
        result.lines().stream().filter(line -> unknown.contains(line.component()))
                .forEach(line -> errors.add(VersionCsv.problem(line.number(),
                        "unknown component '" + line.component() + "'")));
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(EnvironmentComponentService::lineOf));
            throw new InvalidItemsException(errors);
        }
        return versions.apply(environment, result.lines().stream()
                .map(line -> new Target(line.component(), line.version())).toList(),
                Context.manual(Action.VERSIONS_IMPORTED), currentActor.get());
    }

    @Transactional(readOnly = true)
    public List<Installed> list(UUID environmentId) {
        requireEnvironment(environmentId);
        return jdbc.query(INSTALLED + " where ec.environment_id = ? order by ec.component",
                EnvironmentComponentService::installed, environmentId);
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(UUID environmentId, String component) {
        requireEnvironment(environmentId);
        return jdbc.query("""
                select from_version, to_version, source, release_id, release_number, deployment_id, actor_name, at,
                       actor_id
                from environment_component_history
                where environment_id = ? and component = ?
                order by at desc, id desc
                """, (rs, n) -> new HistoryEntry(rs.getString(1), rs.getString(2), Source.valueOf(rs.getString(3)),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class),
                PersonRef.of(rs.getString(9), rs.getString(7)),
                rs.getTimestamp(8).toInstant()), environmentId, component);
    }

    private static final String INSTALLED = """
            select ec.component, ec.version, ec.release_id, ec.release_number, ec.updated_at, ec.updated_by_id,
                   ec.updated_by,
                   c.mainline_version, %s as relation
            from environment_component ec join component c on c.name = ec.component
            """.formatted(Relation.sql("ec.sort_key", "c.mainline_sort_key"));

    private Installed installed(UUID environmentId, String component) {
        return jdbc.query(INSTALLED + " where ec.environment_id = ? and ec.component = ?",
                EnvironmentComponentService::installed, environmentId, component).get(0);
    }

    private static Installed installed(ResultSet rs, int n) throws SQLException {
        return new Installed(rs.getString("component"), rs.getString("version"),
                rs.getObject("release_id", UUID.class), rs.getString("release_number"),
                rs.getTimestamp("updated_at").toInstant(),
                PersonRef.of(rs.getString("updated_by_id"), rs.getString("updated_by")),
                rs.getString("mainline_version"), Relation.valueOf(rs.getString("relation")));
    }

    private EnvironmentRef lock(UUID environmentId) {
        return versions.lock(environmentId).orElseThrow(() -> new NotFoundException("environment", environmentId));
    }

    private void requireEnvironment(UUID environmentId) {
        Integer found = jdbc.queryForObject("select count(*) from environment where id = ?", Integer.class,
                environmentId);
        if (found == null || found == 0) {
            throw new NotFoundException("environment", environmentId);
        }
    }

    private void requireKnown(String field, String component) {
        if (!versions.unknownComponents(List.of(component)).isEmpty()) {
            throw new FieldException(field, "component.unknown", component);
        }
    }

    private void requireInstalled(EnvironmentRef environment, String component) {
        if (!versions.current(environment.id()).containsKey(component)) {
            throw new NotFoundException("component-in-environment", component + " @ " + environment.name());
        }
    }

    private static int lineOf(FieldProblem problem) {
        String field = problem.field();
        return field.startsWith("line ") ? Integer.parseInt(field.substring(5)) : 0;
    }
}
