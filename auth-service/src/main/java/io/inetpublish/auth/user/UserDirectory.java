package io.inetpublish.auth.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.auth.config.AuthProperties;
import io.inetpublish.auth.token.RefreshTokens;
import io.inetpublish.common.people.PersonRef;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.NotFoundException;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The platform's users: created or updated at each Feishu login, roles changed by admins (and logged). */
@Service
@RequiredArgsConstructor
@Slf4j
public class UserDirectory {

    /** Who the platform itself is when it changes a role (configured admins). */
    static final Actor CONFIGURATION = new Actor("system", "configuration (INETPUBLISH_ADMINS)");

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;
    private final Outbox outbox;

    /** What Feishu's user_info told us about the person who just logged in. */
    public record FeishuProfile(String openId, String unionId, String name, String enName, String avatarUrl,
            String email) {
    }

    /** Creates the user on a first login (default role, or ADMIN when configured), updates the profile otherwise. */
    @Transactional
    public PlatformUser recordLogin(FeishuProfile profile) {
        Instant now = clock.instant();
        String name = profile.name() == null || profile.name().isBlank() ? profile.openId() : profile.name();
        PlatformUser user = users.findByOpenId(profile.openId()).orElse(null);
        if (user == null) {
            Role role = properties.isConfiguredAdmin(profile.openId(), profile.email()) ? Role.ADMIN
                    : properties.defaultRole();
            user = users.save(new PlatformUser(profile.openId(), name, role, now));
            log.info("New user {} ({}) with role {}", user.getOpenId(), name, role);
        }
        user.updateProfile(profile.unionId(), name, profile.enName(), profile.avatarUrl(), profile.email(), now);
        promoteIfConfiguredAdmin(user);
        return user;
    }

    /** Configured admins get ADMIN at start too, when they already have an account. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void applyConfiguredAdmins() {
        if (properties.admins().isEmpty()) {
            return;
        }
        users.findAll().forEach(this::promoteIfConfiguredAdmin);
    }

    private void promoteIfConfiguredAdmin(PlatformUser user) {
        if (user.getRole() != Role.ADMIN && properties.isConfiguredAdmin(user.getOpenId(), user.getEmail())) {
            change(user, Role.ADMIN, CONFIGURATION);
        }
    }

    @Transactional(readOnly = true)
    public PlatformUser get(UUID id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** The person with this Feishu open_id (the subject of their access token). */
    @Transactional(readOnly = true)
    public PlatformUser getByOpenId(String openId) {
        return users.findByOpenId(openId).orElseThrow(() -> new NotFoundException("user", openId));
    }

    @Transactional(readOnly = true)
    public Page<PlatformUser> list(Pageable pageable) {
        return users.findAll(pageable);
    }

    /** An admin gives a user another role; the last admin cannot be demoted (nobody could manage users then). */
    @Transactional
    public PlatformUser changeRole(UUID id, Role newRole, Actor changedBy) {
        PlatformUser user = users.findForUpdate(id).orElseThrow(() -> new NotFoundException("user", id));
        if (user.getRole() == newRole) {
            return user;
        }
        if (user.getRole() == Role.ADMIN && !user.isDisabled() && users.countByRoleAndDisabledAtIsNull(Role.ADMIN) <= 1) {
            throw new ConflictException("user.last-admin-role");
        }
        change(user, newRole, changedBy);
        return user;
    }

    /**
     * An admin disables a person: every login session of theirs ends now (the gateway refuses their access tokens
     * within seconds, through the revocation list) and they cannot log in until enabled again. Nobody disables
     * themselves, and the last enabled administrator stays enabled.
     */
    @Transactional
    public PlatformUser setDisabled(UUID id, boolean disabled, Actor by) {
        PlatformUser user = users.findForUpdate(id).orElseThrow(() -> new NotFoundException("user", id));
        if (disabled == user.isDisabled()) {
            return user;
        }
        if (disabled) {
            if (user.getOpenId().equals(by.userId())) {
                throw new ConflictException("user.disable-self");
            }
            if (user.getRole() == Role.ADMIN && users.countByRoleAndDisabledAtIsNull(Role.ADMIN) <= 1) {
                throw new ConflictException("user.last-admin-disable");
            }
            user.disable(clock.instant(), by.userId(), by.name());
            int ended = refreshTokens.revokeAllOf(user.getId(), "DISABLED");
            log.info("{} ({}) disabled by {} ({}); {} session(s) ended", user.getOpenId(), user.getName(),
                    by.userId(), by.name(), ended);
            outbox.publish(EventTypes.USER_DISABLED, by, audit(user, Action.USER_DISABLED)
                    .change("disabled", false, true).fact("sessionsEnded", ended).build());
        } else {
            user.enable();
            log.info("{} ({}) enabled again by {} ({})", user.getOpenId(), user.getName(), by.userId(), by.name());
            outbox.publish(EventTypes.USER_ENABLED, by, audit(user, Action.USER_ENABLED)
                    .change("disabled", true, false).build());
        }
        return user;
    }

    private void change(PlatformUser user, Role newRole, Actor changedBy) {
        Role oldRole = user.getRole();
        user.changeRole(newRole);
        jdbc.sql("""
                insert into role_change (id, user_id, old_role, new_role, changed_by, changed_by_name, changed_at)
                values (:id, :userId, :oldRole, :newRole, :changedBy, :changedByName, :changedAt)""")
                .param("id", UUID.randomUUID())
                .param("userId", user.getId())
                .param("oldRole", oldRole.name())
                .param("newRole", newRole.name())
                .param("changedBy", changedBy.userId())
                .param("changedByName", changedBy.name())
                .param("changedAt", java.sql.Timestamp.from(clock.instant()))
                .update();
        log.info("Role of {} ({}) changed from {} to {} by {} ({})", user.getOpenId(), user.getName(), oldRole,
                newRole, changedBy.userId(), changedBy.name());
        outbox.publish(EventTypes.USER_ROLES_CHANGED, changedBy, audit(user, Action.USER_ROLE_CHANGED)
                .change("role", oldRole, newRole).build());
    }

    /** A person as the audit trail names them: their platform id (Feishu open_id) and name. */
    private static AuditEvent.Builder audit(PlatformUser user, Action action) {
        return AuditEvent.builder(AuditEvent.Kind.USER, action).target(user.getOpenId(), user.getName());
    }

    @Transactional(readOnly = true)
    public List<RoleChange> roleChanges(UUID userId) {
        return jdbc.sql("""
                select id, user_id, old_role, new_role, changed_by, changed_by_name, changed_at
                from role_change where user_id = :userId order by changed_at desc""")
                .param("userId", userId)
                .query((rs, i) -> new RoleChange(rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class), Role.valueOf(rs.getString("old_role")),
                        Role.valueOf(rs.getString("new_role")),
                        PersonRef.of(rs.getString("changed_by"), rs.getString("changed_by_name")),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }
}
