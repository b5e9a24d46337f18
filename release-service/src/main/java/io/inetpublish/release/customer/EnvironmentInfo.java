package io.inetpublish.release.customer;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.inetpublish.common.people.PersonRef;

/**
 * One customer environment as customer-service describes it: {@code customerOwner} is the owner's name,
 * {@code customerOwnerId} their platform id (null while the owner is unmatched free text).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvironmentInfo(UUID id, UUID customerId, String customerName, PersonRef customerOwner, String name,
        String type, boolean internalTest, String jenkinsTarget, String notes, Long version, List<String> customerTags,
        Boolean customerArchived) {

    /** The owner's platform id; null while the owner is unmatched free text (or there is none). */
    public String customerOwnerId() {
        return customerOwner == null ? null : customerOwner.id();
    }

    /** Whether the customer is archived (an older customer-service does not say: not archived). */
    public boolean archived() {
        return Boolean.TRUE.equals(customerArchived);
    }

    public String customerOwnerName() {
        return customerOwner == null ? null : customerOwner.name();
    }
}
