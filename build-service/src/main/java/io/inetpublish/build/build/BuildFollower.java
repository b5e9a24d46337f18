package io.inetpublish.build.build;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.build.bundle.BundleProperties;
import io.inetpublish.build.jenkins.JenkinsApi.BuildInfo;
import io.inetpublish.build.jenkins.JenkinsApi.JobBuild;
import io.inetpublish.build.jenkins.JenkinsApi.QueueItem;
import io.inetpublish.build.jenkins.JenkinsClient;
import io.inetpublish.build.jenkins.JenkinsRejectedException;
import io.inetpublish.build.jenkins.JenkinsUnavailableException;
import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.build.settings.JenkinsSettingsService;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.i18n.StoredText;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows every unfinished build to its end: queue item → build number → running → result. All state is in the
 * database and claimed row by row ({@code FOR UPDATE SKIP LOCKED} plus a lease), so any instance may continue what
 * another (or a previous run) started. Jenkins being away is retried with growing pauses and ends, at worst, as
 * {@code LOST} with the reason; a build is never left unfollowed.
 */
@Slf4j
@RequiredArgsConstructor
@Component
class BuildFollower {

    /** What one look at Jenkins found out; applied in a short transaction afterwards. */
    sealed interface Observation {
    }

    record Waiting(String why) implements Observation {
    }

    record Started(int number, String url, Long queueId) implements Observation {
    }

    record Running() implements Observation {
    }

    record Finished(BuildResult result, StoredText reason, List<BuildArtifact> artifacts) implements Observation {
    }

    /** The package's files are in the platform's storage. */
    record Stored(BuildResult result, List<BuildArtifact> artifacts) implements Observation {
    }

    /** Jenkins finished the package but copying it failed for now; tried again later. */
    record StoreRetry(BuildResult result, List<BuildArtifact> artifacts, StoredText reason) implements Observation {
    }

    /** The package can never be copied (checksum mismatch, Jenkins lost the file). */
    record StoreFailed(BuildResult result, List<BuildArtifact> artifacts, StoredText reason) implements Observation {
    }

    record QueueMissing() implements Observation {
    }

    record NotFoundYet() implements Observation {
    }

    record Trouble(StoredText reason) implements Observation {
    }

    private final BuildRepository builds;
    private final JenkinsClient jenkins;
    private final JenkinsSettingsService settings;
    private final BuildEvents events;
    private final BuildFollowProperties props;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final BundleCopier copier;
    private final BundleProperties bundles;

    @Scheduled(fixedDelayString = "${inetpublish.builds.follow.interval:3s}",
            initialDelayString = "${inetpublish.builds.follow.interval:3s}")
    void scheduled() {
        if (props.enabled()) {
            followDue();
        }
    }

    /** One round: claims the due builds and looks at each. */
    int followDue() {
        Instant now = Instant.now();
        List<UUID> claimed = tx.execute(status -> {
            List<UUID> ids = builds.lockDue(now, props.batchSize());
            if (!ids.isEmpty()) {
                builds.lease(ids, now.plus(props.lease()));
            }
            return ids;
        });
        for (UUID id : claimed) {
            followOne(id);
        }
        return claimed.size();
    }

    /**
     * Looks at one build now, whether due or not (a user asked, or a test). False if it is no longer followed or
     * another instance has it: is claiming it, or leased it and has not yet recorded what Jenkins said.
     */
    boolean followNow(UUID id) {
        Instant now = Instant.now();
        Boolean claimed = tx.execute(status -> {
            List<UUID> ids = builds.lockFollowed(id, now);
            if (ids.isEmpty()) {
                return false;
            }
            builds.lease(ids, now.plus(props.lease()));
            return true;
        });
        if (Boolean.TRUE.equals(claimed)) {
            followOne(id);
            return true;
        }
        return false;
    }

    /**
     * Waits, at most {@code max}, until no instance is looking at the build (what its look found is then recorded).
     * True when none is, false when the look outlasted {@code max} (or the wait was interrupted).
     */
    boolean awaitNoLook(UUID id, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (Boolean.TRUE.equals(tx.execute(status -> builds.beingLookedAt(id, Instant.now())))) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void followOne(UUID id) {
        try {
            Build build = builds.findById(id).orElse(null);
            if (build == null || !build.getStatus().followed() && build.getStatus() != BuildStatus.TRIGGERING) {
                return;
            }
            JenkinsConnection connection = settings.current();
            Observation observation;
            try {
                observation = build.ranOn(connection.root()) ? observe(build, connection)
                        : new Trouble(StoredText.of("build.reason.other-jenkins", build.getJenkinsBaseUrl(),
                                connection.root()));
            } catch (JenkinsUnavailableException | JenkinsRejectedException ex) {
                observation = new Trouble(StoredText.of(ex.code(), ex.args()));
            }
            Observation seen = observation;
            tx.executeWithoutResult(status -> apply(id, seen));
        } catch (RuntimeException ex) {
            // never let one build stop the round; the lease expires and the build is looked at again
            log.error("Following build {} failed", id, ex);
        }
    }

    private Observation observe(Build build, JenkinsConnection c) {
        return switch (build.getStatus()) {
            case QUEUED -> observeQueue(build, c);
            case RUNNING -> observeBuild(build, c);
            case STORING -> keep(build, c, build.getResult(),
                    build.getArtifacts().stream().map(BuildArtifact::unstored).toList());
            case TRIGGERING, UNCONFIRMED -> observeUnconfirmed(build, c);
            case FINISHED -> new Running();
        };
    }

    private Observation observeQueue(Build build, JenkinsConnection c) {
        QueueItem item = jenkins.queueItem(c, build.getQueueId());
        if (item == null) {
            // Jenkins forgets a left item after 5 minutes: find the build by its queue id instead
            for (JobBuild candidate : jenkins.jobBuilds(c, build.getJobPath()).buildsOrEmpty()) {
                if (build.getQueueId().equals(candidate.queueId())) {
                    return new Started(candidate.number(), candidate.url(), null);
                }
            }
            return new QueueMissing();
        }
        if (item.isCancelled()) {
            return new Finished(BuildResult.ABORTED, StoredText.of("build.reason.queue-cancelled"), List.of());
        }
        if (item.executable() != null && item.executable().number() != null) {
            return new Started(item.executable().number(), item.executable().url(), null);
        }
        return new Waiting(item.why());
    }

    private Observation observeBuild(Build build, JenkinsConnection c) {
        BuildInfo info = jenkins.build(c, build.getJobPath(), build.getJenkinsBuildNumber());
        if (info == null) {
            return new Trouble(StoredText.of("build.reason.build-gone", build.getJobPath(),
                    build.getJenkinsBuildNumber()));
        }
        if (info.building() || info.result() == null) {
            return new Running();
        }
        BuildResult result = BuildResult.ofJenkins(info.result());
        List<BuildArtifact> artifacts = new ArrayList<>();
        // a completed package (UNSTABLE too: its output exists) is kept in the platform's bundle store
        boolean keep = build.getType() == BuildType.PACKAGE && result.completed();
        for (var artifact : info.artifactsOrEmpty()) {
            BuildArtifact recorded = new BuildArtifact(artifact.fileName(), artifact.relativePath());
            if (!keep) {
                measure(c, build, recorded);
            }
            artifacts.add(recorded);
        }
        if (keep && !artifacts.isEmpty()) {
            return keep(build, c, result, artifacts);
        }
        // a result Jenkins has no word for in BuildResult is a FAILURE; its own word stays in the reason
        return new Finished(result, result.name().equals(info.result()) ? null
                : StoredText.of("build.reason.jenkins-result", info.result()), artifacts);
    }

    /** Copies a finished package into the platform's storage (the lease is renewed while a large file streams). */
    private Observation keep(Build build, JenkinsConnection c, BuildResult result, List<BuildArtifact> artifacts) {
        UUID id = build.getId();
        BundleCopier.Outcome outcome = copier.copy(c, build, artifacts, () -> tx.executeWithoutResult(
                status -> builds.lease(List.of(id), Instant.now().plus(props.lease()))));
        return switch (outcome) {
            case BundleCopier.Kept kept -> new Stored(result, kept.artifacts());
            case BundleCopier.Retry retry -> new StoreRetry(result, artifacts, retry.reason());
            case BundleCopier.Failed failed -> new StoreFailed(result, artifacts, failed.reason());
        };
    }

    /** The trigger's answer was lost: find a build of the job with exactly our parameters, queued after we sent it. */
    private Observation observeUnconfirmed(Build build, JenkinsConnection c) {
        Map<String, String> sent = json.readValue(build.getParameters(), new TypeReference<Map<String, String>>() {
        });
        long notBefore = build.getTriggerSentAt().minusSeconds(60).toEpochMilli();
        for (JobBuild candidate : jenkins.jobBuilds(c, build.getJobPath()).buildsOrEmpty()) {
            if (candidate.timestamp() != null && candidate.timestamp() < notBefore) {
                continue;
            }
            boolean same = sent.entrySet().stream().allMatch(e -> e.getValue().equals(candidate.parameter(e.getKey())));
            if (same && !builds.existsByJobPathAndJenkinsBuildNumber(build.getJobPath(), candidate.number())
                    && (candidate.queueId() == null || !builds.existsByQueueId(candidate.queueId()))) {
                return new Started(candidate.number(), candidate.url(), candidate.queueId());
            }
        }
        return new NotFoundYet();
    }

    /** Streams an artifact once through SHA-256 without keeping it; leaves size and hash empty if that fails. */
    private void measure(JenkinsConnection c, Build build, BuildArtifact artifact) {
        try (ClientHttpResponse response = jenkins.openArtifact(c, build.getJobPath(), build.getJenkinsBuildNumber(),
                artifact.getRelativePath()); InputStream body = response.getBody()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = new DigestInputStream(body, sha).transferTo(java.io.OutputStream.nullOutputStream());
            artifact.measured(size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException | NoSuchAlgorithmException ex) {
            log.warn("Could not measure artifact {} of build {}: {}", artifact.getRelativePath(), build.getId(),
                    ex.getMessage());
        }
    }

    private void apply(UUID id, Observation observation) {
        Build build = builds.findById(id).orElse(null);
        if (build == null || build.getStatus() == BuildStatus.FINISHED) {
            return;
        }
        Instant now = Instant.now();
        Instant next = now.plus(props.interval());
        build.lookRecorded();
        if (observation instanceof Waiting w) {
            build.waiting(w.why(), now, next);
        } else if (observation instanceof Running) {
            build.stillRunning(now, next);
        } else if (observation instanceof Started s) {
            if (s.queueId() != null) {
                build.adopted(s.queueId());
            }
            build.started(s.number(), s.url(), now, now);
            events.started(build);
        } else if (observation instanceof Finished f) {
            build.finished(f.result(), f.reason(), f.artifacts(), now);
            events.finished(build);
        } else if (observation instanceof Stored s) {
            build.stored(s.result(), s.artifacts(), copier.storeName(), now);
            events.finished(build);
        } else if (observation instanceof StoreFailed f) {
            log.warn("Build {}: its package cannot be kept: {}", id, f.reason());
            build.bundleFailed(f.result(), f.artifacts(), f.reason(), now);
            events.finished(build);
        } else if (observation instanceof StoreRetry r) {
            Instant since = build.getBundleFirstTryAt() == null ? now : build.getBundleFirstTryAt();
            if (Duration.between(since, now).compareTo(bundles.copyGiveUpAfter()) >= 0) {
                build.bundleFailed(r.result(), r.artifacts(), StoredText.of("bundle.reason.gave-up",
                        build.getBundleAttempts() + 1, since, r.reason()), now);
                events.finished(build);
            } else {
                log.info("Build {}: copying its package failed (attempt {}), trying again: {}", id,
                        build.getBundleAttempts() + 1, r.reason());
                build.storing(r.result(), r.artifacts(), StoredText.of("bundle.reason.attempt-failed",
                        build.getBundleAttempts() + 1, r.reason()), now, now.plus(props.backoff(build.getBundleAttempts())));
            }
        } else if (observation instanceof QueueMissing) {
            build.queueMissing(now, next);
            if (Duration.between(build.getQueueMissingSince(), now).compareTo(props.queueMissingGrace()) >= 0) {
                lost(build, StoredText.of("build.reason.queue-forgotten", build.getQueueId(), build.getJobPath()),
                        now);
            }
        } else if (observation instanceof NotFoundYet) {
            if (Duration.between(build.getTriggerSentAt(), now).compareTo(props.unconfirmedWindow()) >= 0) {
                lost(build, StoredText.of("build.reason.never-confirmed", build.getJobPath()), now);
            } else {
                build.stillRunning(now, next);
            }
        } else if (observation instanceof Trouble t) {
            build.pollFailed(now.plus(props.backoff(build.getPollFailures())));
            log.info("Build {}: attempt {} to follow it failed: {}", id, build.getPollFailures(), t.reason());
            if (build.getPollFailures() >= props.maxFailures()) {
                lost(build, build.getLastContactAt() == null
                        ? StoredText.of("build.reason.gave-up", build.getPollFailures(), t.reason())
                        : StoredText.of("build.reason.gave-up-since", build.getPollFailures(),
                                build.getLastContactAt(), t.reason()), now);
            }
        }
    }

    private void lost(Build build, StoredText reason, Instant now) {
        build.finished(BuildResult.LOST, reason, List.of(), now);
        events.finished(build);
    }
}
