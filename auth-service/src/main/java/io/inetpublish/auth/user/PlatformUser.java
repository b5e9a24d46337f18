package io.inetpublish.auth.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import io.inetpublish.common.security.Role;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A person known to the platform through Feishu. */
@Entity
@Table(name = "platform_user")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class PlatformUser {

    @Id
    private UUID id;

    @Column(name = "open_id", nullable = false, unique = true)
    private String openId;

    @Column(name = "union_id")
    private String unionId;

    @Column(nullable = false)
    private String name;

    @Column(name = "en_name")
    private String enName;

    @Column(name = "avatar_url")
    private String avatarUrl;

    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** Set while an admin has disabled the person: no login, no refresh. */
    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_by")
    private String disabledBy;

    @Column(name = "disabled_by_name")
    private String disabledByName;

    @Version
    private long version;

    public PlatformUser(String openId, String name, Role role, Instant now) {
        this.id = UUID.randomUUID();
        this.openId = openId;
        this.name = name;
        this.role = role;
        this.createdAt = now;
    }

    /** Someone an admin added (or the owner migration found) before their first login: known to Feishu's contacts. */
    public static PlatformUser notLoggedInYet(String openId, String name, String email, Role role, Instant now) {
        PlatformUser user = new PlatformUser(openId, name, role, now);
        user.email = email;
        return user;
    }

    /** Takes over what Feishu says about the person at a login. */
    void updateProfile(String unionId, String name, String enName, String avatarUrl, String email, Instant loginAt) {
        this.unionId = unionId;
        this.name = name;
        this.enName = enName;
        this.avatarUrl = avatarUrl;
        this.email = email;
        this.lastLoginAt = loginAt;
    }

    void changeRole(Role role) {
        this.role = role;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    void disable(Instant at, String byId, String byName) {
        this.disabledAt = at;
        this.disabledBy = byId;
        this.disabledByName = byName;
    }

    void enable() {
        this.disabledAt = null;
        this.disabledBy = null;
        this.disabledByName = null;
    }
}
