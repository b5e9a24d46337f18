package io.inetpublish.build.build;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Downloads of stored bundles in progress, on any instance ({@code bundle_reader}): a retention run never removes a
 * bundle with a reader that reported within {@code inetpublish.bundles.reader-stale-after}. Starting a read locks
 * the build row (FOR SHARE) and checks the bundle is still STORED, so it is ordered against a retention run, which
 * locks the row FOR UPDATE before it looks for readers.
 */
@Component
@RequiredArgsConstructor
class BundleReaders {

    private final JdbcClient jdbc;

    /** A reader of the build's bundle, or null when the bundle is not (or no longer) stored. */
    @Transactional
    public UUID start(UUID buildId) {
        String status = jdbc.sql("select bundle_status from build where id = :id for share").param("id", buildId)
                .query(String.class).optional().orElse(null);
        if (!BundleStatus.STORED.name().equals(status)) {
            return null;
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into bundle_reader (id, build_id, started_at, heartbeat_at) values (:id, :build, :now, :now)")
                .param("id", id).param("build", buildId).param("now", now).update();
        return id;
    }

    @Transactional
    public void heartbeat(UUID reader) {
        jdbc.sql("update bundle_reader set heartbeat_at = :now where id = :id").param("id", reader)
                .param("now", Timestamp.from(Instant.now())).update();
    }

    @Transactional
    public void end(UUID reader) {
        jdbc.sql("delete from bundle_reader where id = :id").param("id", reader).update();
    }
}
