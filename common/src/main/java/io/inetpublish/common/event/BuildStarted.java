package io.inetpublish.common.event;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * {@code build.started}: Jenkins started a build the platform triggered.
 *
 * @param buildType null when the producer sent a type this version does not know
 * @param items the release's component versions being built (absent in events from before they were added)
 */
public record BuildStarted(int schemaVersion, UUID buildId, BuildType buildType, UUID releaseId, String releaseNumber,
        UUID environmentId, Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items) {

    public static final int SCHEMA_VERSION = 1;

    public static BuildStarted of(UUID buildId, BuildType buildType, UUID releaseId, String releaseNumber,
            UUID environmentId, Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items) {
        return new BuildStarted(SCHEMA_VERSION, buildId, buildType, releaseId, releaseNumber, environmentId,
                jenkinsBuildNumber, jenkinsUrl, items);
    }

    /** A test deployment (to {@link #environmentId()}). */
    @JsonIgnore
    public boolean isTestDeployment() {
        return buildType == BuildType.TEST_DEPLOY;
    }
}
