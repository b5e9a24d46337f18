package io.inetpublish.release.plan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.release.CustomerServiceStub.Installation;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.deployment.DeploymentSync;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** 记录升级计划的部署: one action records every covered record's deployment; each syncs and completes. */
@ReleaseIntegrationTest
class PlanDeploymentsIT extends PlanItSupport {

    @Autowired
    DeploymentSync sync;

    JsonNode first;
    JsonNode second;
    JsonNode third;
    final UUID bundle = UUID.randomUUID();

    @BeforeEach
    void planOfThreeRecords() {
        first = record(false, gateway + "=2.3.2", report + "=1.1.0");
        second = record(false, gateway + "=2.3.3");
        third = record(false, report + "=1.2.0");
        customerService.environment(prod, customer, "Acme 银行", null, "生产");
        customerService.installations(List.of(new Installation(prod, customer, "Acme 银行", "生产",
                List.of(new String[] {gateway, "2.3.1", "2.3.3"}, new String[] {report, "1.0.0", "1.2.0"}))));
        // the plan's delta bundle, packaged for this environment with the versions the plan installs
        build(bundle, null, prod, "FINISHED", "SUCCESS", "STORED", gateway + "=2.3.3", report + "=1.2.0");
    }

    /** What build-service shows of each build stubbed here, for its list ({@link #listed}). */
    final java.util.Map<UUID, String> shown = new java.util.HashMap<>();

    /** build-service's {@code GET /api/builds/{id}}: a package ({@code releaseId} null: a delta bundle). */
    private void build(UUID id, UUID releaseId, UUID environmentId, String status, String result, String kept,
            String... items) {
        String view = """
                {"id":"%s","releaseId":%s,"releaseNumber":"%s","releaseTitle":null,"type":"PACKAGE",
                 "status":"%s","result":%s,"environmentId":%s,"environmentName":"测试环境","customerName":"别的客户",
                 "releases":[],"items":[%s],"artifacts":[],"bundle":{"status":"%s","attempts":1},
                 "requestedBy":{"id":null,"name":"Sam"},"finishedAt":"2026-12-01T10:00:00Z"}"""
                .formatted(id, releaseId == null ? "null" : "\"" + releaseId + "\"",
                        releaseId == null ? "PLAN-" + id.toString().substring(0, 8) : "REL-2026-0001", status,
                        result == null ? "null" : "\"" + result + "\"",
                        environmentId == null ? "null" : "\"" + environmentId + "\"", items(items), kept);
        shown.put(id, view);
        customerService.server().stubFor(get(urlPathEqualTo("/api/builds/" + id)).willReturn(okJson(view)));
    }

    /** build-service's {@code GET /api/builds?environmentId=…}: these builds (stubbed before), newest first. */
    private void listed(UUID environmentId, UUID... ids) {
        StringBuilder items = new StringBuilder();
        for (UUID id : ids) {
            items.append(items.isEmpty() ? "" : ",").append(shown.get(id));
        }
        customerService.server().stubFor(get(urlPathEqualTo("/api/builds"))
                .withQueryParam("environmentId", equalTo(environmentId.toString()))
                .willReturn(okJson("{\"items\":[" + items + "],\"page\":0,\"size\":100,\"total\":" + ids.length
                        + "}")));
    }

    private List<String> offered() {
        MvcTestResult answer = mvc.get().uri("/api/plans/deployments/bundles?environmentId=" + prod + "&target=mainline")
                .exchange();
        assertThat(answer).hasStatusOk();
        List<String> ids = new java.util.ArrayList<>();
        read(answer).forEach(b -> ids.add(b.get("buildId").asString()));
        return ids;
    }

    private String ids(JsonNode... records) {
        StringBuilder out = new StringBuilder();
        for (JsonNode r : records) {
            out.append(out.isEmpty() ? "" : ",").append('"').append(r.get("id").asString()).append('"');
        }
        return out.toString();
    }

    private MvcTestResult deployPlan(String releaseIds, String key, boolean withEvidence) {
        return deployPlan(releaseIds, key, withEvidence, bundle, null);
    }

    private MvcTestResult deployPlan(String releaseIds, String key, boolean withEvidence, UUID bundleBuildId,
            String language) {
        var request = mvc.post().uri("/api/plans/deployments").multipart()
                .file(new MockMultipartFile("deployment", "", MediaType.APPLICATION_JSON_VALUE, """
                        {"environmentId":"%s","target":"mainline","releaseIds":[%s],
                         "bundleBuildId":%s,"notes":"升级到主线，冒烟测试通过"}"""
                        .formatted(prod, releaseIds, bundleBuildId == null ? "null" : "\"" + bundleBuildId + "\"")
                        .getBytes(StandardCharsets.UTF_8)));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (withEvidence) {
            request = request.file(new MockMultipartFile("evidence", "upgrade.log", "text/plain",
                    "upgraded, smoke test passed\n".getBytes(StandardCharsets.UTF_8)));
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.exchange();
    }

    @Test
    void recordsEveryCoveredRecordOnceAndEachCompletesWhenSynced() {
        JsonNode plan = read(mvc.get().uri("/api/plans?environments=" + prod).exchange())
                .get("environments").get(0);
        assertThat(plan.get("steps").findValuesAsString("number")).containsExactly(
                first.get("number").asString(), second.get("number").asString(), third.get("number").asString());

        String key = "\"" + UUID.randomUUID() + "\"";
        MvcTestResult result = deployPlan(ids(first, second, third), key, true);
        assertThat(result).hasStatus(HttpStatus.CREATED);
        JsonNode recorded = read(result);
        // sent twice (a retried request): recorded once
        assertThat(deployPlan(ids(first, second, third), key, true)).hasStatus(HttpStatus.CREATED);
        assertThat(count("select count(*) from plan_deployment where environment_id = ?", prod)).isEqualTo(1);

        JsonNode deployments = recorded.get("deployments");
        assertThat(deployments).hasSize(3);
        assertThat(deployments.findValuesAsString("releaseNumber")).containsExactly(first.get("number").asString(),
                second.get("number").asString(), third.get("number").asString());
        // the first record's gateway and report are superseded: it installs nothing of its own
        assertThat(deployments.get(0).get("environments").get(0).get("versions")).isEmpty();
        assertThat(deployments.get(1).get("environments").get(0).get("versions").get(0).get("version").asString())
                .isEqualTo("2.3.3");
        assertThat(deployments.get(2).get("environments").get(0).get("versions").get(0).get("version").asString())
                .isEqualTo("1.2.0");
        // the evidence is stored once and shown with every deployment
        assertThat(count("select count(*) from deployment_evidence where deployment_id in"
                + " (select id from customer_deployment where plan_deployment_id = ?)",
                UUID.fromString(recorded.get("id").asString()))).isEqualTo(1);
        assertThat(deployments).allSatisfy(d -> assertThat(d.get("evidence")).hasSize(1));
        String path = deployments.get(2).get("evidence").get(0).get("downloadPath").asString();
        assertThat(mvc.get().uri(path).exchange()).hasStatusOk();
        assertThat(recorded.get("bundleBuildId").asString()).isEqualTo(bundle.toString());
        assertThat(recorded.get("plan").asString()).isEqualTo("/plans?environments=" + prod + "&target=mainline");

        // one release.deployed per record, through the usual version sync
        for (JsonNode record : List.of(first, second, third)) {
            List<JsonNode> deployed = events(EventTypes.RELEASE_DEPLOYED, "releaseId", record.get("id").asString());
            assertThat(deployed).hasSize(1);
            // build-service keeps a bundle a deployment names (h2's contract): every record's event names it
            assertThat(deployed.get(0).get("payload").get("packageBuildId").asString()).isEqualTo(bundle.toString());
            assertThat(detail(record.get("id").asString()).get("status").asString()).isEqualTo("DEPLOYED");
        }
        for (JsonNode deployment : deployments) {
            sync.markSynced(EnvironmentVersionsSynced.synced(UUID.fromString(deployment.get("id").asString()),
                    SyncSource.CUSTOMER_DEPLOYMENT, prod, "生产")
                    .release(UUID.fromString(deployment.get("releaseId").asString()), null)
                    .customer(customer, "Acme 银行", null).build(), new Actor("ou_sam", "Sam"));
        }
        for (JsonNode record : List.of(first, second, third)) {
            JsonNode detail = detail(record.get("id").asString());
            assertThat(detail.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(detail.get("timeline").findValuesAsString("action")).contains("CUSTOMER_DEPLOYMENT_RECORDED",
                    "VERSIONS_SYNCED");
        }
        // deployed records leave the plan
        assertThat(read(mvc.get().uri("/api/plans?environments=" + prod).exchange()).get("environments").get(0)
                .get("alreadyDeployed")).hasSize(3);
        assertThat(read(mvc.get().uri("/api/plans/deployments?environmentId=" + prod).exchange())).hasSize(1);
    }

    @Test
    void aPlanNeedsTheApprovalsItsRecordsWouldNeedAlone() {
        // production deployments need approval (issue 18's policy); none was asked for these records
        jdbc.update("insert into approval_policy (id, production, approver_roles) values (1, true, 'ADMIN')");
        try {
            MvcTestResult refused = deployPlan(ids(first, second, third), null, true);
            assertThat(refused).hasStatus(HttpStatus.CONFLICT);
            assertThat(read(refused).get("errors").get(0).get("field").asString()).isEqualTo("releaseIds[0]");
            assertThat(count("select count(*) from plan_deployment where environment_id = ?", prod)).isZero();
            assertThat(count("select count(*) from customer_deployment where release_id = ?",
                    UUID.fromString(first.get("id").asString()))).isZero();
        } finally {
            jdbc.update("delete from approval_policy");
        }
    }

    /** Asserts the refusal names {@code bundleBuildId} with this text and that nothing was recorded. */
    private void refusedBundle(MvcTestResult refused, HttpStatus status, String detail) {
        assertThat(refused).hasStatus(status);
        JsonNode problem = read(refused);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("bundleBuildId");
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        assertThat(count("select count(*) from plan_deployment where environment_id = ?", prod)).isZero();
        assertThat(count("select count(*) from customer_deployment where release_id = ?",
                UUID.fromString(first.get("id").asString()))).isZero();
        assertThat(events(EventTypes.RELEASE_DEPLOYED, "releaseId", first.get("id").asString())).isEmpty();
    }

    @Test
    void theDeltaBundleNamedMustBeThisPlansAtThisEnvironmentAndStillDownloadable() {
        String steps = ids(first, second, third);
        UUID unknown = UUID.randomUUID();
        refusedBundle(deployPlan(steps, null, true, unknown, null), HttpStatus.BAD_REQUEST,
                "构建服务中没有构建 " + unknown + "，不能作为这次部署的增量包");
        refusedBundle(deployPlan(steps, null, true, unknown, "en"), HttpStatus.BAD_REQUEST,
                "build-service has no build " + unknown + "; it cannot be this deployment's delta bundle");

        UUID recordsPackage = UUID.randomUUID();
        build(recordsPackage, UUID.fromString(first.get("id").asString()), null, "FINISHED", "SUCCESS", "STORED",
                gateway + "=2.3.2", report + "=1.1.0");
        refusedBundle(deployPlan(steps, null, true, recordsPackage, null), HttpStatus.BAD_REQUEST,
                "REL-2026-0001 不是升级计划的增量包（发布记录的安装包或测试部署不能用于记录升级计划的部署）");

        UUID otherEnvironments = UUID.randomUUID();
        build(otherEnvironments, null, UUID.randomUUID(), "FINISHED", "SUCCESS", "STORED", gateway + "=2.3.3",
                report + "=1.2.0");
        String name = "PLAN-" + otherEnvironments.toString().substring(0, 8);
        refusedBundle(deployPlan(steps, null, true, otherEnvironments, null), HttpStatus.BAD_REQUEST,
                "增量包 " + name + " 是为 别的客户 / 测试环境 打的，不是这个环境的");
        refusedBundle(deployPlan(steps, null, true, otherEnvironments, "en"), HttpStatus.BAD_REQUEST,
                "the delta bundle " + name + " was built for 别的客户 / 测试环境, not for this environment");

        UUID failed = UUID.randomUUID();
        build(failed, null, prod, "FINISHED", "FAILURE", "NONE", gateway + "=2.3.3", report + "=1.2.0");
        refusedBundle(deployPlan(steps, null, true, failed, null), HttpStatus.CONFLICT,
                "增量包 PLAN-" + failed.toString().substring(0, 8) + " 没有打包成功，不能作为部署使用的安装包");

        UUID removed = UUID.randomUUID();
        build(removed, null, prod, "FINISHED", "SUCCESS", "EXPIRED", gateway + "=2.3.3", report + "=1.2.0");
        refusedBundle(deployPlan(steps, null, true, removed, null), HttpStatus.CONFLICT,
                "增量包 PLAN-" + removed.toString().substring(0, 8)
                        + " 现在不能下载（平台还在保存、保存失败或已按保留期限删除），不能作为部署使用的安装包");

        // packaged before the third record joined the plan: it lacks the report version the plan now installs
        UUID older = UUID.randomUUID();
        build(older, null, prod, "FINISHED", "UNSTABLE", "STORED", gateway + "=2.3.3", report + "=1.1.0");
        refusedBundle(deployPlan(steps, null, true, older, null), HttpStatus.CONFLICT,
                "增量包 PLAN-" + older.toString().substring(0, 8) + " 不包含这个计划要安装的 " + report
                        + " 1.2.0；请按现在的计划重新打增量包，或不选安装包记录");

        // build-service cannot answer: 503, nothing stored
        UUID unanswered = UUID.randomUUID();
        customerService.server().stubFor(get(urlPathEqualTo("/api/builds/" + unanswered))
                .willReturn(aResponse().withStatus(500)));
        assertThat(deployPlan(steps, null, true, unanswered, null)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(count("select count(*) from plan_deployment where environment_id = ?", prod)).isZero();

        // without a package, or with this plan's bundle (an unstable one is usable too), it is recorded
        UUID unstable = UUID.randomUUID();
        build(unstable, null, prod, "FINISHED", "UNSTABLE", "STORED", gateway + "=2.3.3", report + "=1.2.0");
        assertThat(deployPlan(steps, null, true, unstable, null)).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void theFormIsOfferedExactlyTheDeltaBundlesTheRecordingAccepts() {
        String steps = ids(first, second, third);
        UUID unstable = UUID.randomUUID();
        build(unstable, null, prod, "FINISHED", "UNSTABLE", "STORED", gateway + "=2.3.3", report + "=1.2.0");
        UUID running = UUID.randomUUID();
        build(running, null, prod, "RUNNING", null, "NONE", gateway + "=2.3.3", report + "=1.2.0");
        UUID failed = UUID.randomUUID();
        build(failed, null, prod, "FINISHED", "FAILURE", "NONE", gateway + "=2.3.3", report + "=1.2.0");
        UUID removed = UUID.randomUUID();
        build(removed, null, prod, "FINISHED", "SUCCESS", "EXPIRED", gateway + "=2.3.3", report + "=1.2.0");
        // packaged before the third record joined the plan (or before a record was edited): it lacks a version
        UUID older = UUID.randomUUID();
        build(older, null, prod, "FINISHED", "SUCCESS", "STORED", gateway + "=2.3.3", report + "=1.1.0");
        listed(prod, running, unstable, failed, removed, older, bundle);

        assertThat(offered()).containsExactly(unstable.toString(), bundle.toString());
        JsonNode newest = read(mvc.get().uri("/api/plans/deployments/bundles?environmentId=" + prod).exchange()).get(0);
        assertThat(newest.get("name").asString()).isEqualTo("PLAN-" + unstable.toString().substring(0, 8));
        assertThat(newest.get("result").asString()).isEqualTo("UNSTABLE");
        assertThat(newest.get("items")).hasSize(2);

        // every bundle not offered is refused by the recording, the offered one is accepted
        for (UUID notOffered : List.of(running, failed, removed, older)) {
            assertThat(deployPlan(steps, null, true, notOffered, null).getResponse().getStatus()).as("%s", notOffered)
                    .isIn(400, 409);
        }
        assertThat(deployPlan(steps, null, true, unstable, null)).hasStatus(HttpStatus.CREATED);
        // the plan is deployed: nothing is left to deploy, so no bundle is offered
        assertThat(offered()).isEmpty();
    }

    @Test
    void offeringBundlesNeedsTheEnvironmentAndBuildService() {
        assertThat(mvc.get().uri("/api/plans/deployments/bundles").exchange()).hasStatus(HttpStatus.BAD_REQUEST);
        customerService.server().stubFor(get(urlPathEqualTo("/api/builds"))
                .withQueryParam("environmentId", equalTo(prod.toString())).willReturn(aResponse().withStatus(500)));
        assertThat(mvc.get().uri("/api/plans/deployments/bundles?environmentId=" + prod).exchange())
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aPlanCanBeRecordedWithoutAPackage() {
        assertThat(deployPlan(ids(first, second, third), null, true, null, null)).hasStatus(HttpStatus.CREATED);
        assertThat(count("select count(*) from plan_deployment where environment_id = ? and bundle_build_id is null",
                prod)).isEqualTo(1);
    }

    @Test
    void refusesAPlanThatChangedSinceItWasShownAndADeploymentWithoutEvidence() {
        MvcTestResult changed = deployPlan(ids(first, third), null, true);
        assertThat(changed).hasStatus(HttpStatus.CONFLICT);
        assertThat(read(changed).get("errors").get(0).get("field").asString()).isEqualTo("releaseIds");

        MvcTestResult noEvidence = deployPlan(ids(first, second, third), null, false);
        assertThat(noEvidence).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(read(noEvidence).get("errors").get(0).get("field").asString()).isEqualTo("evidence");

        MvcTestResult json = mvc.post().uri("/api/plans/deployments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"environmentId\":\"" + prod + "\",\"releaseIds\":[" + ids(first, second, third)
                        + "],\"notes\":\"x\"}").exchange();
        assertThat(json).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(count("select count(*) from plan_deployment where environment_id = ?", prod)).isZero();
        assertThat(count("select count(*) from customer_deployment where release_id = ?",
                UUID.fromString(first.get("id").asString()))).isZero();
    }
}
