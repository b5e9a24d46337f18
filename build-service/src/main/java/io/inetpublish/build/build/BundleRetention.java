package io.inetpublish.build.build;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.build.bundle.BundleProperties;
import io.inetpublish.build.bundle.BundleStore;
import io.inetpublish.common.event.ReleaseDeployed;
import lombok.extern.slf4j.Slf4j;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention setting ({@code inetpublish.bundles.retention}, {@code BUILD_BUNDLE_RETENTION}): removes stored bundles
 * older than it, never one that a customer deployment used ({@code bundle_reference}, from {@code release.deployed}'s
 * {@code packageBuildId}) and never one being downloaded ({@code bundle_reader} with a recent heartbeat). Each removal
 * locks the build row first and then looks for readers and references in fresh statements, so a download that started
 * just before is seen and one that starts after finds the bundle removed (410). Files go only after the row says
 * EXPIRED has committed.
 */
@Slf4j
@Component
public class BundleRetention {

    /** What one run did. */
    public record Result(int removed, int keptReferenced, int keptBeingDownloaded) {
    }

    private final JdbcClient jdbc;
    private final BuildRepository builds;
    private final BundleStore store;
    private final BundleProperties props;
    private final TransactionTemplate tx;

    BundleRetention(JdbcClient jdbc, BuildRepository builds, BundleStore store, BundleProperties props,
            TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.builds = builds;
        this.store = store;
        this.props = props;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${inetpublish.bundles.retention-interval:PT1H}", initialDelayString = "PT2M")
    void scheduled() {
        if (!props.keepsForever()) {
            Result result = run(Instant.now());
            if (result.removed() > 0 || result.keptBeingDownloaded() > 0) {
                log.info("Bundle retention: removed {}, kept {} used by deployments, {} being downloaded",
                        result.removed(), result.keptReferenced(), result.keptBeingDownloaded());
            }
        }
    }

    /** Removes the bundles stored before {@code now - retention} that nobody uses; safe to run on every instance. */
    public Result run(Instant now) {
        if (props.keepsForever()) {
            return new Result(0, 0, 0);
        }
        Timestamp cutoff = Timestamp.from(now.minus(props.retention()));
        List<UUID> candidates = jdbc.sql("""
                select id from build where bundle_status = 'STORED' and bundle_stored_at < :cutoff
                order by bundle_stored_at limit 500""").param("cutoff", cutoff).query(UUID.class).list();
        int removed = 0;
        int referenced = 0;
        int reading = 0;
        for (UUID id : candidates) {
            switch (removeOne(id, now)) {
                case REMOVED -> removed++;
                case REFERENCED -> referenced++;
                case BEING_DOWNLOADED -> reading++;
                case GONE -> {
                }
            }
        }
        // readers that stopped reporting (a process died mid-download) protect nothing after a day
        jdbc.sql("delete from bundle_reader where heartbeat_at < :before")
                .param("before", Timestamp.from(now.minus(java.time.Duration.ofDays(1)))).update();
        return new Result(removed, referenced, reading);
    }

    private enum Verdict {
        REMOVED, REFERENCED, BEING_DOWNLOADED, GONE
    }

    private Verdict removeOne(UUID id, Instant now) {
        List<String> keys = new ArrayList<>();
        Verdict verdict = tx.execute(status -> {
            // the row lock orders this against a download starting (BundleReaders.start takes it FOR SHARE)
            boolean locked = !jdbc.sql("select id from build where id = :id and bundle_status = 'STORED' for update")
                    .param("id", id).query(UUID.class).list().isEmpty();
            if (!locked) {
                return Verdict.GONE;
            }
            if (jdbc.sql("select exists (select 1 from bundle_reference where build_id = :id)").param("id", id)
                    .query(Boolean.class).single()) {
                return Verdict.REFERENCED;
            }
            if (jdbc.sql("select exists (select 1 from bundle_reader where build_id = :id and heartbeat_at > :fresh)")
                    .param("id", id).param("fresh", Timestamp.from(now.minus(props.readerStaleAfter())))
                    .query(Boolean.class).single()) {
                return Verdict.BEING_DOWNLOADED;
            }
            Build build = builds.findById(id).orElseThrow();
            build.getArtifacts().stream().map(BuildArtifact::getStorageKey).filter(k -> k != null).forEach(keys::add);
            build.bundleRemoved("removed by the retention setting (" + props.retention() + " after it was stored on "
                    + build.getBundleStoredAt() + ")", now);
            return Verdict.REMOVED;
        });
        if (verdict == Verdict.REMOVED) {
            for (String key : keys) {
                try {
                    store.delete(key);
                } catch (java.io.IOException | RuntimeException ex) {
                    log.warn("Bundle file {} of build {} is marked removed but could not be deleted: {}", key, id,
                            ex.getMessage());
                }
            }
        }
        return verdict;
    }

    /** A customer deployment used this build's package: keep its bundle for good. */
    @Transactional
    public void deployed(ReleaseDeployed event) {
        if (event.packageBuildId() == null || event.deploymentId() == null) {
            return;
        }
        jdbc.sql("""
                insert into bundle_reference (build_id, deployment_id, recorded_at) values (:build, :deployment, :now)
                on conflict do nothing""").param("build", event.packageBuildId())
                .param("deployment", event.deploymentId()).param("now", Timestamp.from(Instant.now())).update();
    }
}
