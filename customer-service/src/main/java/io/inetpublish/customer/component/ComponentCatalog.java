package io.inetpublish.customer.component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.text.Like;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.web.ApiException;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import io.inetpublish.customer.oplog.OperationLog;
import io.inetpublish.common.version.VersionOrder;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The component catalog's rules, in one place for the people's API and the CI's machine API: unique names (ignoring
 * case), retiring (kept for history), and the mainline (主线版本) with its history — every change recorded from → to,
 * when, by whom and how; a CI report never moves the mainline back, and the same version twice changes nothing.
 */
@Service
@RequiredArgsConstructor
public class ComponentCatalog {

    private final ComponentRepository components;
    private final JdbcTemplate jdbc;
    private final OperationLog log;

    /** The editable fields of a component; blank texts are stored as none. */
    public record Details(ComponentKind kind, String description, String owner) {

        public Details {
            description = Texts.blankToNull(description);
            owner = Texts.blankToNull(owner);
        }
    }

    /** One mainline change. {@code build} and {@code commit} come with CI reports. */
    public record MainlineChange(long id, String component, String fromVersion, String toVersion, Instant changedAt,
            PersonRef actor, MainlineSource source, String build, String commit) {
    }

    /** What a CI report did: {@code changed} is false when the mainline already was that version. */
    public record ReportOutcome(Component component, boolean changed) {
    }

    /** A CI report of a version older than the current mainline (409). */
    public static class OlderThanMainlineException extends ApiException {

        OlderThanMainlineException(String component, String reported, String mainline) {
            super(HttpStatus.CONFLICT, "mainline-older", "mainline.older", reported, component, mainline);
        }
    }

    @Transactional
    public Component create(String name, Details details, String mainlineVersion, Actor actor) {
        if (components.existsByNameIgnoreCase(name)) {
            throw FieldException.conflict("name", "component.name-in-use", name);
        }
        // an assigned id: save merges and answers the managed copy
        Component component = components.saveAndFlush(
                new Component(name, details.kind(), details.description(), details.owner()));
        AuditEvent.Builder audit = audit(component, Action.COMPONENT_CREATED).set("kind", component.getKind())
                .set("description", component.getDescription()).set("owner", component.getOwner());
        if (mainlineVersion != null) {
            moveMainline(component, mainlineVersion, actor, MainlineSource.CREATE, null, null);
            audit.version(name, null, mainlineVersion);
        }
        log.append(actor, audit.build());
        return component;
    }

    @Transactional(readOnly = true)
    public Component get(String name) {
        return components.findById(name).orElseThrow(() -> new NotFoundException("component", name));
    }

    /** Search over name, description and owner; {@code retired}: null = only active ones, true = only retired. */
    @Transactional(readOnly = true)
    public Page<Component> search(String q, ComponentKind kind, String status, Pageable pageable) {
        boolean active = !"retired".equals(status);
        boolean retired = "retired".equals(status) || "all".equals(status);
        return components.search(Like.containing(q), kind, active, retired, pageable);
    }

    /** How many environments have each of these components installed (absent: none). */
    @Transactional(readOnly = true)
    public Map<String, Integer> installations(List<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        if (!names.isEmpty()) {
            for (Object[] row : components.installations(names)) {
                counts.put((String) row[0], ((Number) row[1]).intValue());
            }
        }
        return counts;
    }

    @Transactional
    public Component edit(String name, Details details, Actor actor) {
        Component component = get(name);
        AuditEvent.Builder audit = audit(component, Action.COMPONENT_UPDATED)
                .change("kind", component.getKind(), details.kind())
                .change("description", component.getDescription(), details.description())
                .change("owner", component.getOwner(), details.owner());
        component.edit(details.kind(), details.description(), details.owner());
        log.append(actor, audit.build());
        return component;
    }

    /** Retires a component: kept with its history, no longer offered; allowed while installed (the caller shows it). */
    @Transactional
    public Component retire(String name, Actor actor) {
        Component component = get(name);
        if (!component.isRetired()) {
            component.retire(actor);
            log.append(actor, audit(component, Action.COMPONENT_RETIRED).change("retired", false, true).build());
        }
        return component;
    }

    @Transactional
    public Component reinstate(String name, Actor actor) {
        Component component = get(name);
        if (component.isRetired()) {
            component.reinstate();
            log.append(actor, audit(component, Action.COMPONENT_REINSTATED).change("retired", true, false).build());
        }
        return component;
    }

    /** A person sets the mainline by hand (any version: a person may also correct it back). */
    @Transactional
    public Component setMainlineByHand(String name, String version, Actor actor) {
        Component component = locked(name);
        moveMainline(component, version, actor, MainlineSource.MANUAL, null, null);
        return component;
    }

    /**
     * A CI job reports a main-branch build of {@code version}: the mainline moves forward to it; the same version
     * changes nothing; an older one is refused ({@link OlderThanMainlineException}); a retired component takes none.
     */
    @Transactional
    public ReportOutcome report(String name, String version, String build, String commit, Actor actor) {
        Component component = locked(name);
        if (component.isRetired()) {
            throw new ConflictException("mainline.retired", name);
        }
        String current = component.getMainlineVersion();
        if (current != null && VersionOrder.INSTANCE.compare(version, current) < 0) {
            throw new OlderThanMainlineException(name, version, current);
        }
        boolean changed = moveMainline(component, version, actor, MainlineSource.CI, build, commit);
        return new ReportOutcome(component, changed);
    }

    @Transactional(readOnly = true)
    public List<MainlineChange> mainlineHistory(String name, int limit) {
        get(name);
        return jdbc.query("""
                select id, component, from_version, to_version, changed_at, actor_id, actor_name, source, build,
                       commit_id
                from mainline_change where component = ? order by changed_at desc, id desc limit ?""",
                (rs, row) -> new MainlineChange(rs.getLong("id"), rs.getString("component"),
                        rs.getString("from_version"), rs.getString("to_version"),
                        rs.getTimestamp("changed_at").toInstant(),
                        PersonRef.of(rs.getString("actor_id"), rs.getString("actor_name")),
                        MainlineSource.valueOf(rs.getString("source")),
                        rs.getString("build"), rs.getString("commit_id")),
                name, limit);
    }

    /** Sets the mainline and records the change; the same version (by version order) changes nothing. */
    private boolean moveMainline(Component component, String version, Actor actor, MainlineSource source,
            String build, String commit) {
        String before = component.getMainlineVersion();
        if (before != null && before.equals(version)) {
            return false;
        }
        if (before != null && source == MainlineSource.CI && VersionOrder.same(before, version)) {
            return false;
        }
        component.setMainline(version, actor);
        jdbc.update("""
                insert into mainline_change (component, from_version, to_version, changed_at, actor_id, actor_name,
                    source, build, commit_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", component.getName(), before, version,
                Timestamp.from(component.getMainlineSetAt()), actor.userId(), actor.name(), source.name(), build,
                commit);
        if (source != MainlineSource.CREATE) {
            log.append(actor, AuditEvent.builder(AuditEvent.Kind.MAINLINE, Action.MAINLINE_SET)
                    .target(component.getName(), component.getName())
                    .version(component.getName(), before, version)
                    .fact(AuditEvent.Fact.SOURCE, source).fact("build", build).fact("commit", commit)
                    .build());
        }
        return true;
    }

    private Component locked(String name) {
        return components.lockByName(name).orElseThrow(() -> new NotFoundException("component", name));
    }

    private static AuditEvent.Builder audit(Component component, Action action) {
        return AuditEvent.builder(AuditEvent.Kind.COMPONENT, action).target(component.getName(),
                component.getName());
    }
}
