package io.inetpublish.release.customer;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The version of one component currently installed in an environment, and the release that set it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentComponent(String component, String version, UUID releaseId, String releaseNumber) {
}
