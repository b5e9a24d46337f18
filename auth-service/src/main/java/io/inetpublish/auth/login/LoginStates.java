package io.inetpublish.auth.login;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.inetpublish.auth.config.AuthProperties;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Logins in progress, kept server-side: state (hashed), PKCE verifier and where to go after; single use. */
@Component
@RequiredArgsConstructor
public class LoginStates {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    record Pending(String codeVerifier, String returnTo, Instant expiresAt) {
    }

    @Transactional
    void save(String stateHash, String codeVerifier, String returnTo) {
        Instant now = clock.instant();
        jdbc.sql("delete from login_state where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(properties.loginStateTtl()))).update();
        jdbc.sql("""
                insert into login_state (state_hash, code_verifier, return_to, created_at, expires_at)
                values (:hash, :verifier, :returnTo, :now, :expiresAt)""")
                .param("hash", stateHash).param("verifier", codeVerifier).param("returnTo", returnTo)
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(now.plus(properties.loginStateTtl())))
                .update();
    }

    /** Takes the pending login out (it works once); empty when unknown, already used or expired. */
    @Transactional
    Optional<Pending> consume(String stateHash) {
        return jdbc.sql("delete from login_state where state_hash = :hash returning code_verifier, return_to, expires_at")
                .param("hash", stateHash)
                .query((rs, i) -> new Pending(rs.getString("code_verifier"), rs.getString("return_to"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(pending -> pending.expiresAt().isAfter(clock.instant()));
    }
}
