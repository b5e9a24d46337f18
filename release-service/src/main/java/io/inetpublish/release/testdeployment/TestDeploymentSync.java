package io.inetpublish.release.testdeployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.ReleaseRecordRepository;
import io.inetpublish.release.release.Releases;
import io.inetpublish.release.release.TimelineAction;
import io.inetpublish.release.release.TimelineEntry;
import io.inetpublish.release.release.TimelineFacts;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * customer-service synced a test environment's versions after a test deployment (the deployment id is then the
 * build id): the release's timeline records it once per build and environment.
 */
@Slf4j
@Component
@RequiredArgsConstructor
public class TestDeploymentSync {

    private final ReleaseRecordRepository releaseRecords;
    private final Releases releases;

    /** Records the sync with its {@code changes} ({@code [{component, from, to}]}); an unknown release is ignored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSynced(EnvironmentVersionsSynced event, Actor actor, List<Map<String, Object>> changes,
            Instant now) {
        Optional<ReleaseRecord> release = event.releaseId() == null ? Optional.empty()
                : releaseRecords.findForUpdate(event.releaseId());
        if (release.isEmpty()) {
            log.warn("versions-synced for unknown release {} (build {}); ignored", event.releaseId(),
                    event.deploymentId());
            return;
        }
        releases.record(release.get(), TimelineEntry.of(release.get(), TimelineAction.VERSIONS_SYNCED, actor, now)
                .environment(event.environmentId(), event.environmentName())
                .ref(event.deploymentId())
                .dedupKey("synced:" + event.deploymentId() + ":" + event.environmentId())
                .facts(TimelineFacts.with("kind", event.source()).and("changes", changes)));
    }
}
