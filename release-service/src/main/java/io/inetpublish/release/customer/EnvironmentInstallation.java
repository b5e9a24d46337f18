package io.inetpublish.release.customer;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** customer-service's {@code GET /api/versions/installed}: an environment, its components and their mainlines. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentInstallation(Environment environment, List<Component> components) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Environment(UUID id, String name, String type, UUID customerId, String customerName) {
    }

    /** {@code mainlineVersion} null when the catalog has none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Component(String component, String version, String mainlineVersion, UUID releaseId,
            String releaseNumber) {
    }
}
