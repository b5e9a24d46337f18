package io.inetpublish.release.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PublishedAuditEvents;
import io.inetpublish.release.CustomerServiceStub.Installation;
import io.inetpublish.release.ReleaseIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static io.inetpublish.common.test.security.TestTokens.bearer;

/** 升级计划: ordering, gaps, skips, already deployed, bad input (docs/product.md, "Upgrade plans"). */
@ReleaseIntegrationTest
class UpgradePlansIT extends PlanItSupport {

    final String auth = unique("auth");

    private String id(JsonNode record) {
        return record.get("id").asString();
    }

    private String number(JsonNode record) {
        return record.get("number").asString();
    }

    private void environment(UUID id, String... components) {
        environments(new Installation(id, customer, "Acme 银行", "生产", rows(components)));
    }

    private void environments(Installation... installations) {
        customerService.installations(List.of(installations));
    }

    /** "gateway=2.3.1=2.3.5": component, installed, mainline (may be left out). */
    private static List<String[]> rows(String... components) {
        return java.util.Arrays.stream(components).map(c -> c.split("=")).toList();
    }

    private JsonNode plan(String query) {
        MvcTestResult result = mvc.get().uri("/api/plans?" + query).exchange();
        assertThat(result).hasStatusOk();
        return read(result);
    }

    private JsonNode mainlinePlan(UUID environment) {
        return plan("environments=" + environment + "&target=mainline").get("environments").get(0);
    }

    private static List<String> steps(JsonNode plan) {
        List<String> numbers = new ArrayList<>();
        plan.get("steps").forEach(s -> numbers.add(s.get("number").asString()));
        return numbers;
    }

    private static List<String> gaps(JsonNode plan) {
        List<String> gaps = new ArrayList<>();
        plan.get("gaps").forEach(g -> gaps.add(g.get("kind").asString() + ":"
                + (g.get("component").isNull() ? "" : g.get("component").asString()) + ":"
                + (g.get("version").isNull() ? "" : g.get("version").asString()) + ":"
                + (g.get("release").isNull() ? "" : g.get("release").get("number").asString())));
        return gaps;
    }

    private static JsonNode step(JsonNode plan, String number) {
        for (JsonNode step : plan.get("steps")) {
            if (step.get("number").asString().equals(number)) {
                return step;
            }
        }
        throw new AssertionError(number + " is not a step");
    }

    @Test
    void ordersSeveralRecordsOfOneComponentByVersionNotBySubmission() {
        JsonNode r235 = record(false, gateway + "=2.3.5");
        JsonNode r232 = record(false, gateway + "=2.3.2");
        JsonNode r2310 = record(false, gateway + "=2.3.10");
        JsonNode r234 = record(true, gateway + "=2.3.4");
        JsonNode r231 = record(false, gateway + "=2.3.1");
        JsonNode r240 = record(false, gateway + "=2.4.0");
        JsonNode hotfix = record(false, gateway + "=2.3.5-hotfix.1");
        JsonNode rc = record(false, gateway + "=2.3.5-rc.1");
        environment(prod, gateway + "=2.3.1=2.3.10");

        JsonNode plan = mainlinePlan(prod);

        // 2.3.1 installed (left out), 2.4.0 beyond mainline (left out); pre-release before, hotfix after the plain one
        assertThat(steps(plan)).containsExactly(number(r232), number(r234), number(rc), number(r235),
                number(hotfix), number(r2310));
        assertThat(steps(plan)).doesNotContain(number(r231), number(r240));
        assertThat(step(plan, number(r232)).get("items").get(0).get("state").asString()).isEqualTo("SUPERSEDED");
        assertThat(step(plan, number(r2310)).get("items").get(0).get("state").asString()).isEqualTo("INSTALL");
        assertThat(step(plan, number(r234)).get("configChange").asBoolean()).isTrue();
        assertThat(step(plan, number(r234)).get("configNotes").asString()).contains("timeout=30");
        assertThat(step(plan, number(r234)).get("tickets").get(0).get("url").asString())
                .isEqualTo("https://tickets.example.com/1");
        assertThat(step(plan, number(r232)).get("position").asInt()).isEqualTo(1);
        JsonNode change = plan.get("changes").get(0);
        assertThat(change.get("component").asString()).isEqualTo(gateway);
        assertThat(change.get("from").asString()).isEqualTo("2.3.1");
        assertThat(change.get("to").asString()).isEqualTo("2.3.10");
        assertThat(change.get("reachesTarget").asBoolean()).isTrue();
        assertThat(change.get("releases")).hasSize(6);
        assertThat(plan.get("gaps")).isEmpty();
        assertThat(plan.get("environment").get("customerName").asString()).isEqualTo("Acme 银行");
    }

    @Test
    void placesARecordTouchingSeveralComponentsOnceWhereEveryComponentWantsIt() {
        // submitted in the "wrong" order on purpose
        JsonNode gatewayOnly = record(false, gateway + "=2.3.3");
        JsonNode both = record(true, gateway + "=2.3.2", report + "=1.1.0");
        JsonNode reportOnly = record(false, report + "=1.0.5");
        JsonNode three = record(false, gateway + "=2.3.4", report + "=1.2.0", auth + "=3.0.1");
        environment(prod, gateway + "=2.3.1=2.3.4", report + "=1.0.0=1.2.0", auth + "=3.0.0=3.0.1");

        JsonNode plan = mainlinePlan(prod);

        assertThat(steps(plan)).containsExactly(number(reportOnly), number(both), number(gatewayOnly),
                number(three));
        assertThat(plan.get("changes")).hasSize(3);
        assertThat(plan.get("changes").findValuesAsString("to")).containsExactlyInAnyOrder("2.3.4", "1.2.0", "3.0.1");
        assertThat(step(plan, number(three)).get("items")).allSatisfy(
                i -> assertThat(i.get("state").asString()).isEqualTo("INSTALL"));
    }

    @Test
    void reportsAnOrderConflictAndStillListsEveryRecordOnce() {
        // A brings gateway 2.3.2 + report 1.2.0, B brings gateway 2.3.3 + report 1.1.0: no order satisfies both
        JsonNode a = record(false, gateway + "=2.3.2", report + "=1.2.0");
        JsonNode b = record(false, gateway + "=2.3.3", report + "=1.1.0");
        environment(prod, gateway + "=2.3.1=2.3.3", report + "=1.0.0=1.2.0");

        JsonNode plan = mainlinePlan(prod);

        assertThat(steps(plan)).containsExactlyInAnyOrder(number(a), number(b));
        assertThat(gaps(plan)).anyMatch(g -> g.startsWith("ORDER_CONFLICT:"));
    }

    @Test
    void showsComponentsAlreadyAtOrPastTheTargetAndTargetVersionsNoRecordBrings() {
        record(false, gateway + "=2.3.2");
        environment(prod, gateway + "=2.3.1=2.3.5", report + "=1.5.0=1.2.0", auth + "=3.0.0=3.0.0");

        JsonNode plan = mainlinePlan(prod);

        assertThat(plan.get("atTarget").findValuesAsString("component")).containsExactly(auth, report);
        assertThat(plan.get("atTarget").get(1).get("relation").asString()).isEqualTo("AHEAD");
        assertThat(plan.get("atTarget").get(0).get("relation").asString()).isEqualTo("EQUAL");
        assertThat(gaps(plan)).containsExactly("NO_RECORD:" + gateway + ":2.3.5:");
        JsonNode change = plan.get("changes").get(0);
        assertThat(change.get("to").asString()).isEqualTo("2.3.2");
        assertThat(change.get("reachesTarget").asBoolean()).isFalse();
    }

    @Test
    void leavesOutWithdrawnRecordsAsGapsAndFlagsOutdatedPackages() {
        JsonNode withdrawn = record(false, gateway + "=2.3.3");
        assertThat(mvc.post().uri("/api/releases/{id}/withdraw", id(withdrawn)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"broke login\"}").exchange()).hasStatusOk();
        JsonNode outdated = record(false, gateway + "=2.3.4");
        JsonNode packaged = record(false, gateway + "=2.3.5");
        UUID oldBuild = UUID.randomUUID();
        UUID goodBuild = UUID.randomUUID();
        jdbc.update("insert into release_package (release_id, build_id, file_name, relative_path, finished_at,"
                + " content_hash) values (?, ?, 'a.tar.gz', 'a.tar.gz', now(), 'built-before-the-edit')",
                UUID.fromString(id(outdated)), oldBuild);
        jdbc.update("insert into release_package (release_id, build_id, file_name, relative_path, finished_at,"
                + " content_hash) values (?, ?, 'b.tar.gz', 'b.tar.gz', now(), null)",
                UUID.fromString(id(packaged)), goodBuild);
        environment(prod, gateway + "=2.3.1=2.3.5");

        JsonNode plan = mainlinePlan(prod);

        assertThat(steps(plan)).containsExactly(number(outdated), number(packaged));
        assertThat(gaps(plan)).containsExactlyInAnyOrder("WITHDRAWN:" + gateway + ":2.3.3:" + number(withdrawn),
                "OUTDATED_BUILD:::" + number(outdated));
        assertThat(step(plan, number(outdated)).get("packageOutdated").asBoolean()).isTrue();
        assertThat(step(plan, number(outdated)).get("packageBuildId").isNull()).isTrue();
        assertThat(step(plan, number(packaged)).get("packageBuildId").asString()).isEqualTo(goodBuild.toString());
    }

    @Test
    void aSkipMarkTakesTheRecordOutOfTheStepsWithItsReasonAndIsAudited() {
        JsonNode first = record(false, gateway + "=2.3.2");
        JsonNode second = record(false, gateway + "=2.3.3");
        customerService.environment(prod, customer, "Acme 银行", null, "生产");
        environment(prod, gateway + "=2.3.1=2.3.3");

        MvcTestResult skipped = mvc.put().uri("/api/releases/{id}/skips/{env}", id(first), prod)
                .with(bearer("ou_support", "Sam", Role.SUPPORT))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"客户不用登录页，暂不更新\"}").exchange();
        assertThat(skipped).hasStatusOk();
        assertThat(read(skipped).get("skippedBy").get("name").asString()).isEqualTo("Sam");

        JsonNode plan = mainlinePlan(prod);
        assertThat(steps(plan)).containsExactly(number(second));
        assertThat(plan.get("skipped")).hasSize(1);
        assertThat(plan.get("skipped").get(0).get("release").get("number").asString()).isEqualTo(number(first));
        assertThat(plan.get("skipped").get(0).get("reason").asString()).isEqualTo("客户不用登录页，暂不更新");
        assertThat(plan.get("skipped").get(0).get("items").get(0).get("version").asString()).isEqualTo("2.3.2");

        AuditEvent audit = new PublishedAuditEvents(jdbc, json).one(EventTypes.RELEASE_SKIPPED, id(first)).payload();
        assertThat(audit.action()).isEqualTo(Action.RELEASE_SKIPPED);
        assertThat(audit.fact(AuditEvent.Fact.ENVIRONMENT_NAME)).isEqualTo("生产");
        assertThat(audit.changes()).extracting(AuditEvent.Change::to).containsExactly("客户不用登录页，暂不更新");

        MvcTestResult listed = mvc.get().uri("/api/plans/skips?environments=" + prod).exchange();
        assertThat(listed).hasStatusOk();
        assertThat(read(listed).findValuesAsString("releaseNumber")).containsExactly(number(first));

        assertThat(mvc.delete().uri("/api/releases/{id}/skips/{env}", id(first), prod).exchange())
                .hasStatus(HttpStatus.NO_CONTENT);
        assertThat(steps(mainlinePlan(prod))).containsExactly(number(first), number(second));
        assertThat(new PublishedAuditEvents(jdbc, json).one(EventTypes.RELEASE_SKIP_REMOVED, id(first)).payload()
                .changes()).extracting(AuditEvent.Change::from).containsExactly("客户不用登录页，暂不更新");
    }

    @Test
    void refusesASkipWithoutReasonByAViewerOrOfAnUnknownEnvironment() {
        JsonNode first = record(false, gateway + "=2.3.2");
        customerService.environment(prod, customer, "Acme 银行", null, "生产");
        MvcTestResult blank = mvc.put().uri("/api/releases/{id}/skips/{env}", id(first), prod)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"  \"}").exchange();
        assertThat(blank).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(read(blank).get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(mvc.put().uri("/api/releases/{id}/skips/{env}", id(first), prod)
                .with(bearer("ou_viewer", "Vic", Role.VIEWER))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"no\"}").exchange())
                .hasStatus(HttpStatus.FORBIDDEN);
        // customer-service answers 404 for an environment it does not know (WireMock: nothing stubbed)
        assertThat(mvc.put().uri("/api/releases/{id}/skips/{env}", id(first), UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"no\"}").exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(count("select count(*) from release_skip where release_id = ?", UUID.fromString(id(first))))
                .isZero();
    }

    @Test
    void leavesOutRecordsAlreadyDeployedThere() {
        JsonNode deployed = record(false, gateway + "=2.3.2");
        JsonNode next = record(false, gateway + "=2.3.3");
        customerService.environment(prod, customer, "Acme 银行", null, "生产");
        assertThat(recordDeployment(id(deployed), """
                {"customerId":"%s","environmentIds":["%s"],"notes":"done"}""".formatted(customer, prod)))
                .hasStatus(HttpStatus.CREATED);
        // the sync has not reached customer-service's versions yet: the environment still says 2.3.1
        environment(prod, gateway + "=2.3.1=2.3.3");

        JsonNode plan = mainlinePlan(prod);

        assertThat(steps(plan)).containsExactly(number(next));
        assertThat(plan.get("alreadyDeployed").findValuesAsString("number")).containsExactly(number(deployed));
    }

    @Test
    void planTowardsChosenRecordsAndChosenVersions() {
        JsonNode r232 = record(false, gateway + "=2.3.2");
        JsonNode r233 = record(false, gateway + "=2.3.3", report + "=1.1.0");
        JsonNode r234 = record(false, gateway + "=2.3.4");
        environment(prod, gateway + "=2.3.1=2.3.4", report + "=1.0.0");

        JsonNode towardsRecord = plan("environments=" + prod + "&releases=" + id(r233));
        assertThat(towardsRecord.get("target").get("kind").asString()).isEqualTo("RELEASES");
        assertThat(towardsRecord.get("target").get("releases").get(0).get("number").asString())
                .isEqualTo(number(r233));
        assertThat(steps(towardsRecord.get("environments").get(0))).containsExactly(number(r232), number(r233));

        JsonNode towardsVersions = plan("environments=" + prod + "&versions=" + gateway + "@2.3.2,"
                + report + "@0.9.0," + auth + "@1.0.0");
        JsonNode env = towardsVersions.get("environments").get(0);
        assertThat(steps(env)).containsExactly(number(r232));
        assertThat(env.get("atTarget").get(0).get("relation").asString()).isEqualTo("AHEAD");
        assertThat(gaps(env)).containsExactly("MISSING_COMPONENT:" + auth + ":1.0.0:");
        assertThat(towardsVersions.get("link").asString()).isEqualTo("/plans?environments=" + prod + "&versions="
                + gateway + "@2.3.2," + report + "@0.9.0," + auth + "@1.0.0");
        assertThat(steps(env)).doesNotContain(number(r234));
    }

    @Test
    void plansSeveralEnvironmentsOfDifferentCustomersAtOnce() {
        JsonNode r232 = record(false, gateway + "=2.3.2");
        JsonNode r233 = record(false, gateway + "=2.3.3");
        UUID other = UUID.randomUUID();
        environments(new Installation(prod, customer, "Acme 银行", "生产", rows(gateway + "=2.3.1=2.3.3")),
                new Installation(other, UUID.randomUUID(), "华东电力", "测试", rows(gateway + "=2.3.2=2.3.3")));

        JsonNode plan = plan("environments=" + prod + "," + other);

        assertThat(plan.get("environments")).hasSize(2);
        assertThat(steps(plan.get("environments").get(0))).containsExactly(number(r232), number(r233));
        assertThat(steps(plan.get("environments").get(1))).containsExactly(number(r233));
        assertThat(plan.get("environments").get(1).get("environment").get("customerName").asString())
                .isEqualTo("华东电力");
    }

    @Test
    void refusesBadInputNamingTheField() {
        environment(prod, gateway + "=2.3.1=2.3.3");
        String many = IntStream.range(0, 51).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        MvcTestResult tooMany = mvc.get().uri("/api/plans?environments=" + many).exchange();
        assertThat(tooMany).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(read(tooMany).get("errors").get(0).get("field").asString()).isEqualTo("environments");
        assertThat(read(tooMany).get("errors").get(0).get("message").asString()).contains("50");

        MvcTestResult none = mvc.get().uri("/api/plans").exchange();
        assertThat(none).hasStatus(HttpStatus.BAD_REQUEST);

        MvcTestResult unknownEnvironment = mvc.get().uri("/api/plans?environments=" + UUID.randomUUID()).exchange();
        assertThat(unknownEnvironment).hasStatus(HttpStatus.NOT_FOUND);

        MvcTestResult unknownRecord = mvc.get().uri("/api/plans?environments=" + prod + "&releases="
                + UUID.randomUUID()).exchange();
        assertThat(unknownRecord).hasStatus(HttpStatus.NOT_FOUND);

        MvcTestResult badVersion = mvc.get().uri("/api/plans?environments=" + prod + "&versions=" + gateway
                + "@latest").header("Accept-Language", "en").exchange();
        assertThat(badVersion).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(read(badVersion).get("errors").get(0).get("field").asString()).isEqualTo("versions[0]");
        assertThat(read(badVersion).get("errors").get(0).get("message").asString()).contains("latest");

        MvcTestResult noAt = mvc.get().uri("/api/plans?environments=" + prod + "&versions=" + gateway).exchange();
        assertThat(noAt).hasStatus(HttpStatus.BAD_REQUEST);

        MvcTestResult both = mvc.get().uri("/api/plans?environments=" + prod + "&versions=" + gateway
                + "@2.3.2&releases=" + UUID.randomUUID()).exchange();
        assertThat(both).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(read(both).get("errors").get(0).get("field").asString()).isEqualTo("target");
    }

    @Test
    void markdownHasTheManualsInOrderWithConfigChangesCalledOut() {
        JsonNode later = record(false, gateway + "=2.3.3");
        JsonNode earlier = record(true, gateway + "=2.3.2");
        environment(prod, gateway + "=2.3.1=2.3.3");

        MvcTestResult result = mvc.get().uri("/api/plans/markdown?environments=" + prod).exchange();
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentType()).startsWith("text/markdown");
        assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment;");
        String md = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        int first = md.indexOf("#### 1. " + number(earlier));
        int second = md.indexOf("#### 2. " + number(later));
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(md.substring(first, second)).contains("> **配置变更**: set timeout=30")
                .contains("##### Steps for Fix " + gateway + "=2.3.2");
        assertThat(md).contains("# 升级计划").contains("| " + gateway + " | 2.3.1 | 2.3.3 | 2.3.3 |");

        MvcTestResult english = mvc.get().uri("/api/plans/markdown?environments=" + prod)
                .header("Accept-Language", "en").exchange();
        assertThat(new String(english.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                .contains("# Upgrade plan").contains("> **Configuration change**: set timeout=30");
    }
}
