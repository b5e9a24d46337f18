package io.inetpublish.common.event;

import java.util.List;
import java.util.UUID;

/**
 * {@code build.finished}: a build the platform triggered reached its end. The envelope's actor is the person who
 * triggered it.
 *
 * @param buildType {@code TEST_DEPLOY} or {@code PACKAGE}
 * @param result {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE}, {@code ABORTED}, {@code NOT_BUILT} or
 *     {@code LOST}
 * @param environmentId the internal test environment of a test deployment, null for a package
 * @param items the release's component versions that were built or deployed
 * @param result also {@code BUNDLE_FAILED}: Jenkins built the package but the platform could not keep it (issue 17)
 * @param customerName a delta bundle's customer (its {@code environmentId}/{@code environmentName} is the customer's
 *     environment the upgrade plan is for); null otherwise
 * @param plan a delta bundle: the link of the upgrade plan it was built for (a platform path); null otherwise
 * @param releases a delta bundle: the release records the plan applies, in order ({@code releaseId} is null then
 *     and {@code releaseNumber} names the bundle); empty otherwise
 * @param manifestPath where the stored bundle's manifest is ({@code /api/builds/{id}/manifest}); null when the
 *     platform keeps no bundle of the build
 */
public record BuildFinished(int schemaVersion, UUID buildId, String buildType, String result, String reason,
        UUID releaseId, String releaseNumber, String releaseTitle, UUID environmentId, String environmentName,
        Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items, List<Artifact> artifacts,
        String customerName, String plan, List<PlanRelease> releases, String manifestPath) {

    public static final int SCHEMA_VERSION = 1;

    /** The fields of a build of one release record (no plan, no stored bundle). */
    public BuildFinished(int schemaVersion, UUID buildId, String buildType, String result, String reason,
            UUID releaseId, String releaseNumber, String releaseTitle, UUID environmentId, String environmentName,
            Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items, List<Artifact> artifacts) {
        this(schemaVersion, buildId, buildType, result, reason, releaseId, releaseNumber, releaseTitle, environmentId,
                environmentName, jenkinsBuildNumber, jenkinsUrl, items, artifacts, null, null, List.of(), null);
    }

    /** A release record an upgrade plan's delta bundle applies. */
    public record PlanRelease(UUID releaseId, String releaseNumber) {
    }

    /** A file the build produced, downloadable through build-service. */
    public record Artifact(String fileName, String relativePath, Long size, String sha256, String downloadPath) {
    }
}
