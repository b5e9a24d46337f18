package io.inetpublish.common.event;

import java.util.UUID;

/** {@code build.started}: Jenkins started a build the platform triggered. */
public record BuildStarted(int schemaVersion, UUID buildId, String buildType, UUID releaseId, String releaseNumber,
        UUID environmentId, Integer jenkinsBuildNumber, String jenkinsUrl) {

    public static final int SCHEMA_VERSION = 1;
}
