package io.inetpublish.customer.events;

import java.util.List;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.messaging.EventConsumer;
import io.inetpublish.common.messaging.RejectedEventException;
import io.inetpublish.customer.sync.SyncCommand;
import io.inetpublish.customer.sync.VersionSyncService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code customer-service.version-sync}: a recorded customer deployment or rollback ({@code release.deployed})
 * and a successful test deployment ({@code build.finished}, TEST_DEPLOY + SUCCESS) become a {@link SyncCommand}
 * applied by {@link VersionSyncService}, which answers with {@code environment.versions-synced} per environment.
 * Other builds are acknowledged without effect. A command the service refuses as malformed is dead-lettered at once;
 * anything else that fails is retried.
 */
@Configuration(proxyBeanMethods = false)
class VersionSyncConsumer {

    static final String CUSTOMER_DEPLOYMENT = "CUSTOMER_DEPLOYMENT";
    static final String TEST_DEPLOYMENT = "TEST_DEPLOYMENT";
    static final String ROLLBACK = "ROLLBACK";

    @Bean
    EventConsumer versionSyncEventConsumer(VersionSyncService sync) {
        return EventConsumer.forPurpose("version-sync")
                .on(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class, event -> apply(sync, fromDeployment(event)))
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class, event -> {
                    BuildFinished build = event.payload();
                    if ("TEST_DEPLOY".equals(build.buildType()) && "SUCCESS".equals(build.result())) {
                        apply(sync, fromTestDeployment(event));
                    }
                })
                .build();
    }

    static SyncCommand fromDeployment(EventEnvelope<ReleaseDeployed> event) {
        ReleaseDeployed deployed = event.payload();
        return new SyncCommand(deployed.deploymentId(), ROLLBACK.equals(deployed.kind()) ? ROLLBACK
                : CUSTOMER_DEPLOYMENT, deployed.releaseId(), deployed.releaseNumber(), deployed.updateType(),
                deployed.configChange(), deployed.targets(), actor(event));
    }

    static SyncCommand fromTestDeployment(EventEnvelope<BuildFinished> event) {
        BuildFinished build = event.payload();
        if (build.environmentId() == null) {
            throw new RejectedEventException("test deployment " + build.buildId() + " names no environment");
        }
        return new SyncCommand(build.buildId(), TEST_DEPLOYMENT, build.releaseId(), build.releaseNumber(), null,
                false, List.of(new ReleaseDeployed.Target(build.environmentId(), build.items())), actor(event));
    }

    private static Actor actor(EventEnvelope<?> event) {
        return event.actor();
    }

    private static void apply(VersionSyncService sync, SyncCommand command) {
        try {
            sync.apply(command);
        } catch (IllegalArgumentException ex) {
            throw new RejectedEventException("version sync refused the command: " + ex.getMessage(), ex);
        }
    }
}
