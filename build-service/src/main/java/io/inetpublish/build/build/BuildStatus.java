package io.inetpublish.build.build;

/**
 * Where a build is in its life. {@link #UNCONFIRMED}: the trigger was sent but its answer was lost; the follower
 * looks for the build in the job instead of sending the trigger again.
 */
public enum BuildStatus {
    TRIGGERING, UNCONFIRMED, QUEUED, RUNNING, FINISHED;

    public boolean followed() {
        return this == UNCONFIRMED || this == QUEUED || this == RUNNING;
    }
}
