package io.inetpublish.release.rollout;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.CustomerArchived;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code release-service.rollout-progress}: this service's own {@code release.deployed}, {@code schedule.changed},
 * {@code schedule.done}, {@code release.withdrawn} and customer-service's {@code environment.versions-synced},
 * {@code customer.archived} move the states of rollout targets ({@link RolloutProgress}).
 */
@Configuration(proxyBeanMethods = false)
class RolloutProgressConsumer {

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
