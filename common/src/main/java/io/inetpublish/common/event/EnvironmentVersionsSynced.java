package io.inetpublish.common.event;

import java.util.List;
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

    /** The sync of one environment by {@code deploymentId}; the customer's fields are null for a test environment. */
    public static EnvironmentVersionsSynced of(UUID deploymentId, SyncSource source, UUID releaseId,
            String releaseNumber, UUID environmentId, String environmentName, UUID customerId, String customerName,
            String customerOwner, List<Change> changes) {
        return new EnvironmentVersionsSynced(SCHEMA_VERSION, deploymentId, source, releaseId, releaseNumber,
                environmentId, environmentName, customerId, customerName, customerOwner, changes);
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
}
