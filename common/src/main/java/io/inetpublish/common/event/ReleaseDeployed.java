package io.inetpublish.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * {@code release.deployed}: a customer deployment (or a rollback) was recorded. Each target names one environment
 * and the component versions it now runs; customer-service applies them and answers with
 * {@code environment.versions-synced} per environment.
 *
 * @param kind null when the producer sent a kind this version does not know
 * @param updateType null when the producer sent a type this version does not know
 * @param packageBuildId the package (build-service build) the deployment used, null when none; build-service keeps
 *     that build's bundle from then on (its retention never removes it)
 */
public record ReleaseDeployed(int schemaVersion, UUID deploymentId, DeploymentKind kind, UUID releaseId,
        String releaseNumber, String releaseTitle, UUID customerId, UpdateType updateType, boolean configChange,
        Instant deployedAt, List<Target> targets, UUID packageBuildId) {

    public static final int SCHEMA_VERSION = 1;

    /** A deployment (or rollback) of a record; {@code packageBuildId} null when no package was used. */
    public static ReleaseDeployed of(UUID deploymentId, DeploymentKind kind, UUID releaseId, String releaseNumber,
            String releaseTitle, UUID customerId, UpdateType updateType, boolean configChange, Instant deployedAt,
            List<Target> targets, UUID packageBuildId) {
        return new ReleaseDeployed(SCHEMA_VERSION, deploymentId, kind, releaseId, releaseNumber, releaseTitle,
                customerId, updateType, configChange, deployedAt, targets, packageBuildId);
    }

    @JsonIgnore
    public boolean isRollback() {
        return kind == DeploymentKind.ROLLBACK;
    }

    /** The source of the versions sync it causes; null when the kind is not known to this version. */
    public SyncSource syncSource() {
        return kind == null ? null : kind.syncSource();
    }

    public record Target(UUID environmentId, List<ComponentVersion> versions) {
    }
}
