package io.inetpublish.release.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.DeploymentKind;

/** What the person recording a customer deployment states about it. */
public record DeploymentOrder(DeploymentKind kind, UUID customerId, List<UUID> environmentIds, Instant deployedAt,
        String notes, UUID packageBuildId) {
}
