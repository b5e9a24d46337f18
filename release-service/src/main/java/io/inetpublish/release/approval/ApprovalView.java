package io.inetpublish.release.approval;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.inetpublish.common.people.PersonRef;

/**
 * One approval request as the API answers it. {@code outdated}: approved for content the record no longer has (its
 * component versions changed since), so it no longer counts; {@code canDecide}: the person asking may decide it now.
 */
public record ApprovalView(UUID id, UUID releaseId, String releaseNumber, String releaseTitle, UUID environmentId,
        String environmentName, UUID customerId, String customerName, List<String> reasons, ApprovalStatus status,
        String note, PersonRef requestedBy, Instant requestedAt, PersonRef decidedBy, Instant decidedAt,
        String decisionReason, String decidedVia, @JsonIgnore String contentHash, @JsonIgnore String currentHash,
        boolean outdated, boolean canDecide) {

    boolean outdatedFor(String hash) {
        return hash != null && !hash.equals(contentHash);
    }

    ApprovalView withContext(String current, boolean mayDecide) {
        return new ApprovalView(id, releaseId, releaseNumber, releaseTitle, environmentId, environmentName,
                customerId, customerName, reasons, status, note, requestedBy, requestedAt, decidedBy, decidedAt,
                decisionReason, decidedVia, contentHash, current,
                status == ApprovalStatus.APPROVED && outdatedFor(current), mayDecide);
    }
}
