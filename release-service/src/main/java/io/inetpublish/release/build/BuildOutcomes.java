package io.inetpublish.release.build;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.release.release.ContentHash;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.release.TimelineAction;
import io.inetpublish.release.release.TimelineEntry;
import io.inetpublish.release.release.TimelineFacts;
import io.inetpublish.release.testdeployment.TestDeploymentTimeline;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What build-service's {@code build.started} / {@code build.finished} / {@code build.bundle-removed} mean for a release
 * record: timeline entries for
 * test deployments (per environment, shaped by {@link TestDeploymentTimeline}) and packaging, and the package files
 * of a completed packaging. A completed
 * build (SUCCESS, or UNSTABLE: with warnings) is a finished test deployment (the record becomes TESTED) or a finished
 * packaging with its files; the entry keeps the result, so an unstable one reads as such (docs/events.md, "Results").
 * A package whose files retention removed is marked so (not offered, not accepted for a customer deployment) and
 * the removal is on the timeline.
 * Applying the same build event twice changes nothing.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class BuildOutcomes {

    private final ReleaseRecordRepository releaseRecords;
    private final Releases releases;
    private final ReleasePackageRepository packages;
    private final Clock clock;

    /** A test deployment or packaging build was started for a release. */
    @Transactional
    public void requested(BuildStarted event, Actor actor) {
        if (event.buildType() == null) {
            log.warn("build.started {} is of a type this version does not know; ignored", event.buildId());
            return;
        }
        Optional<ReleaseRecord> found = lock(event.releaseId(), event.buildId());
        if (found.isEmpty()) {
            return;
        }
        ReleaseRecord release = found.get();
        Instant now = clock.instant();
        TimelineEntry entry = event.isTestDeployment() ? TestDeploymentTimeline.requested(release, event, actor, now)
                : TimelineEntry.of(release, TimelineAction.PACKAGING_REQUESTED, actor, now);
        releases.record(release, entry
                .ref(event.buildId())
                .contentHash(ContentHash.of(event.items()))
                .dedupKey("build-started:" + event.buildId())
                .facts(TimelineFacts.with("jenkinsBuildNumber", event.jenkinsBuildNumber())));
    }

    /** A test deployment or packaging build reached its end. */
    @Transactional
    public void apply(BuildFinished event, Actor actor) {
        if (event.buildType() == null) {
            log.warn("build.finished {} is of a type this version does not know; ignored", event.buildId());
            return;
        }
        Optional<ReleaseRecord> found = lock(event.releaseId(), event.buildId());
        if (found.isEmpty()) {
            return;
        }
        ReleaseRecord release = found.get();
        boolean ok = event.completed();
        Instant now = clock.instant();
        // a result this version does not know reads as null: recorded as not completed, without a result; the
        // reason as its codes ({code, args}, the web app words it); an older producer's text only when no pattern of
        // the catalogue wrote it (BuildFinished.storedReason)
        BuildFinished.StoredReason reason = ok ? null : event.storedReason();
        TimelineFacts facts = TimelineFacts.with("result", event.result())
                .and("jenkinsBuildNumber", event.jenkinsBuildNumber())
                .and("reason", reason == null ? null : reason.fact());
        TimelineEntry entry;
        if (event.isTestDeployment()) {
            entry = TestDeploymentTimeline.ended(release, event, ok, actor, now).facts(facts);
        } else {
            List<BuildFinished.Artifact> artifacts = ok && event.artifacts() != null ? event.artifacts() : List.of();
            entry = TimelineEntry.of(release, ok ? TimelineAction.PACKAGING_FINISHED : TimelineAction.PACKAGING_FAILED,
                            actor, now)
                    .facts(facts.and("artifacts", artifacts.stream().map(BuildFinished.Artifact::fileName).toList()));
        }
        String built = ContentHash.of(event.items());
        boolean recorded = releases.record(release, entry.ref(event.buildId()).contentHash(built)
                .dedupKey("build-finished:" + event.buildId()));
        if (recorded && event.producedPackage() && event.artifacts() != null
                && !packages.existsByReleaseIdAndBuildId(release.getId(), event.buildId())) {
            for (BuildFinished.Artifact artifact : event.artifacts()) {
                packages.save(new ReleasePackage(release.getId(), event.buildId(), artifact.fileName(),
                        artifact.relativePath() != null ? artifact.relativePath() : artifact.fileName(), artifact.size(), artifact.sha256(), now, built));
            }
        }
    }

    /**
     * build-service's retention removed a package's stored files ({@code build.bundle-removed}, target = the build):
     * the package can no longer be downloaded, so the record neither offers nor accepts it for a customer deployment,
     * and its timeline says so ({@code PACKAGE_REMOVED}: the files, the retention period in days and when the bundle
     * was stored, as facts; once per build however often the event comes). A delta bundle's build, or a build this
     * service has no package of, changes nothing.
     */
    @Transactional
    public void bundleRemoved(AuditEvent event, Actor actor, Instant at) {
        UUID buildId;
        try {
            buildId = UUID.fromString(event.target().id());
        } catch (RuntimeException ex) {
            log.warn("build.bundle-removed names no build ({}); ignored", event.target());
            return;
        }
        Map<UUID, List<String>> files = new LinkedHashMap<>();
        for (ReleasePackage p : packages.findByBuildIdOrderByIdAsc(buildId)) {
            files.computeIfAbsent(p.getReleaseId(), id -> new ArrayList<>()).add(p.getFileName());
        }
        for (Map.Entry<UUID, List<String>> record : files.entrySet()) {
            Optional<ReleaseRecord> found = lock(record.getKey(), buildId);
            found.ifPresent(release -> releases.record(release,
                    TimelineEntry.of(release, TimelineAction.PACKAGE_REMOVED, actor, at)
                            .ref(buildId)
                            .dedupKey("bundle-removed:" + buildId)
                            .facts(TimelineFacts.with("files", record.getValue())
                                    .and("retentionDays", days(event.fact("retention")))
                                    .and("storedAt", event.fact("storedAt")))));
        }
        packages.markRemoved(buildId, at);
    }

    /** The retention period (an ISO-8601 duration such as {@code PT4320H}) in whole days; null when not readable. */
    private static Long days(String retention) {
        try {
            return retention == null ? null : Duration.parse(retention).toDays();
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    private Optional<ReleaseRecord> lock(UUID releaseId, UUID buildId) {
        Optional<ReleaseRecord> release = releaseId == null ? Optional.empty() : releaseRecords.findForUpdate(releaseId);
        if (release.isEmpty()) {
            log.warn("Build {} names release {} which does not exist here; ignored", buildId, releaseId);
        }
        return release;
    }
}
