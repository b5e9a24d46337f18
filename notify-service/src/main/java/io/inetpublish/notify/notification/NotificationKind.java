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
    APPROVAL_DECIDED,
    /**
     * Not a new message: the update of an approver's APPROVAL_REQUESTED card to the decision, once made
     * ({@code PATCH /open-apis/im/v1/messages/:message_id}, docs/feishu-card-callback.md §7)
     */
    APPROVAL_CARD_UPDATE
}
