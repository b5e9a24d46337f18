package io.inetpublish.release.deployment;

import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code release-service.sync-status}: customer-service's {@code environment.versions-synced} turns the
 * deployment's environment SYNCED ({@link DeploymentSync}). Deployments this service does not know are logged and
 * acknowledged; any failure is retried and finally dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class SyncStatusConsumer {

    @Bean
    EventConsumer syncStatusEventConsumer(DeploymentSync sync) {
        return EventConsumer.forPurpose("sync-status")
                .on(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, EnvironmentVersionsSynced.class,
                        event -> sync.markSynced(event.payload(), event.actor()))
                .build();
    }
}
