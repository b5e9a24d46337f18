package io.inetpublish.release.testdeployment;

import java.time.Instant;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.release.release.ReleaseRecord;
import io.inetpublish.release.release.TimelineAction;
import io.inetpublish.release.release.TimelineEntry;

/**
 * A test deployment on a release's timeline: requested for a test environment, then finished (the record counts as
 * TESTED) or failed. The build's common parts (reference, content hash, facts) are added by the caller,
 * {@code build.BuildOutcomes}, which records packaging builds the same way.
 */
public final class TestDeploymentTimeline {

    private TestDeploymentTimeline() {
    }

    /** Build-service started a test deployment of the record to a test environment. */
    public static TimelineEntry requested(ReleaseRecord release, BuildStarted event, Actor actor, Instant at) {
        return TimelineEntry.of(release, TimelineAction.TEST_DEPLOYMENT_REQUESTED, actor, at)
                .environment(event.environmentId(), null);
    }

    /** The test deployment ended: {@code completed} (SUCCESS or UNSTABLE) finished it, anything else failed it. */
    public static TimelineEntry ended(ReleaseRecord release, BuildFinished event, boolean completed, Actor actor,
            Instant at) {
        return TimelineEntry.of(release,
                        completed ? TimelineAction.TEST_DEPLOYMENT_FINISHED : TimelineAction.TEST_DEPLOYMENT_FAILED,
                        actor, at)
                .environment(event.environmentId(), event.environmentName());
    }
}
