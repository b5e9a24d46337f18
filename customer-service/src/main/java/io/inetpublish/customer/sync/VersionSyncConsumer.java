package io.inetpublish.customer.sync;

import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.messaging.EventConsumer;
import io.inetpublish.common.messaging.RejectedEventException;
import io.inetpublish.customer.testdeployment.TestDeployments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code customer-service.version-sync}: a recorded customer deployment or rollback ({@code release.deployed})
 * and a completed test deployment ({@code build.finished}: {@link BuildFinished#testDeploymentCompleted()}, so
 * SUCCESS and UNSTABLE; see {@link TestDeployments}) become a {@link SyncCommand} applied by
 * {@link VersionSyncService}, which answers with {@code environment.versions-synced} per environment. Other builds are acknowledged without effect. A command the
 * service refuses as malformed, and a deployment of a kind this version does not know, are dead-lettered at once
 * (replayable after an upgrade); anything else that fails is retried.
 */
@Configuration(proxyBeanMethods = false)
class VersionSyncConsumer {

    @Bean
    EventConsumer versionSyncEventConsumer(VersionSyncService sync) {
        return EventConsumer.forPurpose("version-sync")
                // one thread applying batches: it locks the environments it changes, and several threads' batches
                // would lock the same environments in different orders (docs/events.md, "Threads")
                .concurrency(1)
                .on(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class, event -> apply(sync, fromDeployment(event)))
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class, event -> {
                    if (event.payload().testDeploymentCompleted()) {
                        apply(sync, TestDeployments.syncCommand(event));
                    }
                })
                .build();
    }

    static SyncCommand fromDeployment(EventEnvelope<ReleaseDeployed> event) {
        ReleaseDeployed deployed = event.payload();
        if (deployed.syncSource() == null) {
            throw new RejectedEventException("deployment " + deployed.deploymentId()
                    + " is of a kind this version does not know; replay it after the upgrade");
        }
        return new SyncCommand(deployed.deploymentId(), deployed.syncSource(), deployed.releaseId(),
                deployed.releaseNumber(), deployed.updateType(), deployed.configChange(), deployed.targets(),
                event.actor());
    }

    private static void apply(VersionSyncService sync, SyncCommand command) {
        try {
            sync.apply(command);
        } catch (IllegalArgumentException ex) {
            throw new RejectedEventException("version sync refused the command: " + ex.getMessage(), ex);
        }
    }
}
