package io.inetpublish.sandbox.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Jenkins emulation speaks the protocol of docs/integrations.md §3, errors included. */
@SpringBootTest
@AutoConfigureMockMvc
class JenkinsSandboxTest {

    static final String TOKEN_AUTH = basic("demo", "sandbox-demo-token");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    SandboxJenkins jenkins;

    @Autowired
    JsonMapper json;

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    MvcTestResult trigger(String jobUrl, String release, String components, String target) {
        var request = mvc.post().uri("/jenkins" + jobUrl + "/buildWithParameters?delay=0sec")
                .header("Authorization", TOKEN_AUTH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("RELEASE_NUMBER", release).param("COMPONENTS", components);
        if (target != null) {
            request = request.param("TARGET_ENV", target);
        }
        return request.exchange();
    }

    JsonNode getJson(String uri) throws Exception {
        MvcTestResult result = mvc.get().uri(uri).header("Authorization", TOKEN_AUTH).exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(result.getResponse().getContentAsString());
    }

    long queueId(MvcTestResult triggered) {
        String location = triggered.getResponse().getHeader("Location");
        assertThat(location).matches("http://localhost(:\\d+)?/jenkins/queue/item/\\d+/");
        return Long.parseLong(location.replaceAll(".*/queue/item/(\\d+)/", "$1"));
    }

    @Test
    void packagesFromQueueToSuccessWithAGrowingLogAndATarGz() throws Exception {
        String release = "R-" + System.nanoTime();
        MvcTestResult triggered = trigger("/job/ops/job/package", release, "gateway=2.3.1\nportal=1.4.0", null);
        assertThat(triggered).hasStatus(201);
        long queueId = queueId(triggered);

        // an identical request while the first is still queued is the same item
        MvcTestResult again = trigger("/job/ops/job/package", release, "gateway=2.3.1\nportal=1.4.0", null);
        assertThat(again).hasStatus(303);
        assertThat(queueId(again)).isEqualTo(queueId);

        JsonNode waiting = getJson("/jenkins/queue/item/" + queueId + "/api/json");
        assertThat(waiting.get("_class").asString()).isEqualTo("hudson.model.Queue$WaitingItem");
        assertThat(waiting.get("why").asString()).startsWith("In the quiet period");

        jenkins.shiftClock(Duration.ofSeconds(3));
        JsonNode left = getJson("/jenkins/queue/item/" + queueId + "/api/json");
        assertThat(left.get("_class").asString()).isEqualTo("hudson.model.Queue$LeftItem");
        assertThat(left.get("cancelled").asBoolean()).isFalse();
        int number = left.at("/executable/number").asInt();
        String buildUri = "/jenkins/job/ops/job/package/" + number;

        JsonNode running = getJson(buildUri + "/api/json");
        assertThat(running.get("building").asBoolean()).isTrue();
        assertThat(running.get("result").isNull()).isTrue();
        assertThat(running.get("queueId").asLong()).isEqualTo(queueId);

        MvcTestResult firstLog = mvc.get().uri(buildUri + "/logText/progressiveText?start=0")
                .header("Authorization", TOKEN_AUTH).exchange();
        assertThat(firstLog.getResponse().getHeader("X-More-Data")).isEqualTo("true");
        long size = Long.parseLong(firstLog.getResponse().getHeader("X-Text-Size"));
        assertThat(firstLog.getResponse().getContentAsString()).startsWith("Started by user demo");

        jenkins.shiftClock(Duration.ofSeconds(10));
        MvcTestResult rest = mvc.get().uri(buildUri + "/logText/progressiveText?start=" + size)
                .header("Authorization", TOKEN_AUTH).exchange();
        assertThat(rest.getResponse().getHeader("X-More-Data")).isNull();
        assertThat(rest.getResponse().getContentAsString()).contains("Packaging portal=1.4.0")
                .endsWith("Finished: SUCCESS\n");

        JsonNode done = getJson(buildUri + "/api/json");
        assertThat(done.get("result").asString()).isEqualTo("SUCCESS");
        String relativePath = done.at("/artifacts/0/relativePath").asString();
        assertThat(relativePath).isEqualTo("dist/" + release + ".tar.gz");

        MvcTestResult artifact = mvc.get().uri(buildUri + "/artifact/" + relativePath)
                .header("Authorization", TOKEN_AUTH).exchange();
        assertThat(artifact).hasStatusOk();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(
                new ByteArrayInputStream(artifact.getResponse().getContentAsByteArray()))) {
            in.transferTo(tar);
        }
        String content = tar.toString(StandardCharsets.UTF_8);
        assertThat(content).contains(release + "/manifest.txt").contains("gateway=2.3.1\nportal=1.4.0");

        JsonNode job = getJson("/jenkins/job/ops/job/package/api/json");
        assertThat(job.at("/builds/0/number").asInt()).isEqualTo(number);
        assertThat(job.at("/builds/0/queueId").asLong()).isEqualTo(queueId);

        // 5 minutes after leaving the queue Jenkins forgets the item
        jenkins.shiftClock(Duration.ofMinutes(5));
        assertThat(mvc.get().uri("/jenkins/queue/item/" + queueId + "/api/json").header("Authorization", TOKEN_AUTH))
                .hasStatus(404);
    }

    @Test
    void aFailMarkerFailsTheDeploymentAndStopAbortsARunningBuild() throws Exception {
        long failing = queueId(trigger("/job/ops/job/deploy-test", "R-FAIL-" + System.nanoTime(), "gateway=1", "bj"));
        long stopped = queueId(trigger("/job/ops/job/deploy-test", "R-stop-" + System.nanoTime(), "gateway=1", "bj"));
        jenkins.shiftClock(Duration.ofSeconds(3));
        int failNumber = getJson("/jenkins/queue/item/" + failing + "/api/json").at("/executable/number").asInt();
        int stopNumber = getJson("/jenkins/queue/item/" + stopped + "/api/json").at("/executable/number").asInt();

        assertThat(mvc.post().uri("/jenkins/job/ops/job/deploy-test/" + stopNumber + "/stop")
                .header("Authorization", TOKEN_AUTH)).hasStatus(302);
        assertThat(getJson("/jenkins/job/ops/job/deploy-test/" + stopNumber + "/api/json").get("result").asString())
                .isEqualTo("ABORTED");

        jenkins.shiftClock(Duration.ofSeconds(10));
        assertThat(getJson("/jenkins/job/ops/job/deploy-test/" + failNumber + "/api/json").get("result").asString())
                .isEqualTo("FAILURE");
    }

    @Test
    void aQueuedItemCanBeCancelled() throws Exception {
        long queueId = queueId(trigger("/job/ops/job/package", "R-cancel-" + System.nanoTime(), "gateway=1", null));

        assertThat(mvc.post().uri("/jenkins/queue/cancelItem?id=" + queueId).header("Authorization", TOKEN_AUTH))
                .hasStatus(204);

        JsonNode item = getJson("/jenkins/queue/item/" + queueId + "/api/json");
        assertThat(item.get("cancelled").asBoolean()).isTrue();
        assertThat(item.get("executable").isNull()).isTrue();
        assertThat(mvc.post().uri("/jenkins/queue/cancelItem?id=" + queueId).header("Authorization", TOKEN_AUTH))
                .hasStatus(404);
    }

    @Test
    void answersErrorsLikeJenkins() {
        assertThat(mvc.post().uri("/jenkins/job/ops/job/package/buildWithParameters")
                .header("Authorization", basic("demo", "wrong"))).hasStatus(401);
        assertThat(mvc.post().uri("/jenkins/job/ops/job/package/buildWithParameters")).hasStatus(403);
        assertThat(mvc.post().uri("/jenkins/job/ops/job/nope/buildWithParameters")
                .header("Authorization", TOKEN_AUTH)).hasStatus(404);
        assertThat(mvc.post().uri("/jenkins/job/ops/job/legacy-build/buildWithParameters")
                .header("Authorization", TOKEN_AUTH)).hasStatus(400).bodyText().contains("is not parameterized");
        assertThat(mvc.post().uri("/jenkins/job/ops/job/retired-deploy/buildWithParameters")
                .header("Authorization", TOKEN_AUTH)).hasStatus(409).bodyText().contains("is not buildable");
        MvcTestResult get = mvc.get().uri("/jenkins/job/ops/job/package/buildWithParameters")
                .header("Authorization", TOKEN_AUTH).exchange();
        assertThat(get).hasStatus(405);
        assertThat(get.getResponse().getHeader("Allow")).isEqualTo("POST");
    }

    @Test
    void aPasswordNeedsTheSessionsCrumbAnApiTokenDoesNot() throws Exception {
        String password = basic("demo", "demo-password");
        MockHttpSession session = new MockHttpSession();
        assertThat(mvc.post().uri("/jenkins/job/ops/job/package/buildWithParameters").session(session)
                .header("Authorization", password).param("RELEASE_NUMBER", "R-crumb").param("COMPONENTS", "a=1"))
                .hasStatus(403).bodyText().contains("No valid crumb was included in the request");

        MvcTestResult issued = mvc.get().uri("/jenkins/crumbIssuer/api/json").session(session)
                .header("Authorization", password).exchange();
        JsonNode crumb = json.readTree(issued.getResponse().getContentAsString());
        assertThat(crumb.get("crumbRequestField").asString()).isEqualTo("Jenkins-Crumb");

        assertThat(mvc.post().uri("/jenkins/job/ops/job/package/buildWithParameters").session(session)
                .header("Authorization", password).header("Jenkins-Crumb", crumb.get("crumb").asString())
                .param("RELEASE_NUMBER", "R-crumb-" + System.nanoTime()).param("COMPONENTS", "a=1"))
                .hasStatus(201);
    }
}
