package io.inetpublish.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by the release-service ITs (they all run in the one context of {@link ReleaseIntegrationTest}). */
public abstract class ReleaseItSupport {

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected CustomerServiceStub customerService;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected JsonMapper json;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @AfterEach
    void closeCircuit() {
        customerService.server().resetAll();
        breakers.circuitBreaker("customer-service").reset();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Release items as a body lists them, comma-separated: {@code "gateway=2.3.4"} becomes
     * {@code {"component":"gateway","version":"2.3.4"}}.
     */
    protected static String items(String... componentVersions) {
        StringBuilder items = new StringBuilder();
        for (String item : componentVersions) {
            String[] cv = item.split("=");
            items.append(items.isEmpty() ? "" : ",").append("{\"component\":\"").append(cv[0])
                    .append("\",\"version\":\"").append(cv[1]).append("\"}");
        }
        return items.toString();
    }

    /** {@link #items} of components stubbed as known to customer-service's catalog. */
    protected String knownItems(String... componentVersions) {
        for (String item : componentVersions) {
            customerService.component(item.split("=")[0]);
        }
        return items(componentVersions);
    }

    /** A release body with the given components (each at 1.2.3), all stubbed as known. */
    protected String releaseBody(String title, String ticket, String... components) {
        String items = knownItems(java.util.Arrays.stream(components).map(c -> c + "=1.2.3").toArray(String[]::new));
        return """
                {"title":"%s","tickets":[{"id":"%s","url":"https://tickets.example.com/%s"}],
                 "description":"fixes the thing","items":[%s],"updateType":"HOT","configChange":true,
                 "configNotes":"set foo=bar","manual":"# Steps\\n1. stop\\n2. replace"}"""
                .formatted(title, ticket, ticket, items);
    }

    /** Submits a release and answers its detail JSON. */
    protected JsonNode submit(String body) {
        MvcTestResult result = mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return read(result);
    }

    protected JsonNode submitRelease(String... components) {
        return submit(releaseBody(unique("Release"), unique("T"), components));
    }

    /**
     * Records a customer deployment as the web app does: multipart with the order JSON (which should carry notes)
     * and one small log file as evidence.
     */
    protected MvcTestResult recordDeployment(Object releaseId, String orderJson) {
        return mvc.post().uri("/api/releases/{id}/deployments", releaseId).multipart()
                .file(new MockMultipartFile("deployment", "", MediaType.APPLICATION_JSON_VALUE,
                        orderJson.getBytes(StandardCharsets.UTF_8)))
                .file(new MockMultipartFile("evidence", "deploy.log", "text/plain",
                        "deployed, smoke test passed\n".getBytes(StandardCharsets.UTF_8)))
                .exchange();
    }

    protected JsonNode detail(String releaseId) {
        MvcTestResult result = mvc.get().uri("/api/releases/{id}", releaseId).exchange();
        assertThat(result).hasStatusOk();
        return read(result);
    }

    /**
     * The record's {@code editable} is what the server does with an edit (one rule, {@code Editing}): its detail sent
     * back unchanged as an edit is accepted (changing nothing) when editable, refused with 409 when not.
     *
     * @return {@code editable}
     */
    protected boolean editableAsTheServerEnforces(String releaseId) {
        JsonNode detail = detail(releaseId);
        boolean editable = detail.get("editable").asBoolean();
        MvcTestResult edit = mvc.put().uri("/api/releases/{id}", releaseId).contentType(MediaType.APPLICATION_JSON)
                .content(detail.toString()).exchange();
        assertThat(edit).as("an edit of a record shown with editable=" + editable)
                .hasStatus(editable ? HttpStatus.OK : HttpStatus.CONFLICT);
        return editable;
    }

    protected JsonNode read(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    /** The payloads of the outbox events of one type whose payload field equals the value. */
    protected List<JsonNode> events(String type, String field, Object value) {
        return jdbc.queryForList("""
                select envelope::text from outbox_event
                where event_type = ? and envelope -> 'payload' ->> ? = ? order by created_at
                """, String.class, type, field, String.valueOf(value)).stream()
                .map(text -> json.readTree(text)).toList();
    }

    protected long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
