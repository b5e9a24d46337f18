package io.inetpublish.release;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PublishedAuditEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * What release-service tells the audit trail (operation log in customer-service): editing and withdrawing a release
 * record, creating, changing, cancelling and completing a schedule — each an event in the same transaction as the
 * change, naming the person, the target and what changed (values, not sentences).
 */
@ReleaseIntegrationTest
class AuditEventsIT extends ReleaseItSupport {

    PublishedAuditEvents published;

    @BeforeEach
    void reader() {
        published = new PublishedAuditEvents(jdbc, json);
    }

    @Test
    void anEditNamesTheEditorAndEachChangedFieldAndVersion() {
        String component = unique("au");
        JsonNode release = submitRelease(component);
        String id = release.get("id").asString();
        String body = """
                {"title":"New title","tickets":[{"id":"T-2"}],"items":[{"component":"%s","version":"1.3.0"}],
                 "updateType":"DEV","configChange":true,"configNotes":"set foo=bar","manual":"# Steps\\n1. stop\\n2. replace",
                 "description":"fixes the thing","version":%d}""".formatted(component, release.get("version").asLong());

        assertThat(mvc.put().uri("/api/releases/{id}", id).with(bearer("ou_editor", "Edith", Role.DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON).content(body)).hasStatusOk();

        EventEnvelope<AuditEvent> edited = published.one(EventTypes.RELEASE_EDITED, id);
        assertThat(edited.actor().userId()).isEqualTo("ou_editor");
        assertThat(edited.actor().name()).isEqualTo("Edith");
        AuditEvent audit = edited.payload();
        assertThat(audit.action()).isEqualTo(Action.RELEASE_EDITED);
        assertThat(audit.target()).isEqualTo(new AuditEvent.Target(AuditEvent.Kind.RELEASE, id, release.get("number").asString()));
        assertThat(audit.changes()).extracting(AuditEvent.Change::field)
                .containsExactly("title", "updateType", "tickets");
        assertThat(audit.changes().get(1)).isEqualTo(new AuditEvent.Change("updateType", "HOT", "DEV"));
        assertThat(audit.versions()).containsExactly(new AuditEvent.VersionMove(component, "1.2.3", "1.3.0"));
        assertThat(audit.fact(AuditEvent.Fact.RELEASE_NUMBER)).isEqualTo(release.get("number").asString());
    }

    @Test
    void aWithdrawalNamesTheReasonAndTheStatusItEnded() {
        JsonNode release = submitRelease(unique("aw"));
        String id = release.get("id").asString();

        assertThat(mvc.post().uri("/api/releases/{id}/withdraw", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"duplicate\"}")).hasStatusOk();
        assertThat(mvc.post().uri("/api/releases/{id}/withdraw", id)).hasStatus(HttpStatus.CONFLICT);

        AuditEvent withdrawn = published.one(EventTypes.RELEASE_WITHDRAWN, id).payload();
        assertThat(withdrawn.changes()).containsExactly(new AuditEvent.Change("status", "SUBMITTED", "WITHDRAWN"));
        assertThat(withdrawn.fact("reason")).isEqualTo("duplicate");
    }

    @Test
    void aSchedulesLifeIsPublishedStepByStepAndItsCompletionByTheDeployment() {
        UUID customer = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        customerService.environment(prod, customer, "Gamma Co", unique("Owner"), "prod");
        JsonNode release = submitRelease(unique("as"));
        String releaseId = release.get("id").asString();
        String planned = Instant.now().plus(Duration.ofDays(2)).atZone(ZoneId.of("Asia/Shanghai"))
                .toOffsetDateTime().toString();
        String body = """
                {"customerId":"%s","environmentIds":["%s"],"plannedAt":"%s","timeZone":"Asia/Shanghai",
                 "content":"update gateway","title":"%s","releaseIds":["%s"]}""";
        MvcTestResult created = mvc.post().uri("/api/schedules").with(bearer("ou_planner", "Pat", Role.SUPPORT))
                .contentType(MediaType.APPLICATION_JSON).content(body.formatted(customer, prod, planned, "Night",
                        releaseId)).exchange();
        assertThat(created).hasStatus(HttpStatus.CREATED);
        String id = read(created).get("id").asString();
        assertThat(mvc.put().uri("/api/schedules/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(customer, prod, planned, "Night window", releaseId))).hasStatusOk();
        assertThat(recordDeployment(releaseId, """
                {"customerId":"%s","environmentIds":["%s"],"notes":"done in the night window"}"""
                .formatted(customer, prod))).hasStatus(201);

        EventEnvelope<AuditEvent> create = published.one(EventTypes.SCHEDULE_CREATED, id);
        assertThat(create.actor().name()).isEqualTo("Pat");
        assertThat(create.payload().target()).isEqualTo(new AuditEvent.Target(AuditEvent.Kind.SCHEDULE, id, "Night"));
        assertThat(create.payload().changes()).contains(new AuditEvent.Change("title", null, "Night"),
                new AuditEvent.Change("releases", null, release.get("number").asString()));
        assertThat(create.payload().fact(AuditEvent.Fact.CUSTOMER_ID)).isEqualTo(customer.toString());
        assertThat(published.one(EventTypes.SCHEDULE_CHANGED, id).payload().changes())
                .containsExactly(new AuditEvent.Change("title", "Night", "Night window"));
        AuditEvent done = published.one(EventTypes.SCHEDULE_DONE, id).payload();
        assertThat(done.changes()).containsExactly(new AuditEvent.Change("status", "PLANNED", "DONE"));
        String deploymentId = jdbc.queryForObject("select id::text from customer_deployment where release_id = ?",
                String.class, UUID.fromString(releaseId));
        assertThat(done.fact(AuditEvent.Fact.DEPLOYMENT_ID)).isEqualTo(deploymentId);
    }

    @Test
    void aCancelledScheduleSaysWhy() {
        UUID customer = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        customerService.environment(prod, customer, "Delta Co", unique("Owner"), "prod");
        MvcTestResult created = mvc.post().uri("/api/schedules").contentType(MediaType.APPLICATION_JSON).content("""
                {"customerId":"%s","environmentIds":["%s"],"plannedAt":"%s","content":"x","title":"Later"}"""
                .formatted(customer, prod, Instant.now().plus(Duration.ofDays(3)))).exchange();
        String id = read(created).get("id").asString();

        assertThat(mvc.post().uri("/api/schedules/{id}/cancel", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"postponed\"}")).hasStatusOk();

        List<EventEnvelope<AuditEvent>> changed = published.about(EventTypes.SCHEDULE_CHANGED, id);
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).payload().action()).isEqualTo(Action.SCHEDULE_CANCELLED);
        assertThat(changed.get(0).payload().changes())
                .containsExactly(new AuditEvent.Change("status", "PLANNED", "CANCELLED"));
        assertThat(changed.get(0).payload().fact("reason")).isEqualTo("postponed");
    }
}
