package io.inetpublish.notify.notification;

/**
 * One card layout per kind. The names are stored with each notification and are the {@code kind} tag of the
 * notification metrics; {@code TEST_DEPLOYMENT_FINISHED} was {@code TEST_DEPLOY_FINISHED} before issue 19 (migration
 * V27_1 renamed the stored ones).
 */
public enum NotificationKind {
    TEST_DEPLOYMENT_FINISHED,
    PACKAGE_FINISHED,
    CUSTOMER_DEPLOYMENT_SYNCED,
    RELEASE_SUBMITTED,
    SCHEDULE_DUE_SOON,
    SCHEDULE_OVERDUE,
    APPROVAL_REQUESTED,
    APPROVAL_DECIDED
}
