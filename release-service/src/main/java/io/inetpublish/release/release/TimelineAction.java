package io.inetpublish.release.release;

/** Everything that can happen to a release record; each occurrence is one timeline entry. */
public enum TimelineAction {
    SUBMITTED,
    EDITED,
    TEST_DEPLOYMENT_REQUESTED,
    TEST_DEPLOYMENT_FINISHED,
    TEST_DEPLOYMENT_FAILED,
    PACKAGING_REQUESTED,
    PACKAGING_FINISHED,
    PACKAGING_FAILED,
    CUSTOMER_DEPLOYMENT_RECORDED,
    ROLLBACK_RECORDED,
    /** build-service's retention removed the files of one of the record's packages; ref = the build. */
    PACKAGE_REMOVED,
    VERSIONS_SYNCED,
    WITHDRAWN,
    /** A customer deployment's approval was asked for (issue 18); environment and ref = the approval. */
    APPROVAL_REQUESTED,
    APPROVAL_APPROVED,
    APPROVAL_REJECTED
}
