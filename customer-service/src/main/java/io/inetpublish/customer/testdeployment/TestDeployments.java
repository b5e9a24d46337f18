package io.inetpublish.customer.testdeployment;

import java.util.List;

import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.messaging.RejectedEventException;
import io.inetpublish.customer.sync.SyncCommand;

/**
 * What a completed test deployment means here: the versions it deployed are now the test environment's, synced like
 * a customer deployment's (the build is the deployment, so it is synced once).
 */
public final class TestDeployments {

    private TestDeployments() {
    }

    /** The sync of a completed test deployment's environment; a build that names no environment is refused. */
    public static SyncCommand syncCommand(EventEnvelope<BuildFinished> event) {
        BuildFinished build = event.payload();
        if (build.environmentId() == null) {
            throw new RejectedEventException("test deployment " + build.buildId() + " names no environment");
        }
        return new SyncCommand(build.buildId(), SyncSource.TEST_DEPLOYMENT, build.releaseId(), build.releaseNumber(),
                null, false, List.of(new ReleaseDeployed.Target(build.environmentId(), build.items())),
                event.actor());
    }
}
