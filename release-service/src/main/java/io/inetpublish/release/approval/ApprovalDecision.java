package io.inetpublish.release.approval;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an approver decides, in the web app ({@code POST /api/approvals/{id}/decision}) or with the 批准/拒绝 buttons
 * of the Feishu card (their {@code value.decision}), and the status it gives the request. A rejection says why.
 */
public enum ApprovalDecision {
    APPROVE(ApprovalStatus.APPROVED), REJECT(ApprovalStatus.REJECTED);

    private final ApprovalStatus status;

    ApprovalDecision(ApprovalStatus status) {
        this.status = status;
    }

    /** The status of a request this decision decides. */
    public ApprovalStatus status() {
        return status;
    }

    /** Whether this decision needs a reason. */
    public boolean needsReason() {
        return this == REJECT;
    }

    /** The decision of this name (as a Feishu card's button sends it); empty for anything else. */
    static Optional<ApprovalDecision> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
