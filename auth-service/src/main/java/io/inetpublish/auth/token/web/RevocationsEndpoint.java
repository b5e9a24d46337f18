package io.inetpublish.auth.token.web;

import io.inetpublish.auth.token.Revocations;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * For the gateway, which refuses the access tokens listed here ({@link Revocations}): {@code GET
 * /actuator/revocations} on auth-service's management port only (never published, never routed, open there like
 * health), so nothing outside the platform's network reaches it. It lists session and user ids and times, nothing
 * that grants access.
 */
@Component
@Endpoint(id = "revocations")
@RequiredArgsConstructor
class RevocationsEndpoint {

    private final Revocations revocations;

    @ReadOperation
    Revocations.Recent recent() {
        return revocations.recent();
    }
}
