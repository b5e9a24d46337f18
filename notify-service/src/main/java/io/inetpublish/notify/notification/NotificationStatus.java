package io.inetpublish.notify.notification;

public enum NotificationStatus {
    /** waiting to be sent (first time, after a transient error or a rate limit, or after a resend) */
    PENDING,
    SENT,
    /** Feishu refused it for good (or transient errors lasted longer than the give-up window); resend is possible */
    FAILED,
    /** no Feishu recipient could be determined; the reason is in lastError */
    SKIPPED
}
