package io.inetpublish.common.security;

import io.inetpublish.common.event.Actor;

/**
 * The person on whose behalf the current request runs; every change and every event records it as its operator.
 * Services ask this bean and never read identity from request headers a client could forge.
 */
public interface CurrentActor {

    Actor get();
}
