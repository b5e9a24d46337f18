package io.inetpublish.notify.notification;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.event.ScheduleDue;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code notify-service.feishu-notifications}: the events that become Feishu messages. Each handler runs in
 * the consumer's transaction together with the inbox record, so the notification rows exist if and only if the
 * event counts as handled; the scheduled sender delivers them afterwards.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConsumerConfiguration {

    @Bean
    EventConsumer feishuNotificationsConsumer(NotificationPlanner planner) {
        return EventConsumer.forPurpose("feishu-notifications")
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class, planner::onBuildFinished)
                .on(EventTypes.RELEASE_SUBMITTED, ReleaseSubmitted.class, planner::onReleaseSubmitted)
                // the deployments of a batch together: the groups looked up once, the rows they have with one query
                .onBatches(EventTypes.ENVIRONMENT_VERSIONS_SYNCED, EnvironmentVersionsSynced.class,
                        events -> planner.onEnvironmentVersionsSynced(events))
                .on(EventTypes.SCHEDULE_DUE, ScheduleDue.class, planner::onScheduleDue)
                .on(EventTypes.APPROVAL_REQUESTED, AuditEvent.class, planner::onApprovalRequested)
                .on(EventTypes.APPROVAL_DECIDED, AuditEvent.class, planner::onApprovalDecided)
                .build();
    }
}
