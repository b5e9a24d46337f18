package io.inetpublish.release.customer;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One customer environment as customer-service describes it: {@code customerOwner} is the owner's name,
 * {@code customerOwnerId} their platform id (null while the owner is unmatched free text).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentInfo(UUID id, UUID customerId, String customerName, String customerOwner, String name,
        String type, boolean internalTest, String jenkinsTarget, String notes, Long version,
        String customerOwnerId) {
}
