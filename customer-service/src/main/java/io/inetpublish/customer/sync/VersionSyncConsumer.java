package io.inetpublish.customer.sync;

import java.util.List;

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
 * {@link VersionSyncService}, which answers with {@code environment.versions-synced} per environment; the deployments
 * of a batch of deliveries are applied together ({@link VersionSyncService#applyAll}). Other builds are acknowledged
 * without effect. A command the
 * service refuses as malformed, and a deployment of a kind this version does not know, are dead-lettered at once
 * (replayable after an upgrade); anything else that fails is retried.
 */
@Configuration(proxyBeanMethods = false)
class VersionSyncConsumer {

    @Bean
    EventConsumer versionSyncEventConsumer(VersionSyncService sync) {
        return EventConsumer.forPurpose("version-sync")
                // one thread applying batches: events for one environment are applied in the order they arrived
                // (docs/events.md, "Threads")
                .concurrency(1)
                // a batch costs about ten statements however many deployments it holds (VersionSyncService.applyAll)
                .batchSize(100)
                .onBatches(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class,
                        events -> apply(sync, events.stream().map(VersionSyncConsumer::fromDeployment).toList()))
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class, event -> {
                    if (event.payload().testDeploymentCompleted()) {
                        apply(sync, List.of(TestDeployments.syncCommand(event)));
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

    private static void apply(VersionSyncService sync, List<SyncCommand> commands) {
        try {
            sync.applyAll(commands);
        } catch (IllegalArgumentException ex) {
            throw new RejectedEventException("version sync refused the command: " + ex.getMessage(), ex);
        }
    }
}
