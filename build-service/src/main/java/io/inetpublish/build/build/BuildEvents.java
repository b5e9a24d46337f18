package io.inetpublish.build.build;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.observability.SharedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Writes {@code build.started}/{@code build.finished} into the outbox (in the caller's transaction, on behalf of the
 * person who triggered the build) and keeps the build metrics.
 */
@Component
class BuildEvents {

    private final Outbox outbox;
    private final MeterRegistry meters;

    BuildEvents(Outbox outbox, MeterRegistry meters, BuildRepository builds) {
        this.outbox = outbox;
        this.meters = meters;
        Gauge.builder("inetpublish.builds.in.flight", builds,
                        repo -> repo.countByStatusIn(EnumSet.of(BuildStatus.TRIGGERING, BuildStatus.UNCONFIRMED,
                                BuildStatus.QUEUED, BuildStatus.RUNNING)))
                .description(SharedGauges.describe("Builds triggered and not finished yet")).register(meters);
    }

    void started(Build build) {
        outbox.publish(EventTypes.BUILD_STARTED, build.requestedBy(),
                new BuildStarted(BuildStarted.SCHEMA_VERSION, build.getId(), build.getType().name(),
                        build.getReleaseId(), build.getReleaseNumber(), build.getEnvironmentId(),
                        build.getJenkinsBuildNumber(), build.getJenkinsUrl(), items(build)));
        meters.counter("inetpublish.builds.started", "type", build.getType().name()).increment();
    }

    void finished(Build build) {
        List<ComponentVersion> items = items(build);
        List<BuildFinished.Artifact> artifacts = build.getArtifacts().stream()
                .map(a -> new BuildFinished.Artifact(a.getFileName(), a.getRelativePath(), a.getSize(), a.getSha256(),
                        downloadPath(build, a.getRelativePath())))
                .toList();
        outbox.publish(EventTypes.BUILD_FINISHED, build.requestedBy(),
                new BuildFinished(BuildFinished.SCHEMA_VERSION, build.getId(), build.getType().name(),
                        build.getResult(), build.getReason(), build.getReleaseId(), build.getReleaseNumber(),
                        build.getReleaseTitle(), build.getEnvironmentId(), build.getEnvironmentName(),
                        build.getJenkinsBuildNumber(), build.getJenkinsUrl(), items, artifacts));
        meters.counter("inetpublish.builds.finished", "type", build.getType().name(), "result", build.getResult())
                .increment();
        if (build.getFinishedAt() != null) {
            Timer.builder("inetpublish.builds.duration").description("From trigger to result")
                    .tags("type", build.getType().name(), "result", build.getResult()).register(meters)
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
