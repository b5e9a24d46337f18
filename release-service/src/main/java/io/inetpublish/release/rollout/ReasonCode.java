package io.inetpublish.release.rollout;

/** Why a target is SKIPPED or FAILED, or how it got DEPLOYED without a recorded deployment. */
public enum ReasonCode {
    /** A person skipped it or marked it failed, in their words ({@code reason}). */
    BY_HAND,
    /** Its update schedule was cancelled ({@code reason}: the cancel reason). */
    SCHEDULE_CANCELLED,
    /** Its update schedule was marked done by hand (done outside the platform). */
    SCHEDULE_DONE,
    /** The customer was archived. */
    CUSTOMER_ARCHIVED,
    /** The release record was withdrawn. */
    RELEASE_WITHDRAWN,
    /** A rollback of the record was recorded there. */
    ROLLED_BACK
}
