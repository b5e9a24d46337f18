package io.inetpublish.common.security;

import io.inetpublish.common.event.Actor;

/**
 * The person on whose behalf the current request runs; every change and every event records it as its operator.
 * Services ask this bean and never read identity from request headers a client could forge. It comes from the
 * validated access token: {@code Actor(sub = Feishu open_id, name)}. Outside a request (event consumers, scheduled
 * jobs) it answers {@link #SYSTEM}; consumers pass the event's own actor on explicitly instead.
 */
public interface CurrentActor {

    /** Who acts when no person does (no authenticated request on this thread). */
    Actor SYSTEM = new Actor("system", "system");

    Actor get();

    /** True when the authenticated person has one of these roles (false outside a request). */
    default boolean hasAnyRole(Role... roles) {
        return false;
    }
}
