package io.inetpublish.release.plan;

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
import io.inetpublish.release.ReleaseItSupport;
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
class PlanDeploymentsIT extends ReleaseItSupport {

    @Autowired
    DeploymentSync sync;

    UUID customer;
    UUID prod;
    String gateway;
    String report;
    JsonNode first;
    JsonNode second;
    JsonNode third;
    final UUID bundle = UUID.randomUUID();

    @BeforeEach
    void planOfThreeRecords() {
        customer = UUID.randomUUID();
        prod = UUID.randomUUID();
        gateway = unique("gateway");
        report = unique("report");
        first = record(gateway + "=2.3.2", report + "=1.1.0");
        second = record(gateway + "=2.3.3");
        third = record(report + "=1.2.0");
        customerService.environment(prod, customer, "Acme 银行", null, "生产");
        customerService.installations(List.of(new Installation(prod, customer, "Acme 银行", "生产",
                List.of(new String[] {gateway, "2.3.1", "2.3.3"}, new String[] {report, "1.0.0", "1.2.0"}))));
    }

    private JsonNode record(String... items) {
        StringBuilder body = new StringBuilder();
        for (String item : items) {
            String[] cv = item.split("=");
            customerService.component(cv[0]);
            body.append(body.isEmpty() ? "" : ",").append("{\"component\":\"").append(cv[0])
                    .append("\",\"version\":\"").append(cv[1]).append("\"}");
        }
        return submit("""
                {"title":"Fix %s","tickets":[{"id":"%s"}],"items":[%s],"updateType":"HOT","configChange":false,
                 "manual":"1. replace"}""".formatted(items[0], unique("T"), body));
    }

    private String ids(JsonNode... records) {
        StringBuilder out = new StringBuilder();
        for (JsonNode r : records) {
            out.append(out.isEmpty() ? "" : ",").append('"').append(r.get("id").asString()).append('"');
        }
        return out.toString();
    }

    private MvcTestResult deployPlan(String releaseIds, String key, boolean withEvidence) {
        var request = mvc.post().uri("/api/plans/deployments").multipart()
                .file(new MockMultipartFile("deployment", "", MediaType.APPLICATION_JSON_VALUE, """
                        {"environmentId":"%s","target":"mainline","releaseIds":[%s],
                         "bundleBuildId":"%s","notes":"升级到主线，冒烟测试通过"}"""
                        .formatted(prod, releaseIds, bundle).getBytes(StandardCharsets.UTF_8)));
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
