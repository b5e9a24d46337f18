package io.inetpublish.auth.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.auth.token.AccessTokens;
import io.inetpublish.auth.token.AccessTokens.AccessToken;
import io.inetpublish.auth.token.StoredHash;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integration tokens: created by an ADMIN (named, scoped; the secret shown once, stored as a SHA-256 hash — it is 32
 * random bytes, so a plain hash suffices), revocable, with the time of their last use; exchanged (OAuth 2.0 client
 * credentials, RFC 6749 §4.4) for a short access token carrying the scopes.
 */
@Component
@EnableConfigurationProperties(IntegrationProperties.class)
@RequiredArgsConstructor
public class IntegrationTokens {

    static final String CLIENT_ID_PREFIX = "inpc_";
    static final String SECRET_PREFIX = "inps_";

    private final JdbcClient jdbc;
    private final AccessTokens accessTokens;
    private final IntegrationProperties properties;
    private final Clock clock;
    private final Outbox outbox;
    private final SecureRandom random = new SecureRandom();

    /** @param createdById, revokedById the person's id (open_id); null for a token whose person was not known */
    public record Token(UUID id, String name, String clientId, List<String> scopes, Instant createdAt,
            String createdById, String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedById,
            String revokedBy) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new token with its secret, which exists only here: it is shown once. */
    public record Created(Token token, String clientSecret) {
    }

    /** A successful exchange. */
    public record Exchanged(AccessToken accessToken, List<String> scopes) {
    }

    /** Why an exchange failed: the client is unknown, the secret wrong, or the token revoked (all 401). */
    public enum Refusal {
        INVALID_CLIENT, REVOKED
    }

    public static final class ExchangeRefused extends RuntimeException {

        private final Refusal refusal;

        ExchangeRefused(Refusal refusal) {
            super(refusal.name());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    @Transactional
    public Created create(String name, List<String> scopes, Actor actor) {
        if (jdbc.sql("select count(*) from integration_token where lower(name) = lower(:name) and revoked_at is null")
                .param("name", name).query(Long.class).single() > 0) {
            throw FieldException.conflict("name", "token.name-in-use", name);
        }
        UUID id = UUID.randomUUID();
        String clientId = CLIENT_ID_PREFIX + HexFormat.of().formatHex(randomBytes(10));
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        jdbc.sql("""
                insert into integration_token (id, name, client_id, secret_hash, scopes, created_at, created_by_id,
                                               created_by)
                values (:id, :name, :clientId, :hash, :scopes, :now, :byId, :by)""")
                .param("id", id).param("name", name).param("clientId", clientId).param("hash", StoredHash.of(secret))
                .param("scopes", scopes.toArray(String[]::new)).param("now", Timestamp.from(clock.instant()))
                .param("byId", actor.userId()).param("by", actor.name())
                .update();
        outbox.publish(EventTypes.INTEGRATION_TOKEN_CREATED, actor,
                AuditEvent.builder(AuditEvent.Kind.INTEGRATION_TOKEN, Action.INTEGRATION_TOKEN_CREATED)
                        .target(id, name).set("scopes", String.join(", ", scopes)).fact("clientId", clientId)
                        .build());
        return new Created(get(id), secret);
    }

    @Transactional(readOnly = true)
    public List<Token> list() {
        return jdbc.sql("select * from integration_token order by revoked_at is not null, created_at desc")
                .query((rs, row) -> token(rs)).list();
    }

    @Transactional(readOnly = true)
    public Token get(UUID id) {
        return jdbc.sql("select * from integration_token where id = :id").param("id", id)
                .query((rs, row) -> token(rs)).optional()
                .orElseThrow(() -> new NotFoundException("integration-token", id));
    }

    /** Revokes it: no more exchanges, and its live access tokens go on the gateway's revocation list. */
    @Transactional
    public Token revoke(UUID id, Actor actor) {
        get(id);
        int revoked = jdbc.sql(
                """
                update integration_token set revoked_at = :now, revoked_by_id = :byId, revoked_by = :by
                where id = :id and revoked_at is null""")
                .param("now", Timestamp.from(clock.instant())).param("byId", actor.userId())
                .param("by", actor.name()).param("id", id).update();
        Token token = get(id);
        if (revoked == 1) {
            outbox.publish(EventTypes.INTEGRATION_TOKEN_REVOKED, actor,
                    AuditEvent.builder(AuditEvent.Kind.INTEGRATION_TOKEN, Action.INTEGRATION_TOKEN_REVOKED)
                            .target(id, token.name()).fact("clientId", token.clientId()).build());
        }
        return token;
    }

    /**
     * Client credentials: the secret must match the client's stored hash and the token must be in use. The granted
     * scopes are the token's, or the requested subset of them ({@code requested} null or empty: all).
     *
     * @throws ExchangeRefused for an unknown client, a wrong secret or a revoked token
     * @throws IllegalArgumentException naming a requested scope the token does not have
     */
    @Transactional
    public Exchanged exchange(String clientId, String secret, List<String> requested) {
        Optional<Stored> found = clientId == null ? Optional.empty()
                : jdbc.sql("select id, secret_hash from integration_token where client_id = :clientId")
                        .param("clientId", clientId)
                        .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("secret_hash")))
                        .optional();
        // compare against something even for an unknown client, so timing does not tell which client ids exist
        String expected = found.map(Stored::secretHash).orElse(StoredHash.of("no-such-client"));
        boolean matches = secret != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                StoredHash.of(secret).getBytes(StandardCharsets.US_ASCII));
        if (found.isEmpty() || !matches) {
            throw new ExchangeRefused(Refusal.INVALID_CLIENT);
        }
        Token token = get(found.get().id());
        if (token.revoked()) {
            throw new ExchangeRefused(Refusal.REVOKED);
        }
        List<String> granted = token.scopes();
        if (requested != null && !requested.isEmpty()) {
            for (String scope : requested) {
                if (!token.scopes().contains(scope)) {
                    throw new IllegalArgumentException(scope);
                }
            }
            granted = token.scopes().stream().filter(requested::contains).toList();
        }
        jdbc.sql("update integration_token set last_used_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", token.id()).update();
        AccessToken access = accessTokens.issueIntegration(token.clientId(), token.name(), granted, token.id(),
                properties.accessTokenTtl());
        return new Exchanged(access, granted);
    }

    public IntegrationProperties properties() {
        return properties;
    }

    private record Stored(UUID id, String secretHash) {
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Token token(java.sql.ResultSet rs) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new Token(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("client_id"),
                Arrays.asList((String[]) scopes.getArray()), instant(rs.getTimestamp("created_at")),
                rs.getString("created_by_id"), rs.getString("created_by"), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by_id"), rs.getString("revoked_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
