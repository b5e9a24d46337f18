package io.inetpublish.build.build;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.observability.SharedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Writes {@code build.started}/{@code build.finished} into the outbox (in the caller's transaction, on behalf of the
 * person who triggered the build), {@code build.triggered}/{@code build.cancelled} for the audit trail (on behalf of
 * the person who did it), and keeps the build metrics.
 */
@Component
class BuildEvents {

    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Messages messages;

    BuildEvents(Outbox outbox, MeterRegistry meters, BuildRepository builds, Messages messages) {
        this.outbox = outbox;
        this.messages = messages;
        this.meters = meters;
        Gauge.builder("inetpublish.builds.in.flight", builds,
                        repo -> repo.countByStatusIn(EnumSet.of(BuildStatus.TRIGGERING, BuildStatus.UNCONFIRMED,
                                BuildStatus.QUEUED, BuildStatus.RUNNING, BuildStatus.STORING)))
                .description(SharedGauges.describe("Builds triggered and not finished yet")).register(meters);
    }

    void triggered(Build build, Actor actor) {
        outbox.publish(EventTypes.BUILD_TRIGGERED, actor, audit(build, Action.BUILD_TRIGGERED)
                .versions(List.of(), items(build))
                .fact("status", build.getStatus())
                .build());
    }

    /** @param before the build's status when the cancellation was sent (QUEUED or RUNNING) */
    void cancelled(Build build, BuildStatus before, Actor actor) {
        outbox.publish(EventTypes.BUILD_CANCELLED, actor, audit(build, Action.BUILD_CANCELLED)
                .fact("status", before)
                .fact("requestedBy", build.requestedBy().name())
                .build());
    }

    /** The audit facts every build event shares: the build, its type, its release and its environment. */
    static AuditEvent.Builder audit(Build build, Action action) {
        return AuditEvent.builder(AuditEvent.Kind.BUILD, action)
                .target(build.getId(), null)
                .fact("buildType", build.getType())
                .fact("jenkinsBuildNumber", build.getJenkinsBuildNumber())
                .release(build.getReleaseId(), build.getReleaseId() == null ? null : build.getReleaseNumber())
                .fact("bundleName", build.isPlan() ? build.getReleaseNumber() : null)
                .fact("plan", build.getPlanRef())
                .fact("releaseNumbers", build.isPlan() ? String.join(",", build.getReleases().stream()
                        .map(BuildRelease::getReleaseNumber).toList()) : null)
                .environment(build.getEnvironmentId(), build.getEnvironmentName());
    }

    void started(Build build) {
        outbox.publish(EventTypes.BUILD_STARTED, build.requestedBy(),
                BuildStarted.of(build.getId(), build.getType(), build.getReleaseId(), build.getReleaseNumber(),
                        build.getEnvironmentId(), build.getJenkinsBuildNumber(), build.getJenkinsUrl(), items(build)));
        meters.counter("inetpublish.builds.started", "type", build.getType().name()).increment();
    }

    void finished(Build build) {
        // a package whose bundle failed offers nothing to download
        List<BuildFinished.Artifact> artifacts = build.getBundleStatus() == BundleStatus.FAILED ? List.of()
                : build.getArtifacts().stream()
                .map(a -> new BuildFinished.Artifact(a.getFileName(), a.getRelativePath(), a.getSize(), a.getSha256(),
                        downloadPath(build, a.getRelativePath())))
                .toList();
        BuildFinished.Builder event = build.isPlan()
                ? BuildFinished.deltaBundle(build.getId(), build.getResult(), build.getReleaseNumber(),
                                build.getCustomerName(), build.getEnvironmentId(), build.getEnvironmentName())
                        .plan(build.getPlanRef(), build.getReleases().stream()
                                .map(r -> new BuildFinished.PlanRelease(r.getReleaseId(), r.getReleaseNumber()))
                                .toList())
                : build.getType() == BuildType.TEST_DEPLOY
                        ? BuildFinished.testDeployment(build.getId(), build.getResult(), build.getEnvironmentId(),
                                        build.getEnvironmentName())
                                .release(build.getReleaseId(), build.getReleaseNumber(), build.getReleaseTitle())
                        : BuildFinished.releasePackage(build.getId(), build.getResult())
                                .release(build.getReleaseId(), build.getReleaseNumber(), build.getReleaseTitle());
        outbox.publish(EventTypes.BUILD_FINISHED, build.requestedBy(), event
                // the reason as a code for its readers to render, and in English for consumers from before codes
                .reason(build.storedReason(), build.reasonIn(messages, Locale.ENGLISH))
                .jenkins(build.getJenkinsBuildNumber(), build.getJenkinsUrl())
                .items(items(build))
                .artifacts(artifacts)
                .manifestPath(build.getBundleStatus() == BundleStatus.STORED
                        ? "/api/builds/" + build.getId() + "/manifest" : null)
                .build());
        meters.counter("inetpublish.builds.finished", "type", build.getType().name(), "result",
                build.getResult().name()).increment();
        if (build.getFinishedAt() != null) {
            Timer.builder("inetpublish.builds.duration").description("From trigger to result")
                    .tags("type", build.getType().name(), "result", build.getResult().name()).register(meters)
                    .record(Duration.between(build.getRequestedAt(), build.getFinishedAt()));
        }
    }

    private static List<ComponentVersion> items(Build build) {
        return build.getItems().stream().map(i -> new ComponentVersion(i.getComponent(), i.getVersion())).toList();
    }

    /** Where the platform serves a build's artifact: {@code /api/builds/{id}/artifacts/{relativePath}}. */
    static String downloadPath(Build build, String relativePath) {
        return "/api/builds/" + build.getId() + "/artifacts/" + UriUtils.encodePath(relativePath,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
