package io.inetpublish.release.customer;

import io.inetpublish.common.people.PersonRef;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A component of customer-service's catalog. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ComponentInfo(String name, String description, String mainlineVersion, Instant mainlineSetAt,
        PersonRef mainlineSetBy) {
}
