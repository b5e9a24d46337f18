package io.inetpublish.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    /** A customer deployment of a record, deployed at {@code deployedAt}. */
    public static Builder deploy(UUID deploymentId, Instant deployedAt) {
        return recorded(deploymentId, DeploymentKind.DEPLOY, deployedAt);
    }

    /** A rollback of a record's environments to the versions they ran before, done at {@code deployedAt}. */
    public static Builder rollback(UUID deploymentId, Instant deployedAt) {
        return recorded(deploymentId, DeploymentKind.ROLLBACK, deployedAt);
    }

    /** A deployment of the given kind (as the recorded deployment says). */
    public static Builder recorded(UUID deploymentId, DeploymentKind kind, Instant deployedAt) {
        return new Builder(deploymentId, kind, deployedAt);
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

    /** The parts of a {@code release.deployed}, by name. */
    public static final class Builder {

        private final UUID deploymentId;
        private final DeploymentKind kind;
        private final Instant deployedAt;
        private UUID releaseId;
        private String releaseNumber;
        private String releaseTitle;
        private UUID customerId;
        private UpdateType updateType;
        private boolean configChange;
        private List<Target> targets = List.of();
        private UUID packageBuildId;

        private Builder(UUID deploymentId, DeploymentKind kind, Instant deployedAt) {
            this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
            this.kind = Objects.requireNonNull(kind, "kind");
            this.deployedAt = Objects.requireNonNull(deployedAt, "deployedAt");
        }

        /** The release record deployed. */
        public Builder release(UUID id, String number, String title) {
            this.releaseId = id;
            this.releaseNumber = number;
            this.releaseTitle = title;
            return this;
        }

        public Builder customer(UUID customerId) {
            this.customerId = customerId;
            return this;
        }

        /** The record's update type (null when it has none) and whether it changes configuration. */
        public Builder update(UpdateType updateType, boolean configChange) {
            this.updateType = updateType;
            this.configChange = configChange;
            return this;
        }

        /** Each environment with the component versions it now runs. */
        public Builder targets(List<Target> targets) {
            this.targets = targets == null ? List.of() : List.copyOf(targets);
            return this;
        }

        /** The package (build-service build) the deployment used; null when none. */
        public Builder packageBuild(UUID packageBuildId) {
            this.packageBuildId = packageBuildId;
            return this;
        }

        public ReleaseDeployed build() {
            return new ReleaseDeployed(SCHEMA_VERSION, deploymentId, kind, releaseId, releaseNumber, releaseTitle,
                    customerId, updateType, configChange, deployedAt, targets, packageBuildId);
        }
    }
}
