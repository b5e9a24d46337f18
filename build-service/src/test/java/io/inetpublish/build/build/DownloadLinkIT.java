package io.inetpublish.build.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.inetpublish.common.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** A short-lived, single-use link to a package's artifact: followed without a token, once, within its lifetime. */
class DownloadLinkIT extends JenkinsStubs {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheArtifactOnceWithoutATokenThenSaysTheLinkWasUsed() throws Exception {
        byte[] content = packageWithArtifact(11, "out/bundle.tar.gz");
        JsonNode link = issue(idOf(11), "out/bundle.tar.gz");
        String url = link.get("url").asString();
        assertThat(url).startsWith("/api/builds/downloads/").doesNotContain(idOf(11));
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(jdbc.queryForObject("select count(*) from download_link where token_hash = ?", Long.class,
                token)).as("the secret itself is not stored").isZero();
        assertThat(jdbc.queryForObject("select count(*) from download_link where token_hash = ?", Long.class,
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8))))).as("its SHA-256 is").isOne();

        HttpResponse<byte[]> first = open(url);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(content);
        assertThat(first.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("bundle.tar.gz"));

        HttpResponse<byte[]> again = open(url);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/html"));
        String page = new String(again.body(), StandardCharsets.UTF_8);
        assertThat(page).contains("下载链接已使用过").contains("/builds/" + idOf(11) + "/download?path=out")
                .doesNotContain("Exception");
    }

    @Test
    void anExpiredLinkGivesAPageThatSaysSoAndAnUnknownOneAnother() throws Exception {
        packageWithArtifact(12, "out/app.zip");
        String url = issue(idOf(12), "out/app.zip").get("url").asString();
        jdbc.update("update download_link set expires_at = now() - interval '1 second' where build_id = ?::uuid",
                idOf(12));

        HttpResponse<byte[]> expired = open(url);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("下载链接已过期");

        HttpResponse<byte[]> unknown = open("/api/builds/downloads/not-a-link-the-platform-gave");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("下载链接无效");
    }

    @Test
    void issuesLinksOnlyForArtifactsTheBuildLists() {
        packageWithArtifact(13, "out/bundle.tar.gz");
        assertThat(mvc.post().uri("/api/builds/" + idOf(13) + "/download-links")
                .contentType(MediaType.APPLICATION_JSON).content("{\"path\":\"out/other.zip\"}")).hasStatus(404);
        assertThat(mvc.post().uri("/api/builds/" + idOf(13) + "/download-links")
                .contentType(MediaType.APPLICATION_JSON).content("{\"path\":\"\"}")).hasStatus(400);
        assertThat(jdbc.queryForObject("select count(*) from download_link where build_id = ?::uuid", Long.class,
                idOf(13))).isZero();
    }

    private final java.util.Map<Integer, String> ids = new java.util.HashMap<>();

    private String idOf(int number) {
        return ids.get(number);
    }

    private byte[] packageWithArtifact(int number, String path) {
        Running running = runningPackage(number);
        byte[] content = new byte[4096 + number];
        new Random(number).nextBytes(content);
        stubBuild(packageJob, number, running.queueId(), false, "SUCCESS", path);
        stubArtifact(packageJob, number, path, content);
        follow(running.id());
        ids.put(number, running.id());
        return content;
    }

    private JsonNode issue(String buildId, String path) {
        MvcTestResult result = mvc.post().uri("/api/builds/" + buildId + "/download-links")
                .contentType(MediaType.APPLICATION_JSON).content("{\"path\":\"" + path + "\"}").exchange();
        assertThat(result).hasStatus(201);
        return body(result);
    }

    private HttpResponse<byte[]> open(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(TestSecurity.NO_TOKEN_HEADER, "true").build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
