package io.inetpublish.auth.token;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.inetpublish.auth.config.AuthProperties;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ES256 keys access tokens are signed with, kept in the database (private parts encrypted). The newest key
 * signs; the JWKS publishes it and the one before, so tokens signed just before a rotation stay valid until they
 * expire and nobody is logged out by a rotation. Older keys are deleted when a new one comes in.
 */
@Component
@Slf4j
@RequiredArgsConstructor
public class SigningKeys {

    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final int PUBLISHED = 2;

    private final JdbcClient jdbc;
    private final KeyCipher cipher;
    private final AuthProperties properties;
    private final Clock clock;
    private final Map<String, ECKey> decrypted = new ConcurrentHashMap<>();
    private volatile JWKSet publishedCache;
    private volatile long lastReload = System.nanoTime() - java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private record StoredKey(String kid, String publicJwk, byte[] privateJwk, Instant createdAt) {
    }

    /** Makes sure a key exists at start, and rotates when the current one is older than the rotation period. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
    @Transactional
    public void ensureCurrent() {
        lock();
        List<StoredKey> keys = newest(1);
        if (keys.isEmpty() || keys.get(0).createdAt().plus(properties.keyRotationPeriod()).isBefore(clock.instant())) {
            insertNewKey();
        }
    }

    /** Starts signing with a fresh key; the previous one stays published. */
    @Transactional
    public String rotate() {
        lock();
        return insertNewKey();
    }

    /** The key new tokens are signed with. */
    @Transactional(readOnly = true)
    public ECKey current() {
        List<StoredKey> keys = newest(1);
        if (keys.isEmpty()) {
            throw new IllegalStateException("No signing key yet");
        }
        StoredKey key = keys.get(0);
        return decrypted.computeIfAbsent(key.kid(), kid -> parse(cipher.decrypt(key.privateJwk())));
    }

    /** The public keys that verify tokens: the current one and the previous one. */
    @Transactional(readOnly = true)
    public JWKSet published() {
        List<JWK> keys = newest(PUBLISHED).stream().map(k -> (JWK) parse(k.publicJwk())).toList();
        JWKSet set = new JWKSet(keys);
        publishedCache = set;
        return set;
    }

    /** The published keys as last read, for validating tokens without a database round trip each time. */
    public JWKSet publishedCached() {
        JWKSet set = publishedCache;
        return set != null ? set : published();
    }

    /**
     * Re-reads the published keys (a token names a kid not seen yet: another instance may just have rotated), at
     * most every few seconds so that tokens with invented kids cannot make every request hit the database.
     */
    public JWKSet reloadPublished() {
        long now = System.nanoTime();
        if (now - lastReload < java.util.concurrent.TimeUnit.SECONDS.toNanos(5) && publishedCache != null) {
            return publishedCache;
        }
        lastReload = now;
        return published();
    }

    private String insertNewKey() {
        try {
            String kid = UUID.randomUUID().toString();
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(ALGORITHM)
                    .issueTime(java.util.Date.from(clock.instant())).generate();
            jdbc.sql("""
                    insert into signing_key (kid, algorithm, public_jwk, private_jwk_encrypted, created_at)
                    values (:kid, :alg, :publicJwk, :privateJwk, :createdAt)""")
                    .param("kid", kid)
                    .param("alg", ALGORITHM.getName())
                    .param("publicJwk", key.toPublicJWK().toJSONString())
                    .param("privateJwk", cipher.encrypt(key.toJSONString()))
                    .param("createdAt", Timestamp.from(clock.instant()))
                    .update();
            // a key no longer published verifies nothing any more: its private part is not kept either
            int retired = jdbc.sql("""
                    delete from signing_key where kid not in
                        (select kid from signing_key order by created_at desc, kid limit :published)""")
                    .param("published", PUBLISHED)
                    .update();
            publishedCache = null;
            log.info("New signing key {} in use{}", kid, retired > 0 ? "; " + retired + " retired key(s) deleted" : "");
            return kid;
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate a signing key", ex);
        }
    }

    private void lock() {
        // several instances may start at once: one of them creates or rotates the key
        jdbc.sql("select pg_advisory_xact_lock(hashtext('inetpublish.signing_key'))").query().singleRow();
    }

    private List<StoredKey> newest(int count) {
        return jdbc.sql("""
                select kid, public_jwk, private_jwk_encrypted, created_at from signing_key
                order by created_at desc, kid limit :count""")
                .param("count", count)
                .query((rs, i) -> new StoredKey(rs.getString("kid"), rs.getString("public_jwk"),
                        rs.getBytes("private_jwk_encrypted"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException ex) {
            throw new IllegalStateException("A stored signing key cannot be read", ex);
        }
    }
}
