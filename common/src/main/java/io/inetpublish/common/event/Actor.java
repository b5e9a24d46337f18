package io.inetpublish.common.event;

/**
 * Who caused an event: the platform user's id and display name, or {@link #system()} for the platform itself.
 */
public record Actor(String userId, String name) {

    public static Actor system() {
        return new Actor("system", "iNetPublish");
    }
}
