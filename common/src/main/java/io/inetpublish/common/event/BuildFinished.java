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
 */
public record BuildFinished(int schemaVersion, UUID buildId, String buildType, String result, String reason,
        UUID releaseId, String releaseNumber, String releaseTitle, UUID environmentId, String environmentName,
        Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items, List<Artifact> artifacts) {

    public static final int SCHEMA_VERSION = 1;

    /** A file the build produced, downloadable through build-service. */
    public record Artifact(String fileName, String relativePath, Long size, String sha256, String downloadPath) {
    }
}
