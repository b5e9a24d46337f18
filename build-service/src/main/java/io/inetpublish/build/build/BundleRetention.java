package io.inetpublish.build.build;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.build.bundle.BundleProperties;
import io.inetpublish.build.bundle.BundleStore;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.outbox.Outbox;
import lombok.RequiredArgsConstructor;
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
 * EXPIRED has committed. Each removal is told to the operation log ({@code build.bundle-removed}, by the platform).
 */
@Slf4j
@RequiredArgsConstructor
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
    private final Outbox outbox;

    /** What one orphan sweep removed. */
    public record Orphans(int staged, int published) {
    }

    /** Copies and files younger than this are never taken for orphans (a copy under way is younger). */
    static final Duration ORPHAN_AGE = Duration.ofDays(1);

    @Scheduled(fixedDelayString = "${inetpublish.bundles.retention-interval:PT1H}", initialDelayString = "PT2M")
    void scheduled() {
        Orphans orphans = sweepOrphans(Instant.now());
        if (orphans.staged() > 0 || orphans.published() > 0) {
            log.info("Bundle store: removed {} staged copies and {} files that no kept bundle uses (left by a crash "
                    + "or a failed removal)", orphans.staged(), orphans.published());
        }
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
            build.bundleRemoved(StoredText.of("bundle.reason.retention", props.retention(), build.getBundleStoredAt()),
                    now);
            // the operation log says what went, when and why; in the same transaction as the removal
            outbox.publish(EventTypes.BUILD_BUNDLE_REMOVED, Actor.system(),
                    BuildEvents.audit(build, Action.BUILD_BUNDLE_REMOVED)
                            .fact("retention", props.retention())
                            .fact("storedAt", build.getBundleStoredAt())
                            .fact("files", build.getArtifacts().size())
                            .fact("bytes", build.getArtifacts().stream()
                                    .mapToLong(a -> a.getSize() == null ? 0 : a.getSize()).sum())
                            .build());
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

    /**
     * Removes from the store what no kept bundle uses, a day after it was written: staged copies a crash left before
     * they were published or thrown away, and files of bundles that are marked removed or failed (or whose build is
     * gone) but could not be deleted then. The files of a bundle being stored or kept are never touched.
     */
    public Orphans sweepOrphans(Instant now) {
        Instant before = now.minus(ORPHAN_AGE);
        try {
            BundleStore.Swept swept = store.sweep(before, before, this::keepsFiles);
            return new Orphans(swept.staged(), swept.published());
        } catch (java.io.IOException | RuntimeException ex) {
            log.warn("Sweeping the bundle store failed (tried again at the next run): {}", ex.getMessage());
            return new Orphans(0, 0);
        }
    }

    /** Whether the build a stored file belongs to ({@code <build id>/<n>}) keeps it: kept, being stored or running. */
    private boolean keepsFiles(String key) {
        UUID buildId;
        try {
            buildId = UUID.fromString(key.substring(0, key.indexOf('/')));
        } catch (RuntimeException ex) {
            return true; // not a key the platform made: leave it alone
        }
        return jdbc.sql("""
                select exists (select 1 from build where id = :id
                               and (bundle_status in ('STORED', 'STORING') or status <> 'FINISHED'))""")
                .param("id", buildId).query(Boolean.class).single();
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
