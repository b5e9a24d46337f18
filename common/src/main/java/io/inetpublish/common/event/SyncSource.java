package io.inetpublish.common.event;

/**
 * What made customer-service sync an environment's versions ({@code environment.versions-synced}). The names are
 * the values on the wire.
 */
public enum SyncSource {
    /** A recorded customer deployment ({@code release.deployed} DEPLOY). */
    CUSTOMER_DEPLOYMENT,
    /** A completed test deployment ({@code build.finished} of a {@link BuildType#TEST_DEPLOY} build). */
    TEST_DEPLOYMENT,
    /** A recorded rollback ({@code release.deployed} ROLLBACK). */
    ROLLBACK
}
