package io.inetpublish.auth.user.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.auth.user.PlatformUser;
import io.inetpublish.auth.user.RoleChange;
import io.inetpublish.auth.user.UserDirectory;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.web.PageResponse;
import io.inetpublish.common.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import lombok.RequiredArgsConstructor;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "People and roles",
        description = "Who is logged in; the platform's people with their roles (admin: change a role, disable or "
                + "enable someone).")
@RestController
@RequestMapping("/api/auth")
@RequiredArgsConstructor
class UserController {

    private final UserDirectory directory;

    record UserView(UUID id, String openId, String name, String enName, String avatarUrl, String email, Role role,
            Instant createdAt, Instant lastLoginAt, boolean disabled, Instant disabledAt) {

        static UserView of(PlatformUser user) {
            return new UserView(user.getId(), user.getOpenId(), user.getName(), user.getEnName(),
                    user.getAvatarUrl(), user.getEmail(), user.getRole(), user.getCreatedAt(),
                    user.getLastLoginAt(), user.isDisabled(), user.getDisabledAt());
        }
    }

    record RoleRequest(@NotNull Role role) {
    }

    record DisabledRequest(@NotNull Boolean disabled) {
    }

    /** Who is logged in (from the access token, with the profile as stored). */
    @Operation(summary = "Who is logged in",
            description = "The person of the access token, with the profile as stored.")
    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal Jwt jwt) {
        return UserView.of(directory.getByOpenId(jwt.getSubject()));
    }

    @Operation(summary = "List people with their roles")
    @GetMapping("/users")
    PageResponse<UserView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(directory.list(Paging.request(page, size, 200, Sort.by("name", "id"))),
                UserView::of);
    }

    @Operation(summary = "Change a person's role",
            description = "Admin. Their access tokens issued before are refused within seconds; the web app renews "
                    + "its token.")
    @PutMapping("/users/{id}/role")
    UserView changeRole(@PathVariable UUID id, @Valid @RequestBody RoleRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        Actor admin = new Actor(jwt.getSubject(), jwt.getClaimAsString("name"));
        return UserView.of(directory.changeRole(id, request.role(), admin));
    }

    /** ADMIN: disables a person (their sessions end at once) or enables them again. */
    @Operation(summary = "Disable or enable a person",
            description = "Admin. Disabling ends every session of theirs at once; nobody disables themselves, the "
                    + "last enabled admin stays enabled.")
    @PutMapping("/users/{id}/disabled")
    UserView setDisabled(@PathVariable UUID id, @Valid @RequestBody DisabledRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        Actor admin = new Actor(jwt.getSubject(), jwt.getClaimAsString("name"));
        return UserView.of(directory.setDisabled(id, request.disabled(), admin));
    }

    @Operation(summary = "A person's role changes, newest first")
    @GetMapping("/users/{id}/role-changes")
    List<RoleChange> roleChanges(@PathVariable UUID id) {
        directory.get(id);
        return directory.roleChanges(id);
    }
}
