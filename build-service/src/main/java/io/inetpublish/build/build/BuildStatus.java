package io.inetpublish.build.build;

/**
 * Where a build is in its life. {@link #UNCONFIRMED}: the trigger was sent but its answer was lost; the follower
 * looks for the build in the job instead of sending the trigger again. {@link #STORING}: Jenkins finished a package
 * and the platform is copying it into its own storage (retried while Jenkins or the store fail); it is FINISHED once
 * the bundle is stored or given up.
 */
public enum BuildStatus {
    TRIGGERING, UNCONFIRMED, QUEUED, RUNNING, STORING, FINISHED;

    public boolean followed() {
        return this == UNCONFIRMED || this == QUEUED || this == RUNNING || this == STORING;
    }
}
