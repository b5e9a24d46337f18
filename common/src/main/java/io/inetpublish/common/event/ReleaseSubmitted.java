package io.inetpublish.common.event;

import java.util.List;
import java.util.UUID;

/**
 * {@code release.submitted}: a release record was submitted.
 *
 * @param updateType null when the producer sent a type this version does not know
 */
public record ReleaseSubmitted(int schemaVersion, UUID releaseId, String releaseNumber, String title,
        UpdateType updateType, boolean configChange, List<ComponentVersion> items) {

    public static final int SCHEMA_VERSION = 1;
}
