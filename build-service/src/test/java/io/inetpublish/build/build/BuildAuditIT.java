package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.inetpublish.build.WireMockSupport;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PublishedAuditEvents;
import io.inetpublish.common.test.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What build-service tells the audit trail: who started a build, who cancelled it (the result follows as
 * {@code build.finished}), and who changed the Jenkins settings — never the API token itself.
 */
class BuildAuditIT extends JenkinsStubs {

    @Test
    void aTriggerAndACancellationNameTheirOwnPeople() {
        long queueId = newQueueId();
        UUID releaseId = stubRelease("R-" + queueId, "gateway@1.0.0");
        stubTriggerQueued(packageJob, queueId);
        MvcTestResult triggered = mvc.post().uri("/api/builds").with(TestTokens.bearer("ou_tess", "Tess", Role.SUPPORT))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"releaseId\":\"%s\",\"type\":\"PACKAGE\"}".formatted(releaseId)).exchange();
        assertThat(triggered).hasStatus(201);
        String id = body(triggered).get("id").asString();
        wm.stubFor(post(urlEqualTo("/jenkins/queue/cancelItem?id=" + queueId)).willReturn(aResponse().withStatus(204)));
        stubQueueCancelled(queueId);

        assertThat(mvc.post().uri("/api/builds/" + id + "/cancel").with(TestTokens.bearer("ou_sam", "Sam",
                Role.SUPPORT))).hasStatus(202);

        PublishedAuditEvents published = new PublishedAuditEvents(jdbc, json);
        EventEnvelope<AuditEvent> trigger = published.one(EventTypes.BUILD_TRIGGERED, id);
        assertThat(trigger.actor().name()).isEqualTo("Tess");
        assertThat(trigger.payload().target().kind()).isEqualTo(AuditEvent.Kind.BUILD);
        assertThat(trigger.payload().fact("buildType")).isEqualTo("PACKAGE");
        assertThat(trigger.payload().fact(AuditEvent.Fact.RELEASE_NUMBER)).isEqualTo("R-" + queueId);
        assertThat(trigger.payload().versions()).containsExactly(new AuditEvent.VersionMove("gateway", null, "1.0.0"));
        EventEnvelope<AuditEvent> cancel = published.one(EventTypes.BUILD_CANCELLED, id);
        assertThat(cancel.actor().userId()).isEqualTo("ou_sam");
        assertThat(cancel.payload().action()).isEqualTo(Action.BUILD_CANCELLED);
        assertThat(cancel.payload().fact("status")).isEqualTo("QUEUED");
        assertThat(cancel.payload().fact("requestedBy")).isEqualTo("Tess");
        assertThat(events(EventTypes.BUILD_FINISHED, id)).singleElement()
                .satisfies(e -> assertThat(e.at("/payload/result").asString()).isEqualTo("ABORTED"));
    }

    @Test
    void aRefusedCancellationIsNotAudited() {
        long queueId = newQueueId();
        String id = queuedPackage(queueId);

        assertThat(mvc.post().uri("/api/builds/" + id + "/cancel").with(TestTokens.bearer(Role.DEVELOPER)))
                .hasStatus(403);

        assertThat(new PublishedAuditEvents(jdbc, json).about(EventTypes.BUILD_CANCELLED, id)).isEmpty();
    }

    @Test
    void theSettingsNameWhoChangedThemAsAPerson() {
        String body = """
                {"baseUrl":"%s","username":"%s","apiToken":"%s","testDeployJob":"%s","packageJob":"%s",
                 "parameters":{"releaseNumber":"RELEASE_NUMBER","components":"COMPONENTS","targetEnvironment":"TARGET_ENV"}}
                """.formatted(WireMockSupport.jenkinsUrl(), USER, TOKEN, deployJob, packageJob);
        assertThat(mvc.put().uri("/api/builds/settings").with(TestTokens.bearer("ou_ada", "Ada", Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(body)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.updatedBy.id", v -> v.assertThat().isEqualTo("ou_ada"))
                .hasPathSatisfying("$.updatedBy.name", v -> v.assertThat().isEqualTo("Ada"));
        assertThat(mvc.get().uri("/api/builds/settings")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.updatedBy.id", v -> v.assertThat().isEqualTo("ou_ada"));
    }

    @Test
    void aSettingsChangeNamesTheChangedFieldsButNotTheToken() {
        String newToken = "99ff88ee77dd66cc55bb44aa3322110099";
        String oldJob = packageJob;
        packageJob = "it/package-renamed-" + UUID.randomUUID().toString().substring(0, 8);

        saveSettings(WireMockSupport.jenkinsUrl(), newToken);

        List<String> envelopes = jdbc.queryForList("""
                select envelope::text from outbox_event where event_type = ? order by created_at desc limit 1
                """, String.class, EventTypes.INTEGRATION_SETTINGS_CHANGED);
        assertThat(envelopes.get(0)).doesNotContain(newToken).doesNotContain(TOKEN);
        List<EventEnvelope<AuditEvent>> saved = new PublishedAuditEvents(jdbc, json)
                .about(EventTypes.INTEGRATION_SETTINGS_CHANGED, "jenkins");
        AuditEvent changed = saved.get(saved.size() - 1).payload();
        assertThat(changed.target()).isEqualTo(new AuditEvent.Target(AuditEvent.Kind.INTEGRATION_SETTINGS, "jenkins", "Jenkins"));
        assertThat(changed.changes()).containsExactly(new AuditEvent.Change("packageJob", oldJob, packageJob));
        assertThat(changed.fact("apiTokenChanged")).isEqualTo("true");
    }
}
