package io.inetpublish.auth.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.auth.config.AuthProperties;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access tokens that are still within their lifetime but should no longer work, for the gateway to refuse: those of
 * login sessions ended recently (logout, a reused refresh token), those of revoked integration tokens (their
 * {@code sid} is the integration token's id) and those issued before a person's role changed. Only the last access-token lifetime matters, plus two minutes: the gateway
 * accepts a token up to a minute past its expiry (clock leeway) and clocks may differ. Every token issued before
 * that has expired anyway, so the list stays short.
 */
@Component
@RequiredArgsConstructor
public class Revocations {

    static final Duration CLOCK_LEEWAY = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    /** Every token of this session is refused. */
    public record EndedSession(UUID sid, Instant revokedAt) {
    }

    /**
     * This person's role changed to {@code role} at {@code changedAt}: their tokens issued before are refused. A token
     * issued in the same second (tokens carry whole seconds) is refused only when it carries another role.
     */
    public record ChangedUser(UUID uid, String role, Instant changedAt) {
    }

    public record Recent(Instant asOf, Duration window, List<EndedSession> sessions, List<ChangedUser> users) {
    }

    @Transactional(readOnly = true)
    public Recent recent() {
        Instant now = clock.instant();
        Duration window = properties.accessTokenTtl().plus(CLOCK_LEEWAY);
        Timestamp since = Timestamp.from(now.minus(window));
        List<EndedSession> sessions = jdbc.sql("""
                        select id, revoked_at from refresh_family where revoked_at >= :since
                        union all
                        select id, revoked_at from integration_token where revoked_at >= :since
                        order by revoked_at""")
                .param("since", since)
                .query((rs, row) -> new EndedSession(rs.getObject("id", UUID.class),
                        rs.getTimestamp("revoked_at").toInstant()))
                .list();
        List<ChangedUser> users = jdbc.sql("""
                        select c.user_id, u.role, max(c.changed_at) as changed_at
                        from role_change c join platform_user u on u.id = c.user_id
                        where c.changed_at >= :since group by c.user_id, u.role order by 3""")
                .param("since", since)
                .query((rs, row) -> new ChangedUser(rs.getObject("user_id", UUID.class), rs.getString("role"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
        return new Recent(now, window, sessions, users);
    }
}
