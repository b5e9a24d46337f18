package io.inetpublish.customer.oplog;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.messaging.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue {@code customer-service.audit-trail}: the other services' changes into the operation log, one entry per
 * event (the inbox skips a redelivery, and the log refuses a second entry with the same event id). Events whose
 * payload is an {@link AuditEvent} ({@link EventTypes#AUDITED}) are recorded as they are; {@code release.submitted}
 * and {@code build.finished}, which other flows read too, are turned into one here. Operator and time are the
 * envelope's: for a build's result, the person who triggered the build.
 */
@Configuration(proxyBeanMethods = false)
class AuditTrailConsumer {

    @Bean
    EventConsumer auditTrailEventConsumer(OperationLog log) {
        EventConsumer.Builder consumer = EventConsumer.forPurpose("audit-trail");
        for (String type : EventTypes.AUDITED) {
            consumer.on(type, AuditEvent.class, event -> record(log, event, event.payload()));
        }
        return consumer
                .on(EventTypes.RELEASE_SUBMITTED, ReleaseSubmitted.class,
                        event -> record(log, event, submitted(event.payload())))
                .on(EventTypes.BUILD_FINISHED, BuildFinished.class,
                        event -> record(log, event, finished(event.payload())))
                .build();
    }

    private static void record(OperationLog log, EventEnvelope<?> event, AuditEvent audit) {
        log.append(event.eventId(), event.occurredAt(), event.actor(), audit);
    }

    static AuditEvent submitted(ReleaseSubmitted release) {
        return AuditEvent.builder(AuditEvent.Kind.RELEASE, Action.RELEASE_SUBMITTED)
                .target(release.releaseId(), release.releaseNumber())
                .release(release.releaseId(), release.releaseNumber())
                .set("title", release.title())
                .set("updateType", release.updateType())
                .set("configChange", release.configChange())
                .versions(null, release.items())
                .fact(AuditEvent.Fact.UPDATE_TYPE, release.updateType())
                .fact(AuditEvent.Fact.CONFIG_CHANGE, release.configChange())
                .build();
    }

    /**
     * A build's result. A delta bundle has no release record: its name (carried in {@code releaseNumber}) is filed as
     * {@code bundleName} with its plan and the records it applies, the same facts build-service's own build entries
     * carry, never as a release number. Why it did not complete is the fact {@code reasonText}, its codes as JSON
     * ({@code {code, args}}, for the web app to word in the reader's language); an event of a build-service from before
     * codes has only an English text, filed as it came as {@code reason}.
     */
    static AuditEvent finished(BuildFinished build) {
        boolean bundle = build.isDeltaBundle();
        BuildFinished.StoredReason reason = build.storedReason();
        return AuditEvent.builder(AuditEvent.Kind.BUILD, Action.BUILD_FINISHED)
                .target(build.buildId(), null)
                .fact("buildType", build.buildType())
                .fact("result", build.result())
                .fact("jenkinsBuildNumber", build.jenkinsBuildNumber())
                .release(build.releaseId(), bundle ? null : build.releaseNumber())
                .fact("bundleName", bundle ? build.releaseNumber() : null)
                .fact("plan", bundle ? build.plan() : null)
                .fact("releaseNumbers", bundle && build.releases() != null && !build.releases().isEmpty()
                        ? String.join(",", build.releases().stream().map(BuildFinished.PlanRelease::releaseNumber)
                                .toList()) : null)
                .fact(AuditEvent.Fact.CUSTOMER_NAME, bundle ? build.customerName() : null)
                .fact("reasonText", reason == null || reason.text() == null ? null : reason.text().toJson())
                .fact("reason", reason == null ? null : reason.legacy())
                .environment(build.environmentId(), build.environmentName())
                .build();
    }
}
