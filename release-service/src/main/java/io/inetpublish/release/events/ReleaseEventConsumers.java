package io.inetpublish.release.events;

import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.messaging.EventConsumer;
import io.inetpublish.release.build.BuildOutcomes;
import io.inetpublish.release.deployment.DeploymentSync;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What release-service consumes:
 * <ul>
 * <li>{@code release-service.build-outcomes} — {@code build.started} and {@code build.finished} from build-service:
 * the release's timeline and, for a successful packaging, its package files ({@link BuildOutcomes});
 * <li>{@code release-service.sync-status} — {@code environment.versions-synced} from customer-service: the
 * deployment's environment turns SYNCED ({@link DeploymentSync}).
 * </ul>
 * Both services ignore (and log) events about releases or deployments they do not know, so those are acknowledged;
 * any failure is retried and finally dead-lettered by the common mechanism.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseEventConsumers {

    @Bean
    EventConsumer buildOutcomesEventConsumer(BuildOutcomes outcomes) {
        return EventConsumer.forPurpose("build-outcomes")
                .on(EventTypes.BUILD_STARTED, BuildStarted.class,
                        event -> outcomes.requested(event.payload(), event.actor()))
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class,
                        event -> outcomes.apply(event.payload(), event.actor()))
                .build();
    }

    @Bean
    EventConsumer syncStatusEventConsumer(DeploymentSync sync) {
        return EventConsumer.forPurpose("sync-status")
                .on(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, EnvironmentVersionsSynced.class,
                        event -> sync.markSynced(event.payload(), event.actor()))
                .build();
    }
}
