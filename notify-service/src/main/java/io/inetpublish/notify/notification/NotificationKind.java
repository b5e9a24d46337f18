package io.inetpublish.notify.notification;

/** One card layout per kind. */
public enum NotificationKind {
    TEST_DEPLOY_FINISHED,
    PACKAGE_FINISHED,
    CUSTOMER_DEPLOYMENT_SYNCED,
    RELEASE_SUBMITTED,
    SCHEDULE_DUE_SOON,
    SCHEDULE_OVERDUE,
    APPROVAL_REQUESTED,
    APPROVAL_DECIDED
}
