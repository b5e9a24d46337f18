package io.inetpublish.release.rollout;

/**
 * Where one target of a rollout stands. PLANNED until a customer deployment of the record is recorded there
 * (DEPLOYED) and customer-service has applied its versions (SYNCED); SKIPPED (a person's reason, its schedule
 * cancelled, the customer archived, the record withdrawn) or FAILED (a person's reason, or the record rolled back
 * there). The approval states (h3's approvals) are read beside it, not stored here.
 */
public enum RolloutState {
    PLANNED, DEPLOYED, SYNCED, SKIPPED, FAILED
}
