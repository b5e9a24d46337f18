package io.inetpublish.release.customer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A component of customer-service's catalog. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ComponentInfo(String name, String description, String mainlineVersion, Instant mainlineSetAt,
        String mainlineSetBy) {
}
