package io.inetpublish.common.event;

import java.util.List;
import java.util.UUID;

/** {@code release.submitted}: a release record was submitted. */
public record ReleaseSubmitted(int schemaVersion, UUID releaseId, String releaseNumber, String title,
        String updateType, boolean configChange, List<ComponentVersion> items) {

    public static final int SCHEMA_VERSION = 1;
}
