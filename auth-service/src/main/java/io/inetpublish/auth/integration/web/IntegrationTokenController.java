package io.inetpublish.auth.integration.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.auth.integration.IntegrationTokens;
import io.inetpublish.auth.integration.IntegrationTokens.Token;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.security.IntegrationScope;
import io.inetpublish.common.web.FieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Integration tokens in 集成设置 (ADMIN): list, create (the secret is in this one answer only), revoke. */
@Tag(name = "Integration tokens",
        description = "Tokens for machines such as a CI (admin): named, scoped, revocable; exchanged at POST "
                + "/api/auth/token.")
@RestController
@RequestMapping("/api/auth/integration-tokens")
@RequiredArgsConstructor
class IntegrationTokenController {

    private final IntegrationTokens tokens;
    private final CurrentActor currentActor;

    record CreateRequest(@NotBlank @Size(max = 100) String name, @NotEmpty @Size(max = 10) List<String> scopes) {
    }

    record ScopeView(String value) {
    }

    /** A token as listed: never its secret. */
    record TokenView(UUID id, String name, String clientId, List<String> scopes, Instant createdAt,
            PersonRef createdBy, Instant lastUsedAt, boolean revoked, Instant revokedAt, PersonRef revokedBy) {

        /** Who created and revoked it were recorded by name only. */
        static TokenView of(Token t) {
            return new TokenView(t.id(), t.name(), t.clientId(), t.scopes(), t.createdAt(),
                    PersonRef.of(t.createdById(), t.createdBy()), t.lastUsedAt(), t.revoked(), t.revokedAt(),
                    PersonRef.of(t.revokedById(), t.revokedBy()));
        }
    }

    /** The answer to a creation: the token and, this once, its secret. */
    record CreatedView(TokenView token, String clientId, String clientSecret) {
    }

    @Operation(summary = "List integration tokens", description = "Admin. Secrets are never shown again.")
    @GetMapping
    List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    /** The scopes a token can be given. */
    @Operation(summary = "The scopes a token can be given")
    @GetMapping("/scopes")
    List<String> scopes() {
        return java.util.Arrays.stream(IntegrationScope.values()).map(IntegrationScope::value).toList();
    }

    @Operation(summary = "Create an integration token",
            description = "Admin. The secret is in this answer only (stored as a SHA-256 hash).")
    @PostMapping
    ResponseEntity<CreatedView> create(@Valid @RequestBody CreateRequest request) {
        List<String> scopes = request.scopes().stream().map(s -> s == null ? "" : s.strip()).distinct().toList();
        for (String scope : scopes) {
            if (IntegrationScope.of(scope).isEmpty()) {
                throw new FieldException("scopes", "token.unknown-scope", scope, String.join(", ", scopes()));
            }
        }
        IntegrationTokens.Created created = tokens.create(request.name().strip(), scopes, currentActor.get());
        return ResponseEntity.created(URI.create("/api/auth/integration-tokens/" + created.token().id()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedView(TokenView.of(created.token()), created.token().clientId(),
                        created.clientSecret()));
    }

    @Operation(summary = "Revoke an integration token",
            description = "Admin. Further exchanges are refused; its live access tokens are refused within seconds.")
    @PostMapping("/{id}/revoke")
    TokenView revoke(@PathVariable UUID id) {
        return TokenView.of(tokens.revoke(id, currentActor.get()));
    }
}
