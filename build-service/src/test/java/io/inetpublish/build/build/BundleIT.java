package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import io.inetpublish.build.bundle.BundleProperties;
import io.inetpublish.build.bundle.BundleStore;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseDeployed;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.outbox.Outbox;
import io.inetpublish.common.test.PublishedAuditEvents;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The platform keeps the packages (issue 17, item 3): a finished package is copied from Jenkins into the bundle store
 * and checked before it is shown as downloadable; downloads then come from the platform; a checksum mismatch or a
 * copy cut off half-way never publishes anything; retention removes old bundles but not those a deployment used or
 * someone is downloading.
 */
class BundleIT extends JenkinsStubs {

    @LocalServerPort
    int port;

    @Autowired
    BundleRetention retention;

    @Autowired
    BundleProperties bundleProps;

    final HttpClient http = HttpClient.newHttpClient();

    static final String PATH = "dist/REL-1.tar.gz";

    @Nested
    class Copy {

        @Test
        void storesThePackageWithItsManifestAndServesItWithoutJenkins() throws Exception {
            Running running = runningPackage(21);
            byte[] content = bytes(300_000, 21);
            finishWith(running, 21, content, md5(content));

            JsonNode build = follow(running.id());
            assertThat(build.get("status").asString()).isEqualTo("FINISHED");
            assertThat(build.get("result").asString()).isEqualTo("SUCCESS");
            assertThat(build.at("/bundle/status").asString()).isEqualTo("STORED");
            assertThat(build.at("/bundle/manifestPath").asString()).isEqualTo("/api/builds/" + running.id() + "/manifest");
            assertThat(build.at("/artifacts/0/sha256").asString()).isEqualTo(sha256(content));
            assertThat(build.at("/artifacts/0/size").asLong()).isEqualTo(content.length);
            assertThat(build.at("/artifacts/0/md5").asString()).isEqualTo(md5(content));

            MvcTestResult manifest = mvc.get().uri("/api/builds/" + running.id() + "/manifest").exchange();
            assertThat(manifest).hasStatusOk();
            JsonNode m = body(manifest);
            assertThat(m.get("kind").asString()).isEqualTo("RELEASE");
            assertThat(m.at("/release/number").asString()).isEqualTo("R-" + running.queueId());
            assertThat(m.at("/components/0/component").asString()).isEqualTo("gateway");
            assertThat(m.at("/components/0/version").asString()).isEqualTo("1.0.0");
            assertThat(m.at("/files/0/fileName").asString()).isEqualTo("REL-1.tar.gz");
            assertThat(m.at("/files/0/sha256").asString()).isEqualTo(sha256(content));
            assertThat(m.at("/files/0/size").asLong()).isEqualTo(content.length);
            assertThat(m.get("store").asString()).isEqualTo("directory");
            assertThat(mvc.get().uri("/api/builds/" + running.id() + "/manifest?download=true").exchange()
                    .getResponse().getHeader("Content-Disposition")).contains("attachment").contains(".manifest.json");

            JsonNode finished = events("build.finished", running.id()).getFirst().get("payload");
            assertThat(finished.get("manifestPath").asString()).endsWith("/manifest");
            assertThat(finished.at("/artifacts/0/sha256").asString()).isEqualTo(sha256(content));

            // Jenkins forgets the build: the download still comes, from the platform's copy
            wm.removeStubMapping(wm.getStubMappings().stream()
                    .filter(s -> s.getRequest().getUrl() != null && s.getRequest().getUrl().contains("/artifact/"))
                    .findFirst().orElseThrow());
            HttpResponse<byte[]> download = download(running.id(), PATH);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(content);
            assertThat(download.headers().firstValue("X-Checksum-Sha256")).hasValue(sha256(content));
            awaitNoReader(running.id()); // the download's reader is gone when it ends (just after the last byte)
        }

        @Test
        void aCopyLongerThanTheReadTimeoutIsStoredWholeWhileBytesKeepComing() throws Exception {
            // the tests' Jenkins read timeout is 1.5 s: this artifact takes 3 s, in chunks 375 ms apart
            Running running = runningPackage(26);
            byte[] content = bytes(300_000, 26);
            stubBuild(packageJob, 26, running.queueId(), false, "SUCCESS", PATH);
            wm.stubFor(get(urlEqualTo(jobUrl(packageJob) + "/26/artifact/" + PATH))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                            .withBody(content).withChunkedDribbleDelay(8, 3000)));
            stubFingerprint(26, md5(content));

            JsonNode build = follow(running.id());
            assertThat(build.at("/bundle/status").asString()).isEqualTo("STORED");
            assertThat(build.at("/artifacts/0/sha256").asString()).isEqualTo(sha256(content));
            assertThat(build.at("/artifacts/0/size").asLong()).isEqualTo(content.length);
        }

        @Test
        void aChecksumMismatchMarksTheBundleFailedAndPublishesNothing() throws Exception {
            Running running = runningPackage(22);
            byte[] content = bytes(50_000, 22);
            finishWith(running, 22, content, "0123456789abcdef0123456789abcdef");

            JsonNode build = follow(running.id());
            assertThat(build.get("status").asString()).isEqualTo("FINISHED");
            assertThat(build.get("result").asString()).isEqualTo("BUNDLE_FAILED");
            assertThat(build.at("/bundle/status").asString()).isEqualTo("FAILED");
            // the reason is stored as a code and read in the reader's language (Chinese by default)
            assertThat(build.at("/bundle/reason").asString()).contains("校验和不一致").contains(md5(content));
            assertThat(build.get("reason").asString()).startsWith("Jenkins：SUCCESS；").contains("校验和不一致");
            JsonNode english = build(running.id(), "en");
            assertThat(english.at("/bundle/reason").asString()).contains("checksum mismatch").contains(md5(content));
            assertThat(english.get("reason").asString()).startsWith("Jenkins: SUCCESS; checksum mismatch");
            assertThat(events("build.finished", running.id())).singleElement()
                    .as("the event carries the reason as codes, and in English for consumers from before codes")
                    .satisfies(e -> {
                        assertThat(e.at("/payload/reasonText/code").asString()).isEqualTo("build.reason.bundle-failed");
                        assertThat(e.at("/payload/reasonText/args/0").asString()).isEqualTo("SUCCESS");
                        assertThat(e.at("/payload/reasonText/args/1/code").asString()).isEqualTo("bundle.copy.checksum");
                        assertThat(e.at("/payload/reasonText/args/1/args/2").asString()).isEqualTo(md5(content));
                        assertThat(e.at("/payload/reason").asString()).contains("checksum mismatch");
                    });
            assertThat(build.get("artifacts")).as("nothing downloadable is listed").isEmpty();
            assertThat(mvc.get().uri("/api/builds/" + running.id() + "/manifest").exchange()).hasStatus(404);
            assertThat(download(running.id(), PATH).statusCode()).isEqualTo(404);
            assertThat(mvc.post().uri("/api/builds/" + running.id() + "/download-links")
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .content("{\"path\":\"" + PATH + "\"}")).hasStatus(404);
            assertThat(storedFiles(running.id())).as("nothing half-written is kept").isEmpty();
            assertThat(staging()).isEmpty();

            JsonNode finished = events("build.finished", running.id()).getFirst().get("payload");
            assertThat(finished.get("result").asString()).isEqualTo("BUNDLE_FAILED");
            assertThat(finished.get("artifacts")).isEmpty();
        }

        @Test
        void aCopyCutOffHalfwayIsRetriedVisiblyThenStored() throws Exception {
            Running running = runningPackage(23);
            byte[] content = bytes(200_000, 23);
            stubBuild(packageJob, 23, running.queueId(), false, "SUCCESS", PATH);
            stubFingerprint(23, md5(content));
            wm.stubFor(get(urlEqualTo(jobUrl(packageJob) + "/23/artifact/" + PATH))
                    .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

            JsonNode storing = follow(running.id());
            assertThat(storing.get("status").asString()).isEqualTo("STORING");
            assertThat(storing.get("result").asString()).isEqualTo("SUCCESS");
            assertThat(storing.at("/bundle/status").asString()).isEqualTo("STORING");
            assertThat(storing.at("/bundle/reason").asString()).startsWith("第 1 次尝试失败：");
            assertThat(build(running.id(), "en").at("/bundle/reason").asString())
                    .startsWith("attempt 1 failed: ");
            assertThat(storing.at("/bundle/attempts").asInt()).isEqualTo(1);
            assertThat(storing.get("artifacts")).isEmpty();
            assertThat(download(running.id(), PATH).statusCode()).isEqualTo(409);
            assertThat(events("build.finished", running.id())).as("not finished while storing").isEmpty();
            assertThat(storedFiles(running.id())).isEmpty();
            assertThat(staging()).isEmpty();

            // Jenkins away altogether for the next attempt: still retried, still not lost
            wm.stubFor(get(urlEqualTo(jobUrl(packageJob) + "/23/artifact/" + PATH)).willReturn(aResponse()
                    .withStatus(503).withBody("Jenkins is restarting")));
            dueNow(running.id());
            JsonNode again = follow(running.id());
            assertThat(again.get("status").asString()).isEqualTo("STORING");
            assertThat(build(running.id(), "en").at("/bundle/reason").asString()).startsWith("attempt 2 failed");

            // Jenkins is back; the breaker that opened over the failures has let calls through again
            stubArtifact(packageJob, 23, PATH, content);
            breakers.circuitBreaker("jenkins").reset();
            dueNow(running.id());
            JsonNode stored = follow(running.id());
            assertThat(stored.get("status").asString()).isEqualTo("FINISHED");
            assertThat(stored.get("result").asString()).isEqualTo("SUCCESS");
            assertThat(stored.at("/bundle/status").asString()).isEqualTo("STORED");
            assertThat(download(running.id(), PATH).body()).isEqualTo(content);
            assertThat(events("build.finished", running.id())).hasSize(1);
        }

        @Test
        void copyingThatFailsForTooLongEndsAsAFailedBundle() {
            Running running = runningPackage(24);
            stubBuild(packageJob, 24, running.queueId(), false, "UNSTABLE", PATH);
            wm.stubFor(get(urlEqualTo(jobUrl(packageJob) + "/24/artifact/" + PATH))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            assertThat(follow(running.id()).get("status").asString()).isEqualTo("STORING");

            jdbc.update("update build set bundle_first_try_at = ?, next_poll_at = now() where id = ?::uuid",
                    java.sql.Timestamp.from(Instant.now().minus(bundleProps.copyGiveUpAfter()).minusSeconds(1)),
                    running.id());
            JsonNode failed = follow(running.id());
            assertThat(failed.get("status").asString()).isEqualTo("FINISHED");
            assertThat(failed.get("result").asString()).isEqualTo("BUNDLE_FAILED");
            JsonNode english = build(running.id(), "en");
            assertThat(english.get("reason").asString()).contains("Jenkins: UNSTABLE");
            assertThat(english.at("/bundle/reason").asString()).contains("gave up copying");
            assertThat(failed.at("/bundle/reason").asString()).contains("后放弃保存安装包");
        }

        @Test
        void jenkinsNoLongerHavingTheFileIsAFailedBundle() {
            Running running = runningPackage(25);
            stubBuild(packageJob, 25, running.queueId(), false, "SUCCESS", PATH);
            JsonNode failed = follow(running.id()); // no artifact stub: Jenkins answers 404
            assertThat(failed.get("result").asString()).isEqualTo("BUNDLE_FAILED");
            assertThat(build(running.id(), "en").at("/bundle/reason").asString()).contains("no longer has");
            assertThat(failed.at("/bundle/reason").asString()).contains("Jenkins 中已没有");
        }
    }

    @Nested
    class Retention {

        @Test
        void removesOldBundlesButNotOnesADeploymentUsedOrSomeoneIsDownloading() throws Exception {
            String old = storedPackage(31, bytes(10_000, 31));
            String used = storedPackage(32, bytes(10_000, 32));
            byte[] large = bytes(16 * 1024 * 1024, 33);
            String reading = storedPackage(33, large);
            String recent = storedPackage(34, bytes(10_000, 34));
            for (String id : List.of(old, used, reading)) {
                jdbc.update("update build set bundle_stored_at = now() - interval '40 days' where id = ?::uuid", id);
            }
            // release.deployed with the package the deployment used (what release-service publishes)
            retention.deployed(ReleaseDeployed.deploy(UUID.randomUUID(), Instant.now())
                    .release(UUID.randomUUID(), "R-32", "t").customer(UUID.randomUUID()).update(UpdateType.HOT, false)
                    .packageBuild(UUID.fromString(used)).build());

            // a download of the large one is under way (the client reads slowly)
            HttpResponse<InputStream> slow = http.send(request("/api/builds/" + reading + "/artifacts/" + PATH),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(slow.statusCode()).isEqualTo(200);
            InputStream stream = slow.body();
            byte[] first = stream.readNBytes(1024);

            BundleRetention.Result result = retention.run(Instant.now());
            assertThat(result.removed()).isGreaterThanOrEqualTo(1);
            assertThat(status(old)).isEqualTo("EXPIRED");
            assertThat(status(used)).isEqualTo("STORED");
            assertThat(status(reading)).isEqualTo("STORED");
            assertThat(status(recent)).isEqualTo("STORED");
            assertThat(storedFiles(old)).isEmpty();

            byte[] rest = stream.readAllBytes();
            stream.close();
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            assertThat(sha256(all)).as("the download finished whole").isEqualTo(sha256(large));

            // the download ended: the next run removes it; the used one stays for good
            awaitNoReader(reading);
            retention.run(Instant.now());
            assertThat(status(reading)).isEqualTo("EXPIRED");
            assertThat(status(used)).isEqualTo("STORED");

            HttpResponse<byte[]> gone = download(old, PATH);
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(new String(gone.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("bundle-expired");
            assertThat(mvc.get().uri("/api/builds/" + old + "/manifest").exchange()).hasStatus(410);
            JsonNode view = build(old);
            assertThat(view.at("/bundle/status").asString()).isEqualTo("EXPIRED");
            assertThat(view.at("/bundle/reason").asString()).contains("保留期限");
            assertThat(build(old, "en").at("/bundle/reason").asString()).contains("retention");
            assertThat(view.get("artifacts")).isEmpty();

            // the operation log is told of each removal, by the platform; of nothing it kept
            PublishedAuditEvents published = new PublishedAuditEvents(jdbc, json);
            EventEnvelope<AuditEvent> removal = published.one(EventTypes.BUILD_BUNDLE_REMOVED, old);
            assertThat(removal.actor()).isEqualTo(Actor.system());
            assertThat(removal.payload().action()).isEqualTo(Action.BUILD_BUNDLE_REMOVED);
            assertThat(removal.payload().target().kind()).isEqualTo(AuditEvent.Kind.BUILD);
            assertThat(removal.payload().fact("buildType")).isEqualTo("PACKAGE");
            assertThat(removal.payload().fact("retention")).isEqualTo(bundleProps.retention().toString());
            assertThat(removal.payload().fact("files")).isEqualTo("1");
            assertThat(removal.payload().fact("bytes")).isEqualTo("10000");
            assertThat(removal.payload().fact("storedAt")).isNotBlank();
            assertThat(published.about(EventTypes.BUILD_BUNDLE_REMOVED, reading)).hasSize(1);
            assertThat(published.about(EventTypes.BUILD_BUNDLE_REMOVED, used)).isEmpty();
            assertThat(published.about(EventTypes.BUILD_BUNDLE_REMOVED, recent)).isEmpty();
        }
    }

    /**
     * Two build-service instances run the retention at the same moment (issue 22, item 3): each expired bundle is
     * removed once — marked EXPIRED, its files gone, one {@code build.bundle-removed} each — and neither run fails.
     * What orders them is {@code removeOne}'s row lock with the status looked at again under it.
     */
    @Nested
    class TwoInstances {

        @Autowired
        JdbcClient jdbcClient;
        @Autowired
        BuildRepository builds;
        @Autowired
        BundleStore store;
        @Autowired
        TransactionTemplate tx;
        @Autowired
        Outbox outbox;

        @Test
        void retentionOnTwoInstancesAtOnceRemovesEachExpiredBundleOnce() throws Exception {
            List<String> expired = new ArrayList<>();
            for (int n = 41; n <= 52; n++) {
                expired.add(storedPackage(n, bytes(2_000, n)));
            }
            jdbc.update("update build set bundle_stored_at = now() - interval '40 days' where id = any (?)",
                    (Object) expired.stream().map(UUID::fromString).toArray(UUID[]::new));
            BundleRetention another = new BundleRetention(jdbcClient, builds, store, bundleProps, tx, outbox);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<BundleRetention.Result>> runs = new ArrayList<>();
            for (BundleRetention instance : List.of(retention, another)) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return instance.run(Instant.now());
                }));
            }
            int removed = 0;
            try {
                for (Future<BundleRetention.Result> run : runs) {
                    removed += run.get(60, TimeUnit.SECONDS).removed(); // a run that failed throws here
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(removed).as("removed by both runs").isGreaterThanOrEqualTo(expired.size());
            PublishedAuditEvents published = new PublishedAuditEvents(jdbc, json);
            for (String id : expired) {
                assertThat(status(id)).as(id).isEqualTo("EXPIRED");
                assertThat(storedFiles(id)).as(id).isEmpty();
                assertThat(published.about(EventTypes.BUILD_BUNDLE_REMOVED, id)).as("removals of " + id).hasSize(1);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void finishWith(Running running, int number, byte[] content, String fingerprintMd5) {
        stubBuild(packageJob, number, running.queueId(), false, "SUCCESS", PATH);
        stubArtifact(packageJob, number, PATH, content);
        stubFingerprint(number, fingerprintMd5);
    }

    private String storedPackage(int number, byte[] content) {
        Running running = runningPackage(number);
        finishWith(running, number, content, md5(content));
        assertThat(follow(running.id()).at("/bundle/status").asString()).isEqualTo("STORED");
        return running.id();
    }

    /** Jenkins' {@code api/json?tree=fingerprint[fileName,hash]} (archiveArtifacts with fingerprint: true). */
    private void stubFingerprint(int number, String md5) {
        wm.stubFor(get(urlPathEqualTo(jobUrl(packageJob) + "/" + number + "/api/json"))
                .withQueryParam("tree", equalTo("fingerprint[fileName,hash]"))
                .willReturn(okJson("""
                        {"_class":"hudson.model.FreeStyleBuild","fingerprint":[{"_class":"hudson.model.Fingerprint",
                         "fileName":"%s","hash":"%s"}]}""".formatted(PATH.substring(PATH.lastIndexOf('/') + 1), md5))));
    }

    private void dueNow(String id) {
        jdbc.update("update build set next_poll_at = now() where id = ?::uuid", id);
    }

    private String status(String id) {
        return jdbc.queryForObject("select bundle_status from build where id = ?::uuid", String.class, id);
    }

    private void awaitNoReader(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (jdbc.queryForObject("select count(*) from bundle_reader where build_id = ?::uuid", Long.class, id) == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the download's reader did not end");
    }

    private List<Path> storedFiles(String buildId) throws Exception {
        Path dir = bundleProps.directory().toAbsolutePath().resolve(buildId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private List<Path> staging() throws Exception {
        try (var files = Files.list(bundleProps.directory().toAbsolutePath().resolve(".staging"))) {
            return files.toList();
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }

    private HttpResponse<byte[]> download(String id, String path) throws Exception {
        return http.send(request("/api/builds/" + id + "/artifacts/" + path), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
