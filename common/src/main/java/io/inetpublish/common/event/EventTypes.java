package io.inetpublish.common.event;

import java.util.List;

/** Routing keys on the {@code inetpublish.events} topic exchange; one per event type. */
public final class EventTypes {

    public static final String EXCHANGE = "inetpublish.events";

    public static final String RELEASE_SUBMITTED = "release.submitted";
    public static final String RELEASE_DEPLOYED = "release.deployed";
    public static final String SCHEDULE_DUE = "schedule.due";
    public static final String BUILD_STARTED = "build.started";
    public static final String BUILD_FINISHED = "build.finished";
    public static final String ENVIRONMENT_VERSIONS_SYNCED = "environment.versions-synced";
    /** A customer was archived ({@link CustomerArchived}); its environments leave rollouts still planned for them. */
    public static final String CUSTOMER_ARCHIVED = "customer.archived";

    // Changes whose only reader is the audit trail; their payload is an {@link AuditEvent}.
    public static final String RELEASE_EDITED = "release.edited";
    public static final String RELEASE_WITHDRAWN = "release.withdrawn";
    /** An environment skips a release record on purpose, with a reason (issue 17), and the mark taken back. */
    public static final String RELEASE_SKIPPED = "release.skipped";
    public static final String RELEASE_SKIP_REMOVED = "release.skip-removed";
    public static final String BUILD_TRIGGERED = "build.triggered";
    public static final String BUILD_CANCELLED = "build.cancelled";
    /** A kept bundle was removed by the retention setting (the platform's doing, actor {@link Actor#system()}). */
    public static final String BUILD_BUNDLE_REMOVED = "build.bundle-removed";
    public static final String SCHEDULE_CREATED = "schedule.created";
    public static final String SCHEDULE_CHANGED = "schedule.changed";
    public static final String SCHEDULE_DONE = "schedule.done";
    public static final String USER_ROLES_CHANGED = "user.roles-changed";
    public static final String USER_DISABLED = "user.disabled";
    public static final String USER_ENABLED = "user.enabled";
    public static final String INTEGRATION_SETTINGS_CHANGED = "integration.settings-changed";
    public static final String INTEGRATION_TOKEN_CREATED = "integration.token-created";
    public static final String INTEGRATION_TOKEN_REVOKED = "integration.token-revoked";
    /** A customer deployment's approval was requested (notify-service: card with 批准/拒绝 to the approvers). */
    public static final String APPROVAL_REQUESTED = "approval.requested";
    /** An approval was decided (notify-service: card to the requester). */
    public static final String APPROVAL_DECIDED = "approval.decided";
    public static final String ROLLOUT_CREATED = "rollout.created";
    public static final String ROLLOUT_CHANGED = "rollout.changed";

    /** Every event type whose payload is an {@link AuditEvent}. */
    public static final List<String> AUDITED = List.of(RELEASE_EDITED, RELEASE_WITHDRAWN, RELEASE_SKIPPED,
            RELEASE_SKIP_REMOVED, BUILD_TRIGGERED,
            BUILD_CANCELLED, BUILD_BUNDLE_REMOVED, SCHEDULE_CREATED, SCHEDULE_CHANGED, SCHEDULE_DONE, USER_ROLES_CHANGED, USER_DISABLED,
            USER_ENABLED, INTEGRATION_SETTINGS_CHANGED, INTEGRATION_TOKEN_CREATED, INTEGRATION_TOKEN_REVOKED,
            APPROVAL_REQUESTED, APPROVAL_DECIDED,
            ROLLOUT_CREATED, ROLLOUT_CHANGED);

    private EventTypes() {
    }
}
