package io.inetpublish.common.event;

import java.util.List;
import java.util.UUID;

/**
 * {@code environment.versions-synced}: customer-service applied a deployment's versions to one environment.
 *
 * @param source {@code CUSTOMER_DEPLOYMENT}, {@code TEST_DEPLOYMENT} or {@code ROLLBACK}
 * @param deploymentId the customer deployment, or the build for a test deployment
 */
public record EnvironmentVersionsSynced(int schemaVersion, UUID deploymentId, String source, UUID releaseId,
        String releaseNumber, UUID environmentId, String environmentName, UUID customerId, String customerName,
        String customerOwner, List<Change> changes) {

    public static final int SCHEMA_VERSION = 1;

    /** One component's move; {@code from} is null when the environment did not have it before. */
    public record Change(String component, String from, String to) {
    }
}
