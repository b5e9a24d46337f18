package io.inetpublish.release.customer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.inetpublish.common.people.PersonRef;

/** One entry of an environment component's history (newest first); {@code from} is null for a first install. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionChange(String from, String to, String source, UUID releaseId, String releaseNumber,
        UUID deploymentId, PersonRef actor, Instant at) {
}
