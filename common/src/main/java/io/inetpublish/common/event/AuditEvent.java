package io.inetpublish.common.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One change for the audit trail (操作日志), the one shape every service uses: <em>what</em> was done ({@code action},
 * an {@link Action}, e.g. {@code RELEASE_EDITED}), to <em>which</em> thing ({@code target}: its kind, id and name),
 * <em>what changed</em> (field changes and component version moves) and further facts (ids, numbers, results). Who
 * and when travel in the envelope ({@link EventEnvelope#actor()}, {@link EventEnvelope#occurredAt()}).
 * <p>
 * Facts and changes are values, never sentences: the web app renders the text in the reader's language from them.
 * Build one with {@link #builder(Kind, Action)}:
 *
 * <pre>{@code
 * AuditEvent.builder(AuditEvent.Kind.RELEASE, AuditEvent.Action.RELEASE_EDITED)
 *         .target(release.getId(), release.getNumber())
 *         .change("title", oldTitle, newTitle)
 *         .version("gateway", "2.3.0", "2.3.1")
 *         .release(release.getId(), release.getNumber())
 *         .build();
 * }</pre>
 *
 * @param action what happened, {@code <KIND>_<VERB>}; the key the web app translates
 * @param target the thing changed
 * @param changes fields whose value changed ({@code from}/{@code to} null when there was/is none)
 * @param versions component version moves ({@code from} null when added, {@code to} null when removed)
 * @param facts further facts by name (see {@link Fact}); never null values
 */
public record AuditEvent(int schemaVersion, Action action, Target target, List<Change> changes,
        List<VersionMove> versions, Map<String, String> facts) {

    public static final int SCHEMA_VERSION = 1;

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        changes = changes == null ? List.of() : List.copyOf(changes);
        versions = versions == null ? List.of() : List.copyOf(versions);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /**
     * The kinds of things the audit trail knows (the log's "kind" filter); the names are the values on the wire and
     * in the operation log. A kind this version does not know reads as null, which makes the payload unreadable
     * (its target needs a kind): the event waits in the dead-letter queue for a replay after the upgrade.
     */
    public enum Kind {
        CUSTOMER, ENVIRONMENT, COMPONENT, MAINLINE, RELEASE, BUILD, DEPLOYMENT, SCHEDULE, USER, INTEGRATION_SETTINGS,
        INTEGRATION_TOKEN, ROLLOUT
    }

    /**
     * What was done: the closed set of the operation log's actions, {@code <KIND>_<VERB>}; the names are the values on
     * the wire and in the log (the web app translates them, {@code enum.OpAction.*}). An action this version does not
     * know reads as null, which makes the payload unreadable (an entry needs its action), as a {@link Kind} does: the
     * event waits in the dead-letter queue for a replay after the upgrade. The log's older entries keep the action
     * they were written with (the column is text).
     */
    public enum Action {
        // release-service: a record's fields, versions or status changed; withdrawn; skipped by an environment.
        RELEASE_SUBMITTED, RELEASE_EDITED, RELEASE_WITHDRAWN, RELEASE_SKIPPED, RELEASE_SKIP_REMOVED,
        // release-service: a customer deployment's approval asked for and decided.
        APPROVAL_REQUESTED, APPROVAL_DECIDED,
        // release-service: update schedules.
        SCHEDULE_CREATED, SCHEDULE_CHANGED, SCHEDULE_CANCELLED, SCHEDULE_DONE,
        // release-service: rollouts and their targets.
        ROLLOUT_CREATED, ROLLOUT_TARGET_SKIPPED, ROLLOUT_TARGET_FAILED,
        // build-service (and the audit trail's entry of {@code build.finished}).
        BUILD_TRIGGERED, BUILD_CANCELLED, BUILD_FINISHED, BUILD_BUNDLE_REMOVED,
        // customer-service's own changes.
        CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_ARCHIVED, ENVIRONMENT_CREATED, ENVIRONMENT_UPDATED,
        COMPONENT_CREATED, COMPONENT_UPDATED, COMPONENT_RETIRED, COMPONENT_REINSTATED, MAINLINE_SET,
        // customer-service: an environment's versions set by hand, imported, or synced by a deployment.
        COMPONENT_ADDED, VERSION_CHANGED, COMPONENT_REMOVED, VERSIONS_SET, VERSIONS_IMPORTED, VERSIONS_SYNCED,
        // auth-service: people and integration tokens.
        USER_ROLE_CHANGED, USER_DISABLED, USER_ENABLED, INTEGRATION_TOKEN_CREATED, INTEGRATION_TOKEN_REVOKED,
        // build-service (Jenkins), notify-service (Feishu), release-service (approval policy).
        INTEGRATION_SETTINGS_CHANGED
    }

    /** Names of the facts the operation log files in columns of their own (and filters on). */
    public static final class Fact {
        public static final String CUSTOMER_ID = "customerId";
        public static final String CUSTOMER_NAME = "customerName";
        public static final String ENVIRONMENT_ID = "environmentId";
        public static final String ENVIRONMENT_NAME = "environmentName";
        public static final String RELEASE_ID = "releaseId";
        public static final String RELEASE_NUMBER = "releaseNumber";
        public static final String DEPLOYMENT_ID = "deploymentId";
        public static final String UPDATE_TYPE = "updateType";
        public static final String CONFIG_CHANGE = "configChange";
        public static final String SOURCE = "source";

        private Fact() {
        }
    }

    /** @param id the thing's id as text (a UUID, a user id, a component name...) */
    public record Target(Kind kind, String id, String name) {

        public Target {
            Objects.requireNonNull(kind, "kind");
        }
    }

    @Schema(name = "FieldChange")
    public record Change(String field, String from, String to) {
    }

    public record VersionMove(String component, String from, String to) {
    }

    public String fact(String name) {
        return facts.get(name);
    }

    public static Builder builder(Kind kind, Action action) {
        return new Builder(kind, action);
    }

    public static final class Builder {

        /** The longest value of a field change kept (descriptions, notes). */
        public static final int LONGEST = 1000;

        private final Kind kind;
        private final Action action;
        private String targetId;
        private String targetName;
        private final List<Change> changes = new ArrayList<>();
        private final List<VersionMove> versions = new ArrayList<>();
        private final Map<String, String> facts = new LinkedHashMap<>();

        private Builder(Kind kind, Action action) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.action = Objects.requireNonNull(action, "action");
        }

        public Builder target(Object id, String name) {
            this.targetId = id == null ? null : id.toString();
            this.targetName = name;
            return this;
        }

        /** A field's change; left out when the value stayed the same. Long texts are cut at {@value #LONGEST}. */
        public Builder change(String field, Object from, Object to) {
            String before = cut(text(from));
            String after = cut(text(to));
            if (!Objects.equals(before, after)) {
                changes.add(new Change(field, before, after));
            }
            return this;
        }

        /** A field that was set (creation): recorded as a change from nothing, unless the value is empty. */
        public Builder set(String field, Object value) {
            return change(field, null, value);
        }

        /** A component's version move; left out when it stayed the same. */
        public Builder version(String component, String from, String to) {
            if (!Objects.equals(from, to)) {
                versions.add(new VersionMove(component, from, to));
            }
            return this;
        }

        /** Component version moves from the versions before to the versions after (by component). */
        public Builder versions(List<ComponentVersion> before, List<ComponentVersion> after) {
            Map<String, String> old = new LinkedHashMap<>();
            (before == null ? List.<ComponentVersion>of() : before).forEach(v -> old.put(v.component(), v.version()));
            Map<String, String> now = new LinkedHashMap<>();
            (after == null ? List.<ComponentVersion>of() : after).forEach(v -> now.put(v.component(), v.version()));
            now.forEach((component, version) -> version(component, old.get(component), version));
            old.forEach((component, version) -> {
                if (!now.containsKey(component)) {
                    version(component, version, null);
                }
            });
            return this;
        }

        /** A further fact; left out when the value is null. */
        public Builder fact(String name, Object value) {
            String text = text(value);
            if (text != null) {
                facts.put(name, text);
            }
            return this;
        }

        public Builder customer(UUID id, String name) {
            return fact(Fact.CUSTOMER_ID, id).fact(Fact.CUSTOMER_NAME, name);
        }

        public Builder environment(UUID id, String name) {
            return fact(Fact.ENVIRONMENT_ID, id).fact(Fact.ENVIRONMENT_NAME, name);
        }

        public Builder release(UUID id, String number) {
            return fact(Fact.RELEASE_ID, id).fact(Fact.RELEASE_NUMBER, number);
        }

        public AuditEvent build() {
            return new AuditEvent(SCHEMA_VERSION, action, new Target(kind, targetId, targetName), changes, versions,
                    facts);
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        private static String cut(String value) {
            return value == null || value.length() <= LONGEST ? value : value.substring(0, LONGEST - 1) + "…";
        }
    }
}
