package io.inetpublish.build.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.build.build.BuildService;
import io.inetpublish.common.security.CurrentActor;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Short-lived, single-use links to one artifact of one build. A logged-in person asks for one (the web app's download
 * page, which a Feishu card opens); the browser then follows it without a token. The link's secret is 32 random bytes;
 * only its SHA-256 is stored, and it is spent by the first request that uses it.
 */
@Service
@RequiredArgsConstructor
@Slf4j
public class DownloadLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final BuildService builds;
    private final CurrentActor currentActor;

    @Value("${inetpublish.builds.download-link-ttl:PT2M}")
    private Duration ttl;

    public record Issued(String url, Instant expiresAt) {
    }

    /** Why a link cannot be used (the page says so). */
    public enum Refusal {
        UNKNOWN, EXPIRED, USED
    }

    /** The link to use, or why not; {@code buildId}/{@code path} are set when the link was known. */
    public record Redeemed(UUID buildId, String path, Refusal refusal) {
    }

    /** A new link for a listed artifact of the build (404 when the build does not list it). */
    @Transactional
    public Issued issue(UUID buildId, String relativePath) {
        builds.requireArtifact(buildId, relativePath);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        Instant expiresAt = now.plus(ttl);
        jdbc.sql("""
                insert into download_link (token_hash, build_id, relative_path, created_by, created_at, expires_at)
                values (:hash, :build, :path, :by, :now, :expires)""")
                .param("hash", hash(token)).param("build", buildId).param("path", relativePath)
                .param("by", currentActor.get().userId()).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt)).update();
        return new Issued("/api/builds/downloads/" + token, expiresAt);
    }

    /** Spends the link: only the first use within its lifetime gets the artifact. */
    @Transactional
    public Redeemed redeem(String token) {
        if (token == null || token.length() > 100) {
            return new Redeemed(null, null, Refusal.UNKNOWN);
        }
        String hash = hash(token);
        Timestamp now = Timestamp.from(Instant.now());
        Optional<Redeemed> spent = jdbc.sql("""
                update download_link set used_at = :now
                where token_hash = :hash and used_at is null and expires_at > :now
                returning build_id, relative_path""")
                .param("hash", hash).param("now", now)
                .query((rs, i) -> new Redeemed(rs.getObject("build_id", UUID.class), rs.getString("relative_path"),
                        null))
                .optional();
        if (spent.isPresent()) {
            return spent.get();
        }
        return jdbc.sql("select build_id, relative_path, used_at from download_link where token_hash = :hash")
                .param("hash", hash)
                .query((rs, i) -> new Redeemed(rs.getObject("build_id", UUID.class), rs.getString("relative_path"),
                        rs.getTimestamp("used_at") != null ? Refusal.USED : Refusal.EXPIRED))
                .optional().orElse(new Redeemed(null, null, Refusal.UNKNOWN));
    }

    /** Links a day past their end are of no use even to say "expired". */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    public void purge() {
        int removed = jdbc.sql("delete from download_link where expires_at < :before")
                .param("before", Timestamp.from(Instant.now().minus(Duration.ofDays(1)))).update();
        if (removed > 0) {
            log.info("Removed {} download links that ended more than a day ago", removed);
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
