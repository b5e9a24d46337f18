package io.inetpublish.auth.token;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.auth.config.AuthProperties;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotating refresh tokens: random, stored only as a SHA-256 hash, each belonging to a family (one login). Every
 * refresh replaces the token; presenting a token that was already replaced means it leaked, so the whole family is
 * revoked and whoever holds any of its tokens must log in again. Except within a few seconds of the rotation
 * ({@code AUTH_REFRESH_REUSE_GRACE}): two tabs of one browser refreshing at once send the same cookie, and the
 * second gets another token of the same family instead of ending the session. A family lives at most
 * {@code AUTH_SESSION_MAX_LIFETIME} from the login, however often it is refreshed, and not at all once its person
 * is disabled.
 */
@Component
@Slf4j
@RequiredArgsConstructor
public class RefreshTokens {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A refresh token handed to the browser: the raw value (never stored) and its family. */
    public record Issued(String token, UUID familyId, UUID userId, Instant expiresAt) {
    }

    /** Starts a new family at login. */
    @Transactional
    public Issued startFamily(UUID userId) {
        UUID familyId = UUID.randomUUID();
        jdbc.sql("insert into refresh_family (id, user_id, created_at) values (:id, :userId, :now)")
                .param("id", familyId).param("userId", userId).param("now", Timestamp.from(clock.instant()))
                .update();
        return issue(familyId, userId, clock.instant());
    }

    private record Found(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant rotatedAt,
            Instant familyRevokedAt, Instant familyCreatedAt, boolean userDisabled) {
    }

    /**
     * Replaces a valid token with a new one of the same family; empty when the token is unknown, expired, revoked
     * or already rotated (the last case revokes the family, and that revocation is committed).
     */
    @Transactional(noRollbackFor = RuntimeException.class)
    public Optional<Issued> rotate(String token) {
        Instant now = clock.instant();
        Found found = jdbc.sql("""
                select t.id, t.family_id, f.user_id, t.expires_at, t.rotated_at, f.revoked_at,
                       f.created_at as family_created_at, u.disabled_at is not null as user_disabled
                from refresh_token t join refresh_family f on f.id = t.family_id
                join platform_user u on u.id = f.user_id
                where t.token_hash = :hash
                for update of t, f""")
                .param("hash", StoredHash.of(token))
                .query((rs, i) -> new Found(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
                        instant(rs.getTimestamp("rotated_at")), instant(rs.getTimestamp("revoked_at")),
                        rs.getTimestamp("family_created_at").toInstant(), rs.getBoolean("user_disabled")))
                .optional().orElse(null);
        if (found == null || found.familyRevokedAt() != null) {
            return Optional.empty();
        }
        if (found.userDisabled()) {
            revokeFamily(found.familyId(), "DISABLED");
            return Optional.empty();
        }
        if (!found.familyCreatedAt().plus(properties.sessionMaxLifetime()).isAfter(now)) {
            revokeFamily(found.familyId(), "MAX_LIFETIME");
            return Optional.empty();
        }
        if (found.rotatedAt() != null) {
            if (!found.rotatedAt().plus(properties.refreshReuseGrace()).isBefore(now)) {
                log.info("Refresh token of family {} presented again {} ms after its rotation (another tab); "
                        + "issuing another token of the family", found.familyId(),
                        java.time.Duration.between(found.rotatedAt(), now).toMillis());
                return Optional.of(issue(found.familyId(), found.userId(), found.familyCreatedAt()));
            }
            log.warn("Refresh token of family {} (user {}) was presented again after rotation; revoking the family",
                    found.familyId(), found.userId());
            revokeFamily(found.familyId(), "REUSE");
            return Optional.empty();
        }
        if (!found.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        jdbc.sql("update refresh_token set rotated_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", found.id()).update();
        return Optional.of(issue(found.familyId(), found.userId(), found.familyCreatedAt()));
    }

    /** Ends every login session of this person (disabled by an admin); returns how many were still open. */
    @Transactional
    public int revokeAllOf(UUID userId, String reason) {
        return jdbc.sql("""
                update refresh_family set revoked_at = :now, revoked_reason = :reason
                where user_id = :userId and revoked_at is null""")
                .param("now", Timestamp.from(clock.instant())).param("reason", reason).param("userId", userId)
                .update();
    }

    /** Ends a login session (logout, reuse): no token of the family refreshes any more. */
    @Transactional
    public void revokeFamily(UUID familyId, String reason) {
        jdbc.sql("update refresh_family set revoked_at = :now, revoked_reason = :reason where id = :id and revoked_at is null")
                .param("now", Timestamp.from(clock.instant())).param("reason", reason).param("id", familyId)
                .update();
    }

    @Transactional(readOnly = true)
    public boolean isRevoked(UUID familyId) {
        return jdbc.sql("select revoked_at is not null from refresh_family where id = :id").param("id", familyId)
                .query(Boolean.class).optional().orElse(true);
    }

    private Issued issue(UUID familyId, UUID userId, Instant familyCreatedAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.refreshTokenTtl());
        Instant sessionEnds = familyCreatedAt.plus(properties.sessionMaxLifetime());
        if (sessionEnds.isBefore(expiresAt)) {
            expiresAt = sessionEnds;
        }
        jdbc.sql("""
                insert into refresh_token (id, family_id, token_hash, issued_at, expires_at)
                values (:id, :familyId, :hash, :now, :expiresAt)""")
                .param("id", UUID.randomUUID()).param("familyId", familyId).param("hash", StoredHash.of(token))
                .param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt))
                .update();
        return new Issued(token, familyId, userId, expiresAt);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
