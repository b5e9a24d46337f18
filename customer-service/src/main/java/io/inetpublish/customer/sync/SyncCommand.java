package io.inetpublish.customer.sync;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.ReleaseDeployed;

/**
 * "Apply these component versions to these environments, from release R, by actor A."
 *
 * @param deploymentId the customer deployment (or the build of a test deployment); the idempotency key per
 *        environment
 * @param source {@code CUSTOMER_DEPLOYMENT}, {@code TEST_DEPLOYMENT} or {@code ROLLBACK}
 * @param updateType {@code HOT}, {@code DEV}, {@code RE}, {@code FE} or null
 */
public record SyncCommand(UUID deploymentId, String source, UUID releaseId, String releaseNumber, String updateType,
        boolean configChange, List<ReleaseDeployed.Target> targets, Actor actor) {
}
