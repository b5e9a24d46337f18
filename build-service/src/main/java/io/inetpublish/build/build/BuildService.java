package io.inetpublish.build.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.inetpublish.build.bundle.BundleStore;
import io.inetpublish.build.bundle.Digests;
import io.inetpublish.build.downstream.Downstreams;
import io.inetpublish.build.jenkins.JenkinsApi.LogChunk;
import io.inetpublish.build.jenkins.JenkinsApi.Queued;
import io.inetpublish.build.jenkins.JenkinsClient;
import io.inetpublish.build.jenkins.JenkinsOutcomeUnknownException;
import io.inetpublish.build.jenkins.JenkinsRejectedException;
import io.inetpublish.build.jenkins.JenkinsUnavailableException;
import io.inetpublish.build.settings.JenkinsConnection;
import io.inetpublish.build.settings.JenkinsSettingsService;
import io.inetpublish.build.testdeployment.TestEnvironments;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.security.CurrentActor;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.text.Texts;
import io.inetpublish.common.version.Version;
import io.inetpublish.common.web.ConflictException;
import io.inetpublish.common.web.FieldException;
import io.inetpublish.common.web.ForbiddenException;
import io.inetpublish.common.web.NotFoundException;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Triggers, cancels and reads builds. Jenkins is never called inside a database transaction. */
@Slf4j
@Service
@RequiredArgsConstructor
public class BuildService {

    /** How long a cancel waits for another instance's look at a build that left Jenkins' queue (one queue request). */
    static final Duration OTHER_LOOK_WAIT = Duration.ofSeconds(10);

    /** What a trigger did: a new build, the same build again (Jenkins' 303), or a trigger Jenkins did not confirm. */
    public enum TriggerOutcome {
        CREATED, SAME_BUILD, UNCONFIRMED
    }

    public record Triggered(Build build, TriggerOutcome outcome) {
    }

    public record TriggerCommand(UUID releaseId, BuildType type, UUID environmentId) {
    }

    /**
     * An artifact opened for a download, to be streamed to the client and closed: from the platform's bundle store
     * ({@code reader} set, {@code body} the stored file) or, for a build without a stored bundle (test deployments,
     * packages from before the platform kept them), from Jenkins ({@code response}).
     */
    public record OpenArtifact(String fileName, long contentLength, String knownSha256, ClientHttpResponse response,
            InputStream body, UUID reader) {

        public boolean fromStore() {
            return reader != null;
        }
    }

    private final BuildRepository builds;
    private final JenkinsClient jenkins;
    private final JenkinsSettingsService settings;
    private final Downstreams downstreams;
    private final TestEnvironments testEnvironments;
    private final CurrentActor currentActor;
    private final BuildFollower follower;
    private final BuildFollowProperties props;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final BuildEvents events;
    private final BundleStore store;
    private final BundleReaders readers;

    /**
     * Triggers a build exactly once. The row is stored before the request leaves (so a crash or a lost answer is
     * followed up, not forgotten) and removed again if Jenkins certainly did not queue anything.
     */
    public Triggered trigger(TriggerCommand command) {
        JenkinsConnection c = settings.current();
        if (command.type() == BuildType.TEST_DEPLOY && command.environmentId() == null) {
            throw new FieldException("environmentId", "build.test-needs-environment");
        }
        if (command.type() == BuildType.PACKAGE && command.environmentId() != null) {
            throw new FieldException("environmentId", "build.package-no-environment");
        }
        mayOperate(command.type());
        String job = c.jobFor(command.type());
        if (c.root().isBlank() || job == null || job.isBlank()) {
            throw new ConflictException("build.no-job", command.type().name());
        }
        Downstreams.Release release = downstreams.release(command.releaseId());
        if (release.withdrawn()) {
            throw FieldException.conflict("releaseId", "build.release-withdrawn", release.number());
        }
        if (release.items().isEmpty()) {
            throw new FieldException("releaseId", "build.release-no-items", release.number());
        }
        // the same grammar release-service checks when the record is submitted: nothing else reaches Jenkins
        for (int i = 0; i < release.items().size(); i++) {
            String version = release.items().get(i).version();
            if (!Version.isValid(version)) {
                throw new FieldException("items[" + i + "].version", "version.invalid-item", release.number(),
                        release.items().get(i).component(), version);
            }
        }
        Downstreams.Environment environment = command.type() == BuildType.TEST_DEPLOY
                ? testEnvironments.target(command.environmentId()) : null;

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(c.releaseNumberParam(), release.number());
        parameters.put(c.componentsParam(), release.items().stream()
                .map(i -> i.component() + "=" + i.version()).collect(Collectors.joining("\n")));
        if (environment != null) {
            parameters.put(c.targetEnvironmentParam(), environment.jenkinsTarget());
        }
        Actor actor = currentActor.get();
        List<BuildItem> items = release.items().stream().map(i -> new BuildItem(i.component(), i.version())).toList();
        Build build = Build.triggering(command.type(), release.id(), release.number(), release.title(), items,
                environment == null ? null : environment.id(), environment == null ? null : environment.name(),
                environment == null ? null : environment.jenkinsTarget(), job, json.writeValueAsString(parameters),
                actor, c.root());
        return send(build, c, job, parameters, actor);
    }

    /** A component version of an upgrade plan, as the plan computed it. */
    public record PlanItem(String component, String version) {
    }

    /**
     * A delta bundle: packages exactly the component versions an environment's upgrade plan computed, for the records
     * it applies (contracts.md, issue 17).
     */
    public record PlanCommand(UUID environmentId, List<PlanItem> items, List<UUID> releaseIds, String plan) {
    }

    private static final java.time.format.DateTimeFormatter BUNDLE_NAME = java.time.format.DateTimeFormatter
            .ofPattern("'UPGRADE-'yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** Triggers the package job for an upgrade plan (PACKAGE, no release record); once, like {@link #trigger}. */
    public Triggered triggerPlan(PlanCommand command) {
        JenkinsConnection c = settings.current();
        mayOperate(BuildType.PACKAGE);
        if (command.environmentId() == null) {
            throw new FieldException("environmentId", "build.plan-needs-environment");
        }
        List<PlanItem> items = command.items() == null ? List.of() : command.items();
        if (items.isEmpty()) {
            throw new FieldException("items", "build.plan-no-items");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            PlanItem item = items.get(i);
            if (item == null || item.component() == null || item.component().isBlank()) {
                throw new FieldException("items[" + i + "].component", "build.plan-item-component");
            }
            if (!Version.isValid(item.version())) {
                throw new FieldException("items[" + i + "].version", "version.invalid");
            }
            if (!seen.add(item.component().trim())) {
                throw new FieldException("items[" + i + "].component", "build.plan-duplicate-component",
                        item.component());
            }
        }
        String plan = Texts.blankToNull(command.plan());
        if (plan != null && (!plan.startsWith("/") || plan.startsWith("//") || plan.contains("\\")
                || plan.chars().anyMatch(ch -> ch < 0x21))) {
            throw new FieldException("plan", "build.plan-link");
        }
        String job = c.jobFor(BuildType.PACKAGE);
        if (c.root().isBlank() || job == null || job.isBlank()) {
            throw new ConflictException("build.no-job", BuildType.PACKAGE.name());
        }
        Downstreams.Environment environment = downstreams.environment(command.environmentId());
        List<UUID> releaseIds = command.releaseIds() == null ? List.of() : command.releaseIds();
        List<BuildRelease> releases = new java.util.ArrayList<>();
        for (int i = 0; i < releaseIds.size(); i++) {
            String field = "releaseIds[" + i + "]";
            if (releaseIds.get(i) == null) {
                throw new FieldException(field, "build.release-unknown", "null");
            }
            Downstreams.Release release = downstreams.release(releaseIds.get(i), field);
            if (release.withdrawn()) {
                throw FieldException.conflict(field, "build.release-withdrawn", release.number());
            }
            releases.add(new BuildRelease(release.id(), release.number()));
        }
        Actor actor = currentActor.get();
        String name = BUNDLE_NAME.format(Instant.now());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(c.releaseNumberParam(), name);
        parameters.put(c.componentsParam(), items.stream().map(i -> i.component().trim() + "=" + i.version())
                .collect(Collectors.joining("\n")));
        Build build = Build.triggeringPlan(environment.id(), environment.name(), environment.customerName(), name,
                items.stream().map(i -> new BuildItem(i.component().trim(), i.version())).toList(), releases, plan,
                job, json.writeValueAsString(parameters), actor, c.root());
        return send(build, c, job, parameters, actor);
    }

    /** Stores the row, sends the trigger once and records what Jenkins answered. */
    private Triggered send(Build build, JenkinsConnection c, String job, Map<String, String> parameters, Actor actor) {
        // should this process die mid-trigger, the follower treats the row as unconfirmed after the grace period
        build.pollAt(build.getRequestedAt().plus(props.triggerGrace()));
        UUID id = tx.execute(status -> builds.saveAndFlush(build).getId());

        Queued queued;
        try {
            queued = jenkins.trigger(c, job, parameters);
        } catch (JenkinsRejectedException | JenkinsUnavailableException ex) {
            tx.executeWithoutResult(status -> builds.deleteById(id));
            throw ex;
        } catch (JenkinsOutcomeUnknownException ex) {
            log.warn("Trigger of build {} ({}) got no answer; looking for it in Jenkins instead of sending it again: {}",
                    id, job, ex.getMessage());
            return tx.execute(status -> {
                Build stored = load(id);
                stored.unconfirmed(StoredText.of("build.reason.unconfirmed", job), Instant.now());
                events.triggered(stored, actor);
                return new Triggered(stored, TriggerOutcome.UNCONFIRMED);
            });
        }
        return tx.execute(status -> {
            Build stored = load(id);
            if (queued.alreadyQueued()) {
                Build existing = builds.findFirstByQueueIdAndIdNotOrderByRequestedAtDesc(queued.queueId(), id)
                        .orElse(null);
                if (existing != null) {
                    builds.delete(stored);
                    return new Triggered(existing, TriggerOutcome.SAME_BUILD);
                }
            }
            stored.queued(queued.queueId(), Instant.now());
            if (!queued.alreadyQueued()) {
                events.triggered(stored, actor);
            }
            return new Triggered(stored, queued.alreadyQueued() ? TriggerOutcome.SAME_BUILD : TriggerOutcome.CREATED);
        });
    }

    /** Cancels a queued build (queue/cancelItem) or stops a running one; the follower records the outcome. */
    public Build cancel(UUID id) {
        Actor actor = currentActor.get();
        Build build = tx.execute(status -> load(id));
        mayOperate(build.getType());
        JenkinsConnection c = onItsJenkins(build);
        switch (build.getStatus()) {
            case FINISHED -> throw new ConflictException("build.already-finished", id, build.getResult());
            case TRIGGERING, UNCONFIRMED -> throw new ConflictException("build.not-confirmed", id);
            case STORING -> throw new ConflictException("build.storing", id);
            case QUEUED -> {
                if (!jenkins.cancelQueueItem(c, build.getQueueId())) {
                    // it left the queue meanwhile: learn its build number (or let the instance looking at it now
                    // record it), then stop that
                    if (!follower.followNow(id)) {
                        follower.awaitNoLook(id, OTHER_LOOK_WAIT);
                    }
                    Build now = tx.execute(status -> load(id));
                    if (now.getStatus() == BuildStatus.RUNNING) {
                        jenkins.stop(c, now.getJobPath(), now.getJenkinsBuildNumber());
                    }
                }
            }
            case RUNNING -> jenkins.stop(c, build.getJobPath(), build.getJenkinsBuildNumber());
        }
        // Jenkins took the cancellation: who asked for it goes to the audit trail; the result (ABORTED) follows
        tx.executeWithoutResult(status -> events.cancelled(load(id), build.getStatus(), actor));
        follower.followNow(id);
        return tx.execute(status -> load(id));
    }

    /**
     * Builds as the list asks for them: of one environment (then neither release nor status filters), else of one
     * release and/or in the given statuses (none given: every status).
     */
    @Transactional(readOnly = true)
    public Page<Build> list(UUID releaseId, UUID environmentId, List<BuildStatus> statuses, Pageable pageable) {
        boolean anyStatus = statuses == null || statuses.isEmpty();
        if (environmentId != null) {
            return builds.findByEnvironmentId(environmentId, pageable);
        }
        if (releaseId == null) {
            return anyStatus ? builds.findAll(pageable) : builds.findByStatusIn(statuses, pageable);
        }
        return anyStatus ? builds.findByReleaseId(releaseId, pageable)
                : builds.findByReleaseIdAndStatusIn(releaseId, statuses, pageable);
    }

    @Transactional(readOnly = true)
    public Build get(UUID id) {
        return load(id);
    }

    /** A build with a stored bundle (for its manifest): 410 once the retention setting removed it, else 404. */
    @Transactional(readOnly = true)
    public Build withStoredBundle(UUID id) {
        Build build = load(id);
        if (build.getBundleStatus() == BundleStatus.EXPIRED) {
            throw new BundleGoneException(id);
        }
        if (build.getBundleStatus() != BundleStatus.STORED) {
            throw new NotFoundException("manifest", id);
        }
        return build;
    }

    /** A piece of the console log starting at byte {@code start}; empty while Jenkins has not started the build. */
    public LogChunk log(UUID id, long start) {
        Build build = tx.execute(status -> load(id));
        if (build.getJenkinsBuildNumber() == null) {
            return new LogChunk("", 0, build.getStatus() != BuildStatus.FINISHED);
        }
        return jenkins.progressiveText(onItsJenkins(build), build.getJobPath(), build.getJenkinsBuildNumber(), start);
    }

    /**
     * 404 unless the build lists this artifact (and Jenkins built it); 410 when its bundle was removed, 409 while it is
     * being stored; a package whose bundle failed has nothing to download (404).
     */
    public void requireArtifact(UUID id, String relativePath) {
        Build build = tx.execute(status -> load(id));
        downloadable(build, relativePath);
    }

    private BuildArtifact downloadable(Build build, String relativePath) {
        BuildArtifact artifact = build.artifact(relativePath);
        if (artifact == null || build.getJenkinsBuildNumber() == null) {
            throw new NotFoundException("artifact", relativePath);
        }
        switch (build.getBundleStatus()) {
            case EXPIRED -> throw new BundleGoneException(build.getId());
            case FAILED -> throw new NotFoundException("artifact", relativePath);
            case STORING -> throw new ConflictException("bundle.not-ready", build.getId(), build.bundleReasonArg());
            default -> {
            }
        }
        return artifact;
    }

    /**
     * Opens one of the build's listed artifacts: from the platform's storage when the bundle is stored (a reader is
     * registered, so retention leaves it alone until the download ends), else from Jenkins. Paths the build does not
     * list are refused.
     */
    public OpenArtifact openArtifact(UUID id, String relativePath) {
        Build build = tx.execute(status -> load(id));
        BuildArtifact artifact = downloadable(build, relativePath);
        if (build.getBundleStatus() == BundleStatus.STORED) {
            UUID reader = readers.start(id);
            if (reader == null) {
                throw new BundleGoneException(id); // removed between the look and the lock
            }
            try {
                InputStream body = store.open(artifact.getStorageKey());
                return new OpenArtifact(artifact.getFileName(), artifact.getSize() == null ? -1 : artifact.getSize(),
                        artifact.getSha256(), null, body, reader);
            } catch (IOException | RuntimeException ex) {
                readers.end(reader);
                log.error("The stored bundle file {} of build {} cannot be opened", artifact.getStorageKey(), id, ex);
                throw new IllegalStateException("stored bundle file missing", ex);
            }
        }
        ClientHttpResponse response = jenkins.openArtifact(onItsJenkins(build), build.getJobPath(),
                build.getJenkinsBuildNumber(), relativePath);
        return new OpenArtifact(artifact.getFileName(), response.getHeaders().getContentLength(),
                artifact.getSha256(), response, null, null);
    }

    /**
     * Copies an opened artifact to {@code out}: a stored one in chunks, reporting the download as alive every few
     * seconds; one from Jenkins while hashing it, then records size and SHA-256.
     */
    public void stream(UUID id, String relativePath, OpenArtifact open, OutputStream out) throws IOException {
        if (open.fromStore()) {
            try (InputStream body = open.body()) {
                Digests.pipe(body, out, bytes -> readers.heartbeat(open.reader()));
            } finally {
                readers.end(open.reader());
            }
            return;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        long size;
        try (ClientHttpResponse response = open.response(); InputStream body = response.getBody()) {
            size = new DigestInputStream(body, sha).transferTo(out);
        }
        String hex = java.util.HexFormat.of().formatHex(sha.digest());
        tx.executeWithoutResult(status -> {
            Build build = load(id);
            BuildArtifact artifact = build.artifact(relativePath);
            if (artifact != null) {
                if (artifact.getSha256() != null && !artifact.getSha256().equals(hex)) {
                    log.warn("Artifact {} of build {} changed in Jenkins: sha256 was {}, now {}", relativePath, id,
                            artifact.getSha256(), hex);
                }
                artifact.measured(size, hex);
            }
        });
    }

    /**
     * Who may start or cancel a build of this type. The URL rule lets developers and testers in for test
     * deployments; packaging (starting or cancelling it) is support's job.
     */
    private void mayOperate(BuildType type) {
        if (type == BuildType.PACKAGE && !currentActor.hasAnyRole(Role.SUPPORT, Role.ADMIN)) {
            throw new ForbiddenException("build.package-role");
        }
    }

    /** The configured Jenkins, if it is the one the build was triggered on; else 409 and nothing is sent. */
    private JenkinsConnection onItsJenkins(Build build) {
        JenkinsConnection c = settings.current();
        if (!build.ranOn(c.root())) {
            throw new ConflictException("build.other-jenkins", build.getId(), build.getJenkinsBaseUrl(), c.root());
        }
        return c;
    }

    private Build load(UUID id) {
        return builds.findById(id).orElseThrow(() -> new NotFoundException("build", id));
    }
}
