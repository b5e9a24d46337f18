package io.inetpublish.common.event;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * {@code environment.versions-synced}: customer-service applied a deployment's versions to one environment.
 *
 * @param source what caused the sync; null when the producer sent a source this version does not know
 * @param deploymentId the customer deployment, or the build for a test deployment
 */
public record EnvironmentVersionsSynced(int schemaVersion, UUID deploymentId, SyncSource source, UUID releaseId,
        String releaseNumber, UUID environmentId, String environmentName, UUID customerId, String customerName,
        String customerOwner, List<Change> changes) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The sync of one environment by {@code deploymentId} (the build, for a test deployment) from {@code source}; a
     * test environment has no customer.
     */
    public static Builder synced(UUID deploymentId, SyncSource source, UUID environmentId,
            String environmentName) {
        return new Builder(deploymentId, source, environmentId, environmentName);
    }

    /** Synced by a completed test deployment ({@link #deploymentId()} is the build). */
    @JsonIgnore
    public boolean isTestDeployment() {
        return source == SyncSource.TEST_DEPLOYMENT;
    }

    /** Synced by a recorded customer deployment (not a rollback). */
    @JsonIgnore
    public boolean isCustomerDeployment() {
        return source == SyncSource.CUSTOMER_DEPLOYMENT;
    }

    @JsonIgnore
    public boolean isRollback() {
        return source == SyncSource.ROLLBACK;
    }

    /** One component's move; {@code from} is null when the environment did not have it before. */
    public record Change(String component, String from, String to) {
    }

    /** The parts of an {@code environment.versions-synced}, by name. */
    public static final class Builder {

        private final UUID deploymentId;
        private final SyncSource source;
        private final UUID environmentId;
        private final String environmentName;
        private UUID releaseId;
        private String releaseNumber;
        private UUID customerId;
        private String customerName;
        private String customerOwner;
        private List<Change> changes = List.of();

        private Builder(UUID deploymentId, SyncSource source, UUID environmentId, String environmentName) {
            this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
            this.source = Objects.requireNonNull(source, "source");
            this.environmentId = Objects.requireNonNull(environmentId, "environmentId");
            this.environmentName = environmentName;
        }

        /** The release record whose versions were applied. */
        public Builder release(UUID id, String number) {
            this.releaseId = id;
            this.releaseNumber = number;
            return this;
        }

        /** The environment's customer, its name and owner (an open_id or null); none for a test environment. */
        public Builder customer(UUID id, String name, String owner) {
            this.customerId = id;
            this.customerName = name;
            this.customerOwner = owner;
            return this;
        }

        /** What moved, one component each. */
        public Builder changes(List<Change> changes) {
            this.changes = changes == null ? List.of() : List.copyOf(changes);
            return this;
        }

        public EnvironmentVersionsSynced build() {
            return new EnvironmentVersionsSynced(SCHEMA_VERSION, deploymentId, source, releaseId, releaseNumber,
                    environmentId, environmentName, customerId, customerName, customerOwner, changes);
        }
    }
}
