package io.inetpublish.release.deployment;

/** Whether customer-service has applied a deployment's versions to an environment yet. */
public enum SyncStatus {
    PENDING, SYNCED
}
