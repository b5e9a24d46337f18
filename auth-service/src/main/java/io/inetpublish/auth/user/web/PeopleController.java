package io.inetpublish.auth.user.web;

import java.util.List;

import io.inetpublish.auth.user.People;
import io.inetpublish.auth.user.PlatformUser;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * People as the rest of the platform names them (id = Feishu open_id, shown by name). Any logged-in person may search
 * them (the person pickers) and look one up (services checking an owner id with the caller's token); an ADMIN adds
 * someone by e-mail. {@code /internal/people/resolve} matches free text for the owner migrations of other services;
 * it is outside {@code /api}, so the gateway never routes it.
 */
@Tag(name = "People",
        description = "The platform's people as other resources name them (id = Feishu open_id): search, look up, "
                + "add by e-mail.")
@RestController
@RequiredArgsConstructor
class PeopleController {

    private final People people;

    record PersonView(String id, String name, String email, boolean loggedIn) {

        static PersonView of(PlatformUser user) {
            return new PersonView(user.getOpenId(), user.getName(), user.getEmail(), user.getLastLoginAt() != null);
        }
    }

    record AddRequest(@NotNull @Size(max = 320) String email) {
    }

    record ResolveRequest(@NotNull @Size(max = 500) List<@Size(max = 500) String> values) {
    }

    @Operation(summary = "Search people by name or e-mail", description = "For the person pickers.")
    @GetMapping("/api/auth/people")
    List<PersonView> search(@RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "20") int size) {
        return people.search(q, size).stream().map(PersonView::of).toList();
    }

    @Operation(summary = "Look up a person")
    @GetMapping("/api/auth/people/{id}")
    PersonView get(@PathVariable String id) {
        return people.byOpenId(id).map(PersonView::of).orElseThrow(() -> new NotFoundException("person", id));
    }

    @Operation(summary = "Add a person by e-mail", description = "Admin. Asks Feishu's contact API for the person.")
    @PostMapping("/api/auth/people")
    ResponseEntity<PersonView> add(@Valid @RequestBody AddRequest request, @AuthenticationPrincipal Jwt jwt) {
        People.Added added = people.addByEmail(request.email(),
                new Actor(jwt.getSubject(), jwt.getClaimAsString("name")));
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(PersonView.of(added.user()));
    }

    record ApproversRequest(@Size(max = 10) List<@Size(max = 20) String> roles,
            @Size(max = 200) List<@Size(max = 200) String> ids) {
    }

    record ApproverView(String id, String name, String role) {
    }

    /** Who may approve under a policy (release-service): enabled people with one of the roles or one of the ids. */
    @PostMapping("/internal/people/approvers")
    List<ApproverView> approvers(@Valid @RequestBody ApproversRequest request) {
        return people.approvers(request.roles(), request.ids()).stream()
                .map(u -> new ApproverView(u.getOpenId(), u.getName(), u.getRole().name())).toList();
    }

    @PostMapping("/internal/people/resolve")
    List<People.Resolution> resolve(@Valid @RequestBody ResolveRequest request) {
        return request.values().stream().map(people::resolve).toList();
    }
}
