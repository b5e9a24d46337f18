package io.inetpublish.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code release.deployed}: a customer deployment (or a rollback) was recorded. Each target names one environment
 * and the component versions it now runs; customer-service applies them and answers with
 * {@code environment.versions-synced} per environment.
 *
 * @param kind {@code DEPLOY} or {@code ROLLBACK}
 * @param packageBuildId the package (build-service build) the deployment used, null when none; build-service keeps
 *     that build's bundle from then on (its retention never removes it)
 */
public record ReleaseDeployed(int schemaVersion, UUID deploymentId, String kind, UUID releaseId,
        String releaseNumber, String releaseTitle, UUID customerId, String updateType, boolean configChange,
        Instant deployedAt, List<Target> targets, UUID packageBuildId) {

    public static final int SCHEMA_VERSION = 1;

    /** A deployment without a package. */
    public ReleaseDeployed(int schemaVersion, UUID deploymentId, String kind, UUID releaseId, String releaseNumber,
            String releaseTitle, UUID customerId, String updateType, boolean configChange, Instant deployedAt,
            List<Target> targets) {
        this(schemaVersion, deploymentId, kind, releaseId, releaseNumber, releaseTitle, customerId, updateType,
                configChange, deployedAt, targets, null);
    }

    public record Target(UUID environmentId, List<ComponentVersion> versions) {
    }
}
