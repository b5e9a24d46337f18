package io.inetpublish.release.events;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.CustomerArchived;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.messaging.EventConsumer;
import io.inetpublish.release.build.BuildOutcomes;
import io.inetpublish.release.deployment.DeploymentSync;
import io.inetpublish.release.rollout.RolloutProgress;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What release-service consumes:
 * <ul>
 * <li>{@code release-service.build-outcomes} — {@code build.started} and {@code build.finished} from build-service:
 * the release's timeline and, for a successful packaging, its package files ({@link BuildOutcomes});
 * <li>{@code release-service.sync-status} — {@code environment.versions-synced} from customer-service: the
 * deployment's environment turns SYNCED ({@link DeploymentSync});
 * <li>{@code release-service.rollout-progress} — this service's own {@code release.deployed}, {@code schedule.changed},
 * {@code schedule.done}, {@code release.withdrawn} and customer-service's {@code environment.versions-synced},
 * {@code customer.archived}: the states of rollout targets ({@link RolloutProgress}).
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

    @Bean
    EventConsumer rolloutProgressEventConsumer(RolloutProgress progress) {
        return EventConsumer.forPurpose("rollout-progress")
                .on(EventTypes.RELEASE_DEPLOYED, ReleaseDeployed.class,
                        event -> progress.deployed(event.payload(), event.actor()))
                .on(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, EnvironmentVersionsSynced.class,
                        event -> progress.synced(event.payload(), event.actor()))
                .on(EventTypes.SCHEDULE_CHANGED, AuditEvent.class,
                        event -> progress.scheduleChanged(event.payload(), event.actor()))
                .on(EventTypes.SCHEDULE_DONE, AuditEvent.class,
                        event -> progress.scheduleDone(event.payload(), event.actor()))
                .on(EventTypes.RELEASE_WITHDRAWN, AuditEvent.class,
                        event -> progress.releaseWithdrawn(event.payload(), event.actor()))
                .on(EventTypes.CUSTOMER_ARCHIVED, CustomerArchived.class,
                        event -> progress.customerArchived(event.payload(), event.actor()))
                .build();
    }
}
