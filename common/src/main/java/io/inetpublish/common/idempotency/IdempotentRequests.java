package io.inetpublish.common.idempotency;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.web.ApiException;
import io.inetpublish.common.web.FieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a non-idempotent request (a POST) safe to send twice, following the IETF draft "The Idempotency-Key HTTP
 * Header Field" (docs/idempotency.md): the client sends {@code Idempotency-Key} with a value it chose for this one
 * submission; the first request with a key runs, a repeat with the same key and the same content answers the first
 * result (status, {@code Location} and body) without running again, a repeat with the same key and other content is
 * refused with 409. Keys belong to the person sending them and expire after {@link #DEFAULT_TTL}.
 *
 * <p>The claim of the key and the action run in ONE transaction: the action's own transactions join it, so the
 * stored result commits together with what the action changed, and a failed action leaves no trace (a corrected
 * retry with the same key runs). A repeat arriving while the first is still running waits on the key's row and then
 * answers the first result (or runs, when the first failed). Only successful (2xx) results are kept.
 *
 * <p>A service using it creates the table {@code idempotent_request} (see release-service's migration V12_1) and
 * declares the bean. Requests without the header run as before.
 */
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    static final int MAX_KEY_LENGTH = 255;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CurrentActor currentActor;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration ttl;

    public IdempotentRequests(JdbcTemplate jdbc, PlatformTransactionManager transactions, CurrentActor currentActor,
            JsonMapper json, Clock clock, Duration ttl) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.currentActor = currentActor;
        this.json = json;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Runs {@code action} once per key.
     *
     * @param headerValue the request's {@code Idempotency-Key} (null: no key, the action simply runs)
     * @param fingerprint what the request asks for, e.g. {@link Fingerprint}'s hex of method, path and content
     */
    public ResponseEntity<?> once(String headerValue, String fingerprint, Supplier<ResponseEntity<?>> action) {
        if (headerValue == null) {
            return action.get();
        }
        String key = parseKey(headerValue);
        String owner = currentActor.get().userId();
        return tx.execute(status -> {
            Instant now = clock.instant();
            jdbc.update("delete from idempotent_request where owner = ? and idempotency_key = ? and expires_at <= ?",
                    owner, key, Timestamp.from(now));
            // a concurrent first request holds this row uncommitted: the insert waits for its outcome
            int claimed = jdbc.update("""
                    insert into idempotent_request (owner, idempotency_key, fingerprint, created_at, expires_at)
                    values (?, ?, ?, ?, ?) on conflict do nothing""",
                    owner, key, fingerprint, Timestamp.from(now), Timestamp.from(now.plus(ttl)));
            if (claimed == 0) {
                return replay(owner, key, fingerprint);
            }
            ResponseEntity<?> response = action.get();
            if (response.getStatusCode().is2xxSuccessful()) {
                URI location = response.getHeaders().getLocation();
                jdbc.update("""
                        update idempotent_request set response_status = ?, response_location = ?, response_body = ?
                        where owner = ? and idempotency_key = ?""",
                        response.getStatusCode().value(), location == null ? null : location.toString(),
                        response.getBody() == null ? null : json.writeValueAsString(response.getBody()), owner, key);
            } else {
                status.setRollbackOnly();
            }
            return response;
        });
    }

    private ResponseEntity<?> replay(String owner, String key, String fingerprint) {
        List<Stored> found = jdbc.query("""
                select fingerprint, response_status, response_location, response_body from idempotent_request
                where owner = ? and idempotency_key = ?""",
                (rs, i) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)),
                owner, key);
        if (found.isEmpty() || found.get(0).status() == null) {
            // removed meanwhile (expired), or stored without a result: never run twice on a guess
            throw new KeyConflictException("idempotency-key-in-use", "idempotency.key-in-use");
        }
        Stored stored = found.get(0);
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new KeyConflictException("idempotency-key-reused", "idempotency.key-reused");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(stored.status()).header("Idempotent-Replayed",
                "true");
        if (stored.location() != null) {
            builder.location(URI.create(stored.location()));
        }
        return stored.body() == null ? builder.build()
                : builder.contentType(MediaType.APPLICATION_JSON).body(stored.body());
    }

    /** The key as an sf-string ({@code "…"}, RFC 8941) or, leniently, the bare token; 400 when unusable. */
    static String parseKey(String headerValue) {
        String value = headerValue.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder unescaped = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                unescaped.append(c);
            }
            value = unescaped.toString();
        }
        if (value.isEmpty() || value.length() > MAX_KEY_LENGTH
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new FieldException(HEADER, "idempotency.key-invalid", MAX_KEY_LENGTH);
        }
        return value;
    }

    private record Stored(String fingerprint, Integer status, String location, String body) {
    }

    /** 409: the key is in use by another request (other content) or its first request has no result. */
    public static class KeyConflictException extends ApiException {

        KeyConflictException(String problemType, String code) {
            super(HttpStatus.CONFLICT, problemType, code);
        }
    }
}
