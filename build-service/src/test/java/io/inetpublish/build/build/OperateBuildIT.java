package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

class OperateBuildIT extends JenkinsStubs {

    @LocalServerPort
    int port;

    @Test
    void cancelsAQueuedBuild() {
        long queueId = newQueueId();
        String id = queuedPackage(queueId);
        wm.stubFor(post(urlEqualTo("/jenkins/queue/cancelItem?id=" + queueId))
                .willReturn(aResponse().withStatus(204)));
        stubQueueCancelled(queueId);

        MvcTestResult cancelled = mvc.post().uri("/api/builds/" + id + "/cancel").exchange();

        assertThat(cancelled).hasStatus(202);
        assertThat(body(cancelled).get("result").asString()).isEqualTo("ABORTED");
        wm.verify(1, postRequestedFor(urlEqualTo("/jenkins/queue/cancelItem?id=" + queueId)));
        assertThat(mvc.post().uri("/api/builds/" + id + "/cancel")).hasStatus(409);
    }

    @Test
    void onlyThoseWhoMayPackageMayCancelAPackageBuild() {
        long queueId = newQueueId();
        String id = queuedPackage(queueId);
        wm.stubFor(post(urlEqualTo("/jenkins/queue/cancelItem?id=" + queueId))
                .willReturn(aResponse().withStatus(204)));
        stubQueueCancelled(queueId);

        for (Role role : new Role[] {Role.DEVELOPER, Role.TESTER}) {
            assertThat(mvc.post().uri("/api/builds/" + id + "/cancel").with(TestTokens.bearer(role))).hasStatus(403);
        }
        assertThat(build(id).get("status").asString()).isEqualTo("QUEUED");
        wm.verify(0, postRequestedFor(urlEqualTo("/jenkins/queue/cancelItem?id=" + queueId)));

        assertThat(mvc.post().uri("/api/builds/" + id + "/cancel").with(TestTokens.bearer(Role.SUPPORT)))
                .hasStatus(202);
    }

    @Test
    void stopsARunningBuild() {
        Running running = runningPackage(5);
        String id = running.id();
        long queueId = running.queueId();
        wm.stubFor(post(urlEqualTo(jobUrl(packageJob) + "/5/stop"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", wm.baseUrl() + jobUrl(packageJob) + "/5/")));
        stubBuild(packageJob, 5, queueId, false, "ABORTED");

        MvcTestResult cancelled = mvc.post().uri("/api/builds/" + id + "/cancel").exchange();

        assertThat(cancelled).hasStatus(202);
        wm.verify(1, postRequestedFor(urlEqualTo(jobUrl(packageJob) + "/5/stop")));
        assertThat(body(cancelled).get("result").asString()).isEqualTo("ABORTED");
    }

    @Test
    void tailsTheConsoleLogIncrementally() {
        long queueId = newQueueId();
        String id = queuedPackage(queueId);
        assertThat(mvc.get().uri("/api/builds/" + id + "/log")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.text", v -> v.assertThat().isEqualTo(""))
                .hasPathSatisfying("$.more", v -> v.assertThat().isEqualTo(true));
        stubQueueLeft(queueId, packageJob, 2);
        follow(id);
        String log = jobUrl(packageJob) + "/2/logText/progressiveText";
        wm.stubFor(get(urlEqualTo(log + "?start=0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain;charset=UTF-8").withHeader("X-Text-Size", "18")
                .withHeader("X-More-Data", "true").withBody("Started by user\n\n")));
        wm.stubFor(get(urlEqualTo(log + "?start=18")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain;charset=UTF-8").withHeader("X-Text-Size", "36")
                .withBody("Finished: SUCCESS\n")));

        assertThat(mvc.get().uri("/api/builds/" + id + "/log?start=0")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.text", v -> v.assertThat().isEqualTo("Started by user\n\n"))
                .hasPathSatisfying("$.nextStart", v -> v.assertThat().isEqualTo(18))
                .hasPathSatisfying("$.more", v -> v.assertThat().isEqualTo(true));
        assertThat(mvc.get().uri("/api/builds/" + id + "/log?start=18")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.text", v -> v.assertThat().isEqualTo("Finished: SUCCESS\n"))
                .hasPathSatisfying("$.nextStart", v -> v.assertThat().isEqualTo(36))
                .hasPathSatisfying("$.more", v -> v.assertThat().isEqualTo(false));
    }

    @Test
    void aLongLogComesInChunksThatEndOnWholeCharacters() {
        String id = runningPackage(4).id();
        String text = "部署".repeat(20); // 120 bytes, the test chunk limit is 64
        wm.stubFor(get(urlPathEqualTo(jobUrl(packageJob) + "/4/logText/progressiveText")).willReturn(aResponse()
                .withStatus(200).withHeader("X-Text-Size", "120").withBody(text)));

        JsonNode chunk = body(mvc.get().uri("/api/builds/" + id + "/log?start=0").exchange());

        assertThat(chunk.get("text").asString()).isEqualTo("部署".repeat(10) + "部");
        assertThat(chunk.get("nextStart").asLong()).isEqualTo(63);
        assertThat(chunk.get("more").asBoolean()).isTrue();
    }

    @Test
    void streamsAnArtifactByteForByteAndRecordsItsHash() throws Exception {
        Running running = runningPackage(8);
        String id = running.id();
        long queueId = running.queueId();
        byte[] content = new byte[6 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        stubBuild(packageJob, 8, queueId, false, "SUCCESS", "out/bundle.tar.gz");
        stubArtifact(packageJob, 8, "out/bundle.tar.gz", content);
        follow(id);

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/builds/" + id + "/artifacts/out/bundle.tar.gz")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("bundle.tar.gz"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size;
        try (InputStream in = new DigestInputStream(response.body(), sha)) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(size).isEqualTo(content.length);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(expected);
        JsonNode stored = build(id);
        assertThat(stored.at("/artifacts/0/sha256").asString()).isEqualTo(expected);
        assertThat(stored.at("/artifacts/0/size").asLong()).isEqualTo(content.length);

        assertThat(mvc.get().uri("/api/builds/" + id + "/artifacts/../../etc/passwd")).hasStatus(404);
        assertThat(mvc.get().uri("/api/builds/" + id + "/artifacts/out/other.zip")).hasStatus(404);
    }
}
