package io.inetpublish.auth.user;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.security.Role;

/** One entry of the role-change log: who changed whose role, from what to what, when. */
public record RoleChange(UUID id, UUID userId, Role oldRole, Role newRole, PersonRef changedBy, Instant changedAt) {
}
