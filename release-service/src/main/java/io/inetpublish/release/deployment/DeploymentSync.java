package io.inetpublish.release.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.release.TimelineAction;
import io.inetpublish.release.release.TimelineEntry;
import io.inetpublish.release.release.TimelineFacts;
import io.inetpublish.release.testdeployment.TestDeploymentSync;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies customer-service's {@code environment.versions-synced}: the environment of a customer deployment (or
 * rollback) turns SYNCED and the release's timeline says so; a test deployment's sync is recorded by
 * {@link TestDeploymentSync}. Applying the same event twice changes nothing.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class DeploymentSync {

    private final CustomerDeploymentRepository deployments;
    private final TestDeploymentSync testDeployments;
    private final Releases releases;
    private final Clock clock;

    @Transactional
    public void markSynced(EnvironmentVersionsSynced event, Actor actor) {
        Instant now = clock.instant();
        List<Map<String, Object>> changes = changes(event.changes());
        if (event.source() == null) {
            log.warn("versions-synced of deployment {} has a source this version does not know; ignored",
                    event.deploymentId());
            return;
        }
        if (event.isTestDeployment()) {
            testDeployments.recordSynced(event, actor, changes, now);
            return;
        }
        // lock the release first (as recording a deployment does), then read the environment's current state
        Optional<java.util.UUID> releaseId = deployments.findReleaseId(event.deploymentId());
        Optional<DeploymentEnvironment> target = releaseId.isEmpty() ? Optional.empty()
                : Optional.of(releases.lockForChange(releaseId.get()))
                        .flatMap(locked -> deployments.findEnvironment(event.deploymentId(), event.environmentId()));
        if (target.isEmpty()) {
            log.warn("versions-synced for unknown deployment {} / environment {}; ignored", event.deploymentId(),
                    event.environmentId());
            return;
        }
        ReleaseRecord release = releases.lockForChange(releaseId.get());
        DeploymentEnvironment environment = target.get();
        if (!environment.synced(now)) {
            return;
        }
        releases.record(release, TimelineEntry.of(release, TimelineAction.VERSIONS_SYNCED, actor, now)
                .environment(environment.getEnvironmentId(), environment.getEnvironmentName())
                .ref(event.deploymentId())
                .dedupKey("synced:" + event.deploymentId() + ":" + event.environmentId())
                .facts(TimelineFacts.with("kind", environment.getDeployment().getKind().name())
                        .and("changes", changes)));
    }

    /** {@code [{component, from, to}]}, {@code from} null for a component new to the environment. */
    private static List<Map<String, Object>> changes(List<EnvironmentVersionsSynced.Change> changes) {
        if (changes == null) {
            return List.of();
        }
        return changes.stream().map(c -> {
            Map<String, Object> change = new java.util.LinkedHashMap<>();
            change.put("component", c.component());
            change.put("from", c.from());
            change.put("to", c.to());
            return change;
        }).toList();
    }
}
