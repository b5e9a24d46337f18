package io.inetpublish.release.approval;

/** Where an approval request stands (the {@code status} column of {@code deployment_approval}). */
public enum ApprovalStatus {
    REQUESTED, APPROVED, REJECTED
}
