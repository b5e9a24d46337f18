package io.inetpublish.release.build;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildStarted;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code release-service.build-outcomes}: {@code build.started} and {@code build.finished} from build-service
 * become the record's timeline and, for a completed packaging, its package files; {@code build.bundle-removed} marks
 * a package removed, on the timeline too ({@link BuildOutcomes}). Builds of
 * records this service does not know are logged and acknowledged; any failure is retried and finally dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class BuildOutcomesConsumer {

    @Bean
    EventConsumer buildOutcomesEventConsumer(BuildOutcomes outcomes) {
        return EventConsumer.forPurpose("build-outcomes")
                .on(EventTypes.BUILD_STARTED, BuildStarted.class,
                        event -> outcomes.requested(event.payload(), event.actor()))
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class,
                        event -> outcomes.apply(event.payload(), event.actor()))
                .on(EventTypes.BUILD_BUNDLE_REMOVED, AuditEvent.class,
                        event -> outcomes.bundleRemoved(event.payload(), event.actor(), event.occurredAt()))
                .build();
    }
}
