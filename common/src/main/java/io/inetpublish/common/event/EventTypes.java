package io.inetpublish.common.event;

/** Routing keys on the {@code inetpublish.events} topic exchange; one per event type. */
public final class EventTypes {

    public static final String EXCHANGE = "inetpublish.events";

    public static final String RELEASE_SUBMITTED = "release.submitted";
    public static final String RELEASE_DEPLOYED = "release.deployed";
    public static final String SCHEDULE_DUE = "schedule.due";
    public static final String BUILD_STARTED = "build.started";
    public static final String BUILD_FINISHED = "build.finished";
    public static final String ENVIRONMENT_VERSIONS_SYNCED = "environment.versions-synced";

    private EventTypes() {
    }
}
