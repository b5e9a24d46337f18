package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.inetpublish.build.BuildServiceIntegrationTest;
import io.inetpublish.build.WireMockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jenkins, release-service and customer-service as WireMock stubs written from docs/integrations.md §3 and the two
 * services' APIs. Every test gets its own job names and queue ids so tests never see each other's stubs or rows.
 */
@BuildServiceIntegrationTest
abstract class JenkinsStubs {

    static final String USER = "ci-bot";
    static final String TOKEN = "11aa22bb33cc44dd55ee66ff77889900aa";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BuildFollower follower;

    @Autowired
    CircuitBreakerRegistry breakers;

    WireMockServer wm;
    String deployJob;
    String packageJob;

    @BeforeEach
    void resetJenkins() {
        wm = WireMockSupport.server();
        wm.resetAll();
        breakers.circuitBreaker("jenkins").reset();
        breakers.circuitBreaker("release-service").reset();
        breakers.circuitBreaker("customer-service").reset();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        deployJob = "it/deploy-" + suffix;
        packageJob = "it/package-" + suffix;
        saveSettings(WireMockSupport.jenkinsUrl(), TOKEN);
        // Jenkins answers 401 to any request whose Basic credentials are not the configured user's API token
        wm.stubFor(any(urlPathMatching("/jenkins/.*")).atPriority(1)
                .withHeader("Authorization", notContaining(basic(USER, TOKEN)))
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"Jenkins\"")
                        .withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("<html><body>Invalid password/token for user: " + USER + "</body></html>")));
    }

    void saveSettings(String baseUrl, String token) {
        String body = """
                {"baseUrl":"%s","username":"%s","apiToken":"%s","testDeployJob":"%s","packageJob":"%s",
                 "parameters":{"releaseNumber":"RELEASE_NUMBER","components":"COMPONENTS","targetEnvironment":"TARGET_ENV"}}
                """.formatted(baseUrl, USER, token, deployJob, packageJob);
        assertThat(mvc.put().uri("/api/builds/settings").contentType(MediaType.APPLICATION_JSON).content(body))
                .hasStatusOk();
    }

    static String basic(String user, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    static long newQueueId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 900_000_000);
    }

    static String jobUrl(String job) {
        StringBuilder path = new StringBuilder("/jenkins");
        for (String segment : job.split("/")) {
            path.append("/job/").append(segment);
        }
        return path.toString();
    }

    // ---- release-service and customer-service -------------------------------------------------------------

    UUID stubRelease(String number, String... componentVersions) {
        return stubRelease("SUBMITTED", number, componentVersions);
    }

    /** A release in the given status (release-service's ReleaseStatus name) with component@version items. */
    UUID stubReleaseIn(String status, String number, String... componentVersions) {
        return stubRelease(status, number, componentVersions);
    }

    private UUID stubRelease(String status, String number, String[] componentVersions) {
        UUID id = UUID.randomUUID();
        StringBuilder items = new StringBuilder();
        for (String cv : componentVersions) {
            String[] parts = cv.split("@");
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"component\":\"%s\",\"version\":\"%s\"}".formatted(parts[0], parts[1]));
        }
        wm.stubFor(get(urlEqualTo("/api/releases/" + id)).willReturn(okJson("""
                {"id":"%s","number":"%s","title":"Fix for %s","status":"%s","items":[%s]}
                """.formatted(id, number, number, status, items))));
        return id;
    }

    UUID stubEnvironment(String name, boolean internalTest, String jenkinsTarget) {
        UUID id = UUID.randomUUID();
        wm.stubFor(get(urlEqualTo("/api/environments/" + id)).willReturn(okJson("""
                {"id":"%s","customerId":"%s","customerName":"Internal","name":"%s","type":"TEST",
                 "internalTest":%s,"jenkinsTarget":%s}
                """.formatted(id, UUID.randomUUID(), name, internalTest,
                jenkinsTarget == null ? "null" : "\"" + jenkinsTarget + "\""))));
        return id;
    }

    // ---- Jenkins ------------------------------------------------------------------------------------------

    void stubTriggerQueued(String job, long queueId) {
        stubTrigger(job, aResponse().withStatus(201)
                .withHeader("Location", wm.baseUrl() + "/jenkins/queue/item/" + queueId + "/"));
    }

    void stubTrigger(String job, ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlPathEqualTo(jobUrl(job) + "/buildWithParameters")).willReturn(response));
    }

    void stubQueueWaiting(long queueId, String why) {
        wm.stubFor(get(urlEqualTo("/jenkins/queue/item/" + queueId + "/api/json")).willReturn(okJson("""
                {"_class":"hudson.model.Queue$WaitingItem","actions":[],"blocked":false,"buildable":false,"id":%d,
                 "inQueueSince":1700000000000,"params":"","stuck":false,"task":{"name":"job"},"url":"queue/item/%d/",
                 "why":"%s","timestamp":1700000005000}
                """.formatted(queueId, queueId, why))));
    }

    void stubQueueLeft(long queueId, String job, int number) {
        stubQueueLeft(queueId, job, number, 0);
    }

    /** The queue item left for build {@code number}; Jenkins takes {@code delayMillis} to say so. */
    void stubQueueLeft(long queueId, String job, int number, int delayMillis) {
        wm.stubFor(get(urlEqualTo("/jenkins/queue/item/" + queueId + "/api/json")).willReturn(okJson("""
                {"_class":"hudson.model.Queue$LeftItem","actions":[],"blocked":false,"buildable":false,"id":%d,
                 "inQueueSince":1700000000000,"params":"","stuck":false,"url":"queue/item/%d/","why":null,
                 "cancelled":false,"executable":{"_class":"hudson.model.FreeStyleBuild","number":%d,"url":"%s%s/%d/"}}
                """.formatted(queueId, queueId, number, wm.baseUrl(), jobUrl(job), number))
                .withFixedDelay(delayMillis)));
    }

    void stubQueueCancelled(long queueId) {
        wm.stubFor(get(urlEqualTo("/jenkins/queue/item/" + queueId + "/api/json")).willReturn(okJson("""
                {"_class":"hudson.model.Queue$LeftItem","actions":[],"blocked":false,"buildable":false,"id":%d,
                 "inQueueSince":1700000000000,"params":"","stuck":false,"url":"queue/item/%d/","why":null,
                 "cancelled":true,"executable":null}
                """.formatted(queueId, queueId))));
    }

    void stubQueueGone(long queueId) {
        wm.stubFor(get(urlEqualTo("/jenkins/queue/item/" + queueId + "/api/json"))
                .willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));
    }

    void stubBuild(String job, int number, long queueId, boolean building, String result, String... artifactPaths) {
        StringBuilder artifacts = new StringBuilder();
        for (String path : artifactPaths) {
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            artifacts.append(artifacts.isEmpty() ? "" : ",").append("""
                    {"displayPath":"%s","fileName":"%s","relativePath":"%s"}""".formatted(fileName, fileName, path));
        }
        wm.stubFor(get(urlEqualTo(jobUrl(job) + "/" + number + "/api/json")).willReturn(okJson("""
                {"_class":"hudson.model.FreeStyleBuild","actions":[],"artifacts":[%s],"building":%s,
                 "description":null,"displayName":"#%d","duration":%d,"estimatedDuration":12000,"executor":null,
                 "fullDisplayName":"job #%d","id":"%d","inProgress":%s,"keepLog":false,"number":%d,"queueId":%d,
                 "result":%s,"timestamp":1700000010000,"url":"%s%s/%d/"}
                """.formatted(artifacts, building, number, building ? 0 : 12345, number, number, building, number,
                queueId, result == null ? "null" : "\"" + result + "\"", wm.baseUrl(), jobUrl(job), number))));
    }

    void stubJobBuilds(String job, String buildsJson) {
        wm.stubFor(get(urlPathEqualTo(jobUrl(job) + "/api/json"))
                .willReturn(okJson("{\"_class\":\"hudson.model.FreeStyleProject\",\"builds\":[" + buildsJson + "]}")));
    }

    void stubArtifact(String job, int number, String relativePath, byte[] content) {
        wm.stubFor(get(urlEqualTo(jobUrl(job) + "/" + number + "/artifact/" + relativePath))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                        .withBody(content)));
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
    }

    // ---- the API as a user sees it -------------------------------------------------------------------------

    MvcTestResult trigger(UUID releaseId, String type, UUID environmentId) {
        return trigger(releaseId, type, environmentId, null);
    }

    /** @param language the request's {@code Accept-Language}; null: none (Chinese) */
    MvcTestResult trigger(UUID releaseId, String type, UUID environmentId, String language) {
        String body = environmentId == null
                ? "{\"releaseId\":\"%s\",\"type\":\"%s\"}".formatted(releaseId, type)
                : "{\"releaseId\":\"%s\",\"type\":\"%s\",\"environmentId\":\"%s\"}".formatted(releaseId, type,
                        environmentId);
        var request = mvc.post().uri("/api/builds").contentType(MediaType.APPLICATION_JSON).content(body);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.exchange();
    }

    JsonNode body(MvcTestResult result) {
        try {
            return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
        } catch (java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    JsonNode build(String id) {
        return build(id, null);
    }

    /** @param language the request's {@code Accept-Language}; null: none (Chinese) */
    JsonNode build(String id, String language) {
        var request = mvc.get().uri("/api/builds/" + id);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        MvcTestResult result = request.exchange();
        assertThat(result).hasStatusOk();
        return body(result);
    }

    /** A package build of a fresh release that Jenkins queued as {@code queueId}; its id. */
    String queuedPackage(long queueId) {
        UUID releaseId = stubRelease("R-" + queueId, "gateway@1.0.0");
        stubTriggerQueued(packageJob, queueId);
        MvcTestResult result = trigger(releaseId, "PACKAGE", null);
        assertThat(result).hasStatus(201);
        return body(result).get("id").asString();
    }

    /** A package build that Jenkins started as {@code number}, seen once by the follower. */
    record Running(String id, long queueId) {
    }

    Running runningPackage(int number) {
        long queueId = newQueueId();
        String id = queuedPackage(queueId);
        stubQueueLeft(queueId, packageJob, number);
        follow(id);
        return new Running(id, queueId);
    }

    /** One look of the follower at this build, as its scheduled round would do. */
    JsonNode follow(String id) {
        assertThat(follower.followNow(UUID.fromString(id))).isTrue();
        return build(id);
    }

    long buildsOfRelease(UUID releaseId) {
        return jdbc.queryForObject("select count(*) from build where release_id = ?", Long.class, releaseId);
    }

    List<JsonNode> events(String type, String buildId) {
        return jdbc.queryForList("""
                select envelope::text from outbox_event
                where event_type = ? and envelope -> 'payload' ->> 'buildId' = ? order by created_at
                """, String.class, type, buildId).stream().map(json::readTree).toList();
    }
}
