package io.inetpublish.common.event;

import java.util.List;
import java.util.UUID;

/**
 * {@code build.started}: Jenkins started a build the platform triggered.
 *
 * @param items the release's component versions being built (absent in events from before they were added)
 */
public record BuildStarted(int schemaVersion, UUID buildId, String buildType, UUID releaseId, String releaseNumber,
        UUID environmentId, Integer jenkinsBuildNumber, String jenkinsUrl, List<ComponentVersion> items) {

    public static final int SCHEMA_VERSION = 1;
}
