package io.inetpublish.release.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.http.Fault;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@ReleaseIntegrationTest
class CustomerDeploymentsIT extends ReleaseItSupport {

    static final byte[] PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, new byte[64]);
    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LOG = "2026-01-01 10:00:00 INFO deployed gateway 1.2.3\r\n部署成功\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] EXE = concat("MZ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x90, 0, 3, 0, 0, 0});

    @Autowired
    DeploymentSync sync;

    @LocalServerPort
    int port;

    UUID customer;
    UUID prod;
    UUID test;
    String gateway;
    String report;
    JsonNode release;
    String releaseId;

    @BeforeEach
    void releaseAndCustomer() {
        customer = UUID.randomUUID();
        prod = UUID.randomUUID();
        test = UUID.randomUUID();
        customerService.environment(prod, customer, "Acme 银行", "Wang Wu", "prod");
        customerService.environment(test, customer, "Acme 银行", "Wang Wu", "uat");
        gateway = unique("gateway");
        report = unique("report-web");
        release = submitRelease(gateway, report);
        releaseId = release.get("id").asString();
    }

    private String deploymentJson(UUID... environments) {
        return """
                {"customerId":"%s","environmentIds":[%s],"deployedAt":"2026-01-05T10:00:00+08:00",
                 "notes":"done over VPN"}""".formatted(customer, Arrays.stream(environments)
                .map(e -> "\"" + e + "\"").reduce((a, b) -> a + "," + b).orElse(""));
    }

    /** Multipart as the web app sends it; without files given, one log file is the evidence. */
    private MvcTestResult deploy(String json, MockMultipartFile... files) {
        return post(json, files.length == 0 ? new MockMultipartFile[] {evidence("deploy.log", "text/plain", LOG)}
                : files);
    }

    private MvcTestResult post(String json, MockMultipartFile... files) {
        return post(null, json, files);
    }

    private MvcTestResult post(String idempotencyKey, String json, MockMultipartFile... files) {
        var request = mvc.post().uri("/api/releases/{id}/deployments", releaseId).multipart()
                .file(new MockMultipartFile("deployment", "", MediaType.APPLICATION_JSON_VALUE,
                        json.getBytes(StandardCharsets.UTF_8)));
        for (MockMultipartFile file : files) {
            request = request.file(file);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private static MockMultipartFile evidence(String name, String declaredType, byte[] content) {
        return new MockMultipartFile("evidence", name, declaredType, content);
    }

    private long deploymentsOfRelease() {
        return count("select count(*) from customer_deployment where release_id = ?", UUID.fromString(releaseId));
    }

    /** Through Tomcat as a browser or the gateway sends it (MockMvc has no multipart limits of its own). */
    @Nested
    class OverHttp {

        @Test
        void refusesAChunkedUploadWithAFileOverTheLimitByItsName() {
            byte[] json = deploymentJson(prod).getBytes(StandardCharsets.UTF_8);
            String head = "--b\r\nContent-Disposition: form-data; name=\"deployment\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + new String(json, StandardCharsets.UTF_8) + "\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"huge.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n";
            byte[] file = new byte[25 * 1024 * 1024];
            System.arraycopy(PNG, 0, file, 0, PNG.length);
            var body = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                    new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                    new java.io.ByteArrayInputStream(file),
                    new java.io.ByteArrayInputStream("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8)))));

            PlainHttp.Response answer = new PlainHttp(port).sendChunked("POST",
                    "/api/releases/" + releaseId + "/deployments", "multipart/form-data; boundary=b", body,
                    TestTokens.accessToken(Role.SUPPORT));

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("“huge.png”", "最多 20.0 MB");
            assertThat(deploymentsOfRelease()).isZero();
        }

        @Test
        void aViewerCannotMakeTheServiceReadAnUpload() throws Exception {
            String answer = new PlainHttp(port).stalledMultipart("POST", "/api/releases/" + releaseId
                    + "/deployments", TestTokens.accessToken(Role.VIEWER), java.time.Duration.ofSeconds(10));
            assertThat(answer).startsWith("HTTP/1.1 403");
            assertThat(deploymentsOfRelease()).isZero();
        }
    }

    @Nested
    class Recording {

        @Test
        void recordsDeploymentWithEvidenceAndPublishesReleaseDeployed() {
            MvcTestResult result = deploy(deploymentJson(prod, test),
                    evidence("screen shot.png", "image/png", PNG),
                    evidence("报告.pdf", "application/octet-stream", PDF),
                    evidence("deploy.log", "text/plain", LOG));

            assertThat(result).hasStatus(HttpStatus.CREATED);
            JsonNode deployment = read(result);
            assertThat(deployment.get("kind").asString()).isEqualTo("DEPLOY");
            assertThat(deployment.get("customerName").asString()).isEqualTo("Acme 银行");
            assertThat(deployment.get("recordedBy").propertyNames()).containsExactly("id", "name");
            assertThat(deployment.get("notes").asString()).isEqualTo("done over VPN");
            assertThat(deployment.get("deployedAt").asString()).isEqualTo("2026-01-05T02:00:00Z");
            assertThat(deployment.get("environments")).hasSize(2);
            assertThat(deployment.get("environments").get(0).get("environmentName").asString()).isEqualTo("prod");
            assertThat(deployment.get("environments").get(0).get("syncStatus").asString()).isEqualTo("PENDING");
            assertThat(deployment.get("environments").get(0).get("versions").get(0).get("component").asString())
                    .isEqualTo(gateway);
            assertThat(deployment.get("evidence")).hasSize(3);
            assertThat(deployment.get("evidence").get(0).get("kind").asString()).isEqualTo("PNG");
            assertThat(deployment.get("evidence").get(1).get("kind").asString()).isEqualTo("PDF");
            assertThat(deployment.get("evidence").get(1).get("contentType").asString()).isEqualTo("application/pdf");
            assertThat(deployment.get("evidence").get(2).get("kind").asString()).isEqualTo("TEXT");
            assertThat(deployment.get("evidence").get(2).get("size").asLong()).isEqualTo(LOG.length);
            assertThat(deployment.get("releaseNumber").asString()).isEqualTo(release.get("number").asString());

            // read alone, a deployment says which release it belongs to
            JsonNode alone = read(mvc.get().uri("/api/deployments/{id}", deployment.get("id").asString()).exchange());
            assertThat(alone.get("releaseId").asString()).isEqualTo(releaseId);
            assertThat(alone.get("releaseNumber").asString()).isEqualTo(release.get("number").asString());
            assertThat(alone.get("releaseTitle").asString()).isEqualTo(release.get("title").asString());

            JsonNode detail = detail(releaseId);
            assertThat(detail.get("status").asString()).isEqualTo("DEPLOYED");
            assertThat(editableAsTheServerEnforces(releaseId)).isFalse();
            assertThat(detail.get("deployments")).hasSize(1);
            List<String> actions = new ArrayList<>();
            detail.get("timeline").forEach(e -> actions.add(e.get("action").asString()));
            assertThat(actions).containsExactly("SUBMITTED", "CUSTOMER_DEPLOYMENT_RECORDED",
                    "CUSTOMER_DEPLOYMENT_RECORDED");
            JsonNode recorded = detail.get("timeline").get(1);
            assertThat(recorded.get("environmentName").asString()).isEqualTo("prod");
            assertThat(recorded.get("facts").get("customer").asString()).isEqualTo("Acme 银行");
            assertThat(recorded.get("facts").get("packageBuildId").isNull()).isTrue();
            assertThat(recorded.get("facts").get("evidenceCount").asInt()).isEqualTo(3);
            assertThat(recorded.get("facts").get("deployedAt").asString()).isEqualTo("2026-01-05T02:00:00Z");

            List<JsonNode> events = events(EventTypes.RELEASE_DEPLOYED, "deploymentId", deployment.get("id").asString());
            assertThat(events).hasSize(1);
            JsonNode payload = events.get(0).get("payload");
            assertThat(payload.get("kind").asString()).isEqualTo("DEPLOY");
            assertThat(payload.get("releaseId").asString()).isEqualTo(releaseId);
            assertThat(payload.get("customerId").asString()).isEqualTo(customer.toString());
            assertThat(payload.get("updateType").asString()).isEqualTo("HOT");
            assertThat(payload.get("configChange").asBoolean()).isTrue();
            assertThat(payload.get("targets")).hasSize(2);
            assertThat(payload.get("targets").get(1).get("environmentId").asString()).isEqualTo(test.toString());
            assertThat(payload.get("targets").get(1).get("versions").get(1).get("component").asString())
                    .isEqualTo(report);
        }

        @Test
        void downloadsEvidenceWithItsOriginalName() {
            JsonNode deployment = read(deploy(deploymentJson(prod), evidence("部署 截图.png", "image/png", PNG),
                    evidence("deploy.log", "text/plain", LOG)));

            MvcTestResult png = mvc.get().uri(deployment.get("evidence").get(0).get("downloadPath").asString())
                    .exchange();
            assertThat(png).hasStatusOk().hasContentType("image/png");
            assertThat(png.getResponse().getContentAsByteArray()).isEqualTo(PNG);
            assertThat(png.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo(
                    "attachment; filename=\"__ __.png\"; filename*=UTF-8''%E9%83%A8%E7%BD%B2%20%E6%88%AA%E5%9B%BE.png");

            MvcTestResult log = mvc.get().uri(deployment.get("evidence").get(1).get("downloadPath").asString())
                    .exchange();
            assertThat(log.getResponse().getContentAsByteArray()).isEqualTo(LOG);
            assertThat(log.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("filename=\"deploy.log\"");
        }

        @Test
        void downloadsAFileLargerThanOneSliceIntact() {
            byte[] big = new byte[EvidenceStore.CHUNK * 2 + 12345];
            System.arraycopy(PNG, 0, big, 0, PNG.length);
            for (int i = PNG.length; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            JsonNode deployment = read(deploy(deploymentJson(prod), evidence("big.png", "image/png", big)));

            MvcTestResult download = mvc.get().uri(deployment.get("evidence").get(0).get("downloadPath").asString())
                    .exchange();
            assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(big);
            assertThat(download.getResponse().getContentLengthLong()).isEqualTo(big.length);
        }

        @Test
        void refusesADeploymentWithoutEvidenceOrNotesAtEveryDoor() {
            String withoutNotes = deploymentJson(prod).replace("\"notes\":\"done over VPN\"", "\"notes\":\"  \"");
            assertThat(post(deploymentJson(prod))).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("evidence"));
            assertThat(post(withoutNotes, evidence("deploy.log", "text/plain", LOG)))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("notes"));
            // the plain-JSON door cannot carry files: refused for the missing evidence, or the notes first
            assertThat(mvc.post().uri("/api/releases/{id}/deployments", releaseId)
                    .contentType(MediaType.APPLICATION_JSON).content(deploymentJson(prod)).exchange())
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("evidence"));
            assertThat(mvc.post().uri("/api/releases/{id}/deployments", releaseId)
                    .contentType(MediaType.APPLICATION_JSON).content(withoutNotes).exchange())
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("notes"));

            assertThat(deploymentsOfRelease()).isZero();
            assertThat(count("select count(*) from deployment_evidence e join customer_deployment d"
                    + " on d.id = e.deployment_id where d.release_id = ?", UUID.fromString(releaseId))).isZero();
            assertThat(events(EventTypes.RELEASE_DEPLOYED, "releaseId", releaseId)).isEmpty();
            assertThat(detail(releaseId).get("status").asString()).isEqualTo("SUBMITTED");
        }

        @Test
        void refusesEditingAndWithdrawingOnceDeployed() {
            assertThat(deploy(deploymentJson(prod))).hasStatus(HttpStatus.CREATED);

            assertThat(mvc.put().uri("/api/releases/{id}", releaseId).contentType(MediaType.APPLICATION_JSON)
                    .content(releaseBody("changed", "T", gateway)).exchange())
                    .hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("已部署到客户"));
            assertThat(mvc.post().uri("/api/releases/{id}/withdraw", releaseId).exchange())
                    .hasStatus(HttpStatus.CONFLICT);
            assertThat(detail(releaseId).get("title").asString()).isEqualTo(release.get("title").asString());
        }

        @Test
        void refusesDeployingAWithdrawnRelease() {
            mvc.post().uri("/api/releases/{id}/withdraw", releaseId).exchange();
            assertThat(deploy(deploymentJson(prod))).hasStatus(HttpStatus.CONFLICT);
            assertThat(deploymentsOfRelease()).isZero();
        }
    }

    @Nested
    class RefusedEvidence {

        @Test
        void refusesContentThatIsNoAllowedKindWhateverItsNameSays() {
            MvcTestResult result = deploy(deploymentJson(prod), evidence("fine.png", "image/png", PNG),
                    evidence("screenshot.png", "image/png", EXE));

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("evidence[1]"))
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("“screenshot.png”"));
            assertThat(deploymentsOfRelease()).isZero();
            assertThat(detail(releaseId).get("timeline")).hasSize(1);
        }

        @Test
        void refusesTextThatIsNamedAsAPicture() {
            byte[] text = "MZ this is not a picture".getBytes(StandardCharsets.US_ASCII);
            MvcTestResult result = deploy(deploymentJson(prod), evidence("deploy.log", "text/plain", LOG),
                    evidence("fake.png", "image/png", text));

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("evidence[1]"))
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString()
                            .contains("“fake.png”", "扩展名是 png"));
            assertThat(deploymentsOfRelease()).isZero();
        }

        @Test
        void refusesAFileOverTwentyMegabytes() {
            byte[] large = new byte[20 * 1024 * 1024 + 1];
            System.arraycopy(PNG, 0, large, 0, PNG.length);
            MvcTestResult result = deploy(deploymentJson(prod), evidence("huge.png", "image/png", large));

            assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("“huge.png”"));
            assertThat(deploymentsOfRelease()).isZero();
        }

        @Test
        void refusesMoreThanTenFiles() {
            MockMultipartFile[] files = new MockMultipartFile[11];
            for (int i = 0; i < files.length; i++) {
                files[i] = evidence("shot-" + i + ".png", "image/png", PNG);
            }
            MvcTestResult result = deploy(deploymentJson(prod), files);

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("evidence"))
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("“shot-10.png”"));
            assertThat(deploymentsOfRelease()).isZero();
        }

        @Test
        void refusesAnEmptyFile() {
            assertThat(deploy(deploymentJson(prod), evidence("empty.txt", "text/plain", new byte[0])))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("“empty.txt”"));
        }
    }

    @Nested
    class Environments {

        @Test
        void refusesAnEnvironmentOfAnotherCustomer() {
            UUID foreign = UUID.randomUUID();
            customerService.environment(foreign, UUID.randomUUID(), "Other Co", null, "prod");

            assertThat(deploy(deploymentJson(prod, foreign))).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentIds[1]"))
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains("Other Co"));
            assertThat(deploymentsOfRelease()).isZero();
        }

        @Test
        void refusesAnUnknownEnvironment() {
            assertThat(deploy(deploymentJson(UUID.randomUUID()))).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentIds[0]"));
        }

        @Test
        void refusesMissingCustomerAndEnvironments() {
            assertThat(deploy("{\"environmentIds\":[]}")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .extractingPath("$.errors[*].field").asArray().contains("customerId", "environmentIds");
        }

        @Test
        void answers503AndStoresNothingWhenCustomerServiceIsDown() {
            customerService.server().stubFor(get(urlPathEqualTo("/api/environments/" + prod))
                    .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

            assertThat(deploy(deploymentJson(prod), evidence("a.png", "image/png", PNG)))
                    .hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(deploymentsOfRelease()).isZero();
            assertThat(count("select count(*) from outbox_event where event_type = ? and envelope -> 'payload' ->> "
                    + "'releaseId' = ?", EventTypes.RELEASE_DEPLOYED, releaseId)).isZero();
        }
    }

    @Nested
    class Sync {

        @Test
        void marksEachEnvironmentSyncedOnceAndCompletesTheRelease() {
            JsonNode deployment = read(deploy(deploymentJson(prod, test)));
            UUID deploymentId = UUID.fromString(deployment.get("id").asString());
            Actor actor = new Actor("u-1", "Li Si");

            sync.markSynced(synced(deploymentId, prod, "prod", SyncSource.CUSTOMER_DEPLOYMENT), actor);
            sync.markSynced(synced(deploymentId, prod, "prod", SyncSource.CUSTOMER_DEPLOYMENT), actor);

            JsonNode detail = detail(releaseId);
            assertThat(detail.get("status").asString()).isEqualTo("DEPLOYED");
            JsonNode environments = detail.get("deployments").get(0).get("environments");
            assertThat(environments.get(0).get("syncStatus").asString()).isEqualTo("SYNCED");
            assertThat(environments.get(0).get("syncedAt").isNull()).isFalse();
            assertThat(environments.get(1).get("syncStatus").asString()).isEqualTo("PENDING");

            sync.markSynced(synced(deploymentId, test, "uat", SyncSource.CUSTOMER_DEPLOYMENT), actor);

            detail = detail(releaseId);
            assertThat(detail.get("status").asString()).isEqualTo("COMPLETED");
            List<JsonNode> syncedEntries = new ArrayList<>();
            detail.get("timeline").forEach(e -> {
                if (e.get("action").asString().equals("VERSIONS_SYNCED")) {
                    syncedEntries.add(e);
                }
            });
            assertThat(syncedEntries).hasSize(2);
            JsonNode synced = syncedEntries.get(0);
            assertThat(synced.get("environmentName").asString()).isEqualTo("prod");
            assertThat(synced.get("facts").get("kind").asString()).isEqualTo("DEPLOY");
            assertThat(synced.get("facts").get("changes").get(0).get("component").asString()).isEqualTo(gateway);
            assertThat(synced.get("facts").get("changes").get(0).get("from").asString()).isEqualTo("1.0.0");
            assertThat(synced.get("facts").get("changes").get(0).get("to").asString()).isEqualTo("1.2.3");
            assertThat(synced.get("actor").get("name").asString()).isEqualTo("Li Si");
        }

        @Test
        void ignoresASyncOfAnUnknownDeployment() {
            sync.markSynced(synced(UUID.randomUUID(), prod, "prod", SyncSource.CUSTOMER_DEPLOYMENT), Actor.system());
            assertThat(detail(releaseId).get("timeline")).hasSize(1);
        }

        private EnvironmentVersionsSynced synced(UUID deploymentId, UUID environmentId, String name,
                SyncSource source) {
            return EnvironmentVersionsSynced.synced(deploymentId, source, environmentId, name)
                    .release(UUID.fromString(releaseId), release.get("number").asString())
                    .customer(customer, "Acme 银行", "Wang Wu")
                    .changes(List.of(new EnvironmentVersionsSynced.Change(gateway, "1.0.0", "1.2.3"))).build();
        }
    }

    @Nested
    class OnceWithIdempotencyKey {

        private final String key = "\"" + UUID.randomUUID() + "\"";

        private MvcTestResult send(String json) {
            return post(key, json, evidence("screen.png", "image/png", PNG), evidence("deploy.log", "text/plain", LOG));
        }

        @Test
        void theSameSubmissionSentTwiceIsRecordedOnceAndAnsweredWithTheFirstResult() {
            MvcTestResult first = send(deploymentJson(prod, test));
            MvcTestResult again = send(deploymentJson(prod, test));

            assertThat(first).hasStatus(HttpStatus.CREATED);
            assertThat(again).hasStatus(HttpStatus.CREATED);
            assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.getResponse().getHeader(HttpHeaders.LOCATION))
                    .isEqualTo(first.getResponse().getHeader(HttpHeaders.LOCATION));
            assertThat(read(again).get("id").asString()).isEqualTo(read(first).get("id").asString());
            assertThat(read(again).get("evidence")).hasSize(2);
            assertThat(deploymentsOfRelease()).isEqualTo(1);
            assertThat(events(EventTypes.RELEASE_DEPLOYED, "releaseId", releaseId)).hasSize(1);
            assertThat(detail(releaseId).get("timeline")).hasSize(3);
        }

        @Test
        void theSameKeyWithOtherContentIsRefusedAndChangesNothing() {
            String id = read(send(deploymentJson(prod))).get("id").asString();

            assertThat(send(deploymentJson(prod).replace("done over VPN", "done on site")))
                    .hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().asString().endsWith("/idempotency-key-reused"));
            assertThat(post(key, deploymentJson(prod), evidence("screen.png", "image/png", PNG)))
                    .hasStatus(HttpStatus.CONFLICT);

            assertThat(deploymentsOfRelease()).isEqualTo(1);
            JsonNode stored = read(mvc.get().uri("/api/deployments/{id}", id).exchange());
            assertThat(stored.get("notes").asString()).isEqualTo("done over VPN");
            assertThat(stored.get("evidence")).hasSize(2);
        }

        @Test
        void aRefusedFirstAttemptDoesNotUseUpTheKey() {
            String withoutNotes = deploymentJson(prod).replace("done over VPN", "");
            assertThat(send(withoutNotes)).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(count("select count(*) from idempotent_request where idempotency_key = ?",
                    key.substring(1, key.length() - 1))).isZero();

            assertThat(send(deploymentJson(prod))).hasStatus(HttpStatus.CREATED);
            assertThat(deploymentsOfRelease()).isEqualTo(1);
        }

        @Test
        void anExpiredKeyIsForgotten() {
            assertThat(send(deploymentJson(prod))).hasStatus(HttpStatus.CREATED);
            jdbc.update("update idempotent_request set expires_at = now() - interval '1 second'"
                    + " where idempotency_key = ?", key.substring(1, key.length() - 1));

            MvcTestResult later = send(deploymentJson(prod));
            assertThat(later).hasStatus(HttpStatus.CREATED);
            assertThat(later.getResponse().getHeader("Idempotent-Replayed")).isNull();
            assertThat(deploymentsOfRelease()).isEqualTo(2);
        }

        @Test
        void twoIdenticalRequestsAtTheSameMomentRecordOneDeployment() throws Exception {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<MvcTestResult>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return send(deploymentJson(prod));
                    }));
                }
                start.countDown();
                List<String> ids = new ArrayList<>();
                for (var answer : answers) {
                    MvcTestResult result = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(result).hasStatus(HttpStatus.CREATED);
                    ids.add(read(result).get("id").asString());
                }
                assertThat(ids.get(0)).isEqualTo(ids.get(1));
            } finally {
                pool.shutdownNow();
            }
            assertThat(deploymentsOfRelease()).isEqualTo(1);
            assertThat(events(EventTypes.RELEASE_DEPLOYED, "releaseId", releaseId)).hasSize(1);
        }

        @Test
        void anUnusableKeyIsRefusedByName() {
            for (String bad : List.of("\"\"", "x".repeat(256), "\"schlüssel\"")) {
                assertThat(post(bad, deploymentJson(prod), evidence("deploy.log", "text/plain", LOG)))
                        .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                        .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("Idempotency-Key"));
            }
            assertThat(deploymentsOfRelease()).isZero();
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollsBackToTheVersionsBeforeThisReleaseFromTheHistory() {
            read(deploy(deploymentJson(prod)));
            customerService.environmentComponents(prod, List.of(
                    new String[] {gateway, "1.2.3", releaseId},
                    new String[] {report, "1.2.3", releaseId},
                    new String[] {"other", "5.0", null}));
            customerService.history(prod, gateway, List.of(
                    new String[] {"1.1.0", "1.2.3", releaseId},
                    new String[] {"1.0.0", "1.1.0", UUID.randomUUID().toString()}));
            List<String[]> reportHistory = new ArrayList<>();
            reportHistory.add(new String[] {null, "1.2.3", releaseId});
            customerService.history(prod, report, reportHistory);

            MvcTestResult result = deploy("""
                    {"kind":"ROLLBACK","customerId":"%s","environmentIds":["%s"],"notes":"broke login"}"""
                    .formatted(customer, prod));

            assertThat(result).hasStatus(HttpStatus.CREATED);
            JsonNode rollback = read(result);
            assertThat(rollback.get("kind").asString()).isEqualTo("ROLLBACK");
            JsonNode versions = rollback.get("environments").get(0).get("versions");
            assertThat(versions).hasSize(1);
            assertThat(versions.get(0).get("component").asString()).isEqualTo(gateway);
            assertThat(versions.get(0).get("version").asString()).isEqualTo("1.1.0");

            JsonNode detail = detail(releaseId);
            assertThat(detail.get("status").asString()).isEqualTo("ROLLED_BACK");
            JsonNode last = detail.get("timeline").get(detail.get("timeline").size() - 1);
            assertThat(last.get("action").asString()).isEqualTo("ROLLBACK_RECORDED");
            assertThat(last.get("facts").get("versions").get(0).get("component").asString()).isEqualTo(gateway);
            assertThat(last.get("facts").get("versions").get(0).get("version").asString()).isEqualTo("1.1.0");
            assertThat(last.get("facts").get("kept").get(0).get("component").asString()).isEqualTo(report);
            assertThat(last.get("facts").get("kept").get(0).get("noEarlier").asBoolean()).isTrue();

            JsonNode payload = events(EventTypes.RELEASE_DEPLOYED, "deploymentId", rollback.get("id").asString())
                    .get(0).get("payload");
            assertThat(payload.get("kind").asString()).isEqualTo("ROLLBACK");
            assertThat(payload.get("targets").get(0).get("versions").get(0).get("version").asString())
                    .isEqualTo("1.1.0");

            sync.markSynced(EnvironmentVersionsSynced.synced(UUID.fromString(rollback.get("id").asString()),
                    SyncSource.ROLLBACK, prod, "prod").release(UUID.fromString(releaseId), null)
                    .customer(customer, "Acme 银行", null)
                    .changes(List.of(new EnvironmentVersionsSynced.Change(gateway, "1.2.3", "1.1.0"))).build(),
                    Actor.system());
            JsonNode afterSync = detail(releaseId);
            assertThat(afterSync.get("deployments").get(1).get("environments").get(0).get("syncStatus").asString())
                    .isEqualTo("SYNCED");
            assertThat(afterSync.get("status").asString()).isEqualTo("ROLLED_BACK");
        }

        @Test
        void refusesARollbackWhereNothingOfTheReleaseIsInstalled() {
            List<String[]> installed = new ArrayList<>();
            installed.add(new String[] {gateway, "0.9", null});
            customerService.environmentComponents(prod, installed);

            assertThat(deploy("""
                    {"kind":"ROLLBACK","customerId":"%s","environmentIds":["%s"],"notes":"undo"}"""
                    .formatted(customer, prod)))
                    .hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("没有可回滚的内容"));
            assertThat(deploymentsOfRelease()).isZero();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
