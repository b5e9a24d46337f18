package io.inetpublish.notify.settings;

import java.util.List;

import io.inetpublish.common.event.EventTypes;

/** The event types notify-service turns into messages, and so the ones a group bot can subscribe to. */
public final class NotifiableEvents {

    public static final List<String> TYPES = List.of(EventTypes.BUILD_FINISHED, EventTypes.RELEASE_SUBMITTED,
            EventTypes.ENVIRONMENT_VERSIONS_SYNCED, EventTypes.SCHEDULE_DUE);

    private NotifiableEvents() {
    }
}
