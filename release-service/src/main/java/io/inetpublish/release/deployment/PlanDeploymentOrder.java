package io.inetpublish.release.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deployment of an upgrade plan at one environment: the plan's steps in order, each with the versions it puts
 * into the environment (the newest of each component; a step whose versions later steps supersede puts none), the
 * plan's link, the delta bundle used (null: deployed without a package), notes and when.
 */
public record PlanDeploymentOrder(UUID environmentId, String planLink, UUID bundleBuildId, Instant deployedAt,
        String notes, List<Step> steps) {

    public record Step(UUID releaseId, List<DeployedVersion> versions) {
    }

    public static DeployedVersion version(String component, String version) {
        return new DeployedVersion(component, version);
    }
}
