package io.inetpublish.auth.token.web;

import io.inetpublish.auth.token.Revocations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the gateway, which refuses the access tokens listed here ({@link Revocations}). Outside {@code /api}, so the
 * gateway never routes it: only what runs inside the platform's network reaches it. It lists session and user ids
 * and times, nothing that grants access.
 */
@RestController
class RevocationController {

    private final Revocations revocations;

    RevocationController(Revocations revocations) {
        this.revocations = revocations;
    }

    @GetMapping("/internal/revocations")
    Revocations.Recent recent() {
        return revocations.recent();
    }
}
