package io.inetpublish.release.approval;

/**
 * Where an approval request stands (the {@code status} column of {@code approval_request}, stored by name; the
 * API, the events and Feishu's cards carry the same names). A request is decided once: only a {@link #REQUESTED} one
 * takes a decision ({@link ApprovalDecision#status()}), and it stays as decided.
 */
public enum ApprovalStatus {
    REQUESTED, APPROVED, REJECTED;

    /** Whether a decision can still be made. */
    public boolean open() {
        return this == REQUESTED;
    }

    /** The stored name as this type; null for none (a left join without a request). */
    public static ApprovalStatus of(String stored) {
        return stored == null ? null : valueOf(stored);
    }
}
