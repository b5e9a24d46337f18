package io.inetpublish.customer.sync;

import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.event.UpdateType;

/**
 * "Apply these component versions to these environments, from release R, by actor A."
 *
 * @param deploymentId the customer deployment (or the build of a test deployment); the idempotency key per
 *        environment
 * @param updateType the record's update type, or null
 */
public record SyncCommand(UUID deploymentId, SyncSource source, UUID releaseId, String releaseNumber,
        UpdateType updateType, boolean configChange, List<ReleaseDeployed.Target> targets, Actor actor) {
}
