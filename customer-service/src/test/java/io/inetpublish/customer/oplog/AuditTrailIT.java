package io.inetpublish.customer.oplog;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import db.migration.V35_3__Delta_bundle_names_out_of_release_number;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.i18n.StoredText;
import io.inetpublish.common.test.JavaMigrations;
import io.inetpublish.common.test.RelayedEvents;
import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The one audit trail from customer-service's side: the other services' changes arrive as events on the exchange
 * (put there exactly as their outbox relays do) and are read back through the operation log's API and CSV export —
 * each once, however often it is delivered, with operator, time, kind, target and what changed; and nothing can
 * change or remove an entry, not even a statement at the database.
 */
@ServiceIntegrationTest
class AuditTrailIT extends CustomerItSupport {

    static final String CONSUMER = "customer-service.audit-trail";

    @Autowired
    RelayedEvents events;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    OperationLog log;
    @Autowired
    DataSource dataSource;

    Actor admin;

    @BeforeEach
    void fixtures() {
        admin = new Actor(unique("ou_admin"), unique("管理员"));
    }

    @Test
    void aRoleChangeDeliveredTwiceIsRecordedOnceWithOperatorTimeTargetAndChange() {
        String person = unique("ou_li");
        EventEnvelope<AuditEvent> event = EventEnvelope.of(EventTypes.USER_ROLES_CHANGED, admin,
                AuditEvent.builder(AuditEvent.Kind.USER, Action.USER_ROLE_CHANGED).target(person, "李四")
                        .change("role", "VIEWER", "TESTER").build());

        double duplicates = count("inetpublish.events.duplicates");
        events.publish(event);
        events.publish(event);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("inetpublish.events.duplicates") > duplicates);

        JsonNode items = fx.get("/api/operation-logs?target={t}", person).get("items");
        assertThat(items).hasSize(1);
        JsonNode entry = items.get(0);
        assertThat(entry.get("kind").asString()).isEqualTo("USER");
        assertThat(entry.get("action").asString()).isEqualTo("USER_ROLE_CHANGED");
        assertThat(entry.get("actor").get("id").asString()).isEqualTo(admin.userId());
        assertThat(entry.get("actor").get("name").asString()).isEqualTo(admin.name());
        assertThat(Instant.parse(entry.get("at").asString()))
                .isCloseTo(event.occurredAt(), within(1, ChronoUnit.MILLIS));
        assertThat(entry.get("targetId").asString()).isEqualTo(person);
        assertThat(entry.get("targetName").asString()).isEqualTo("李四");
        assertThat(entry.at("/fieldChanges/0/field").asString()).isEqualTo("role");
        assertThat(entry.at("/fieldChanges/0/from").asString()).isEqualTo("VIEWER");
        assertThat(entry.at("/fieldChanges/0/to").asString()).isEqualTo("TESTER");
    }

    @Test
    void theLogItselfRefusesASecondEntryForTheSameEvent() {
        String token = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        AuditEvent revoked = AuditEvent.builder(AuditEvent.Kind.INTEGRATION_TOKEN, Action.INTEGRATION_TOKEN_REVOKED)
                .target(token, "ci").build();

        // as if the inbox had forgotten the event (its records expire) and it came once more
        Boolean first = tx.execute(s -> log.append(eventId, Instant.now(), admin, revoked));
        Boolean second = tx.execute(s -> log.append(eventId, Instant.now(), admin, revoked));
        assertThat(first).isTrue();
        assertThat(second).isFalse();

        assertThat(fx.get("/api/operation-logs?target={t}", token).get("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void aSubmittedReleaseAndABuildResultBecomeEntriesOfTheirKind() {
        UUID release = UUID.randomUUID();
        String number = unique("R");
        events.publish(EventEnvelope.of(EventTypes.RELEASE_SUBMITTED, admin, new ReleaseSubmitted(
                ReleaseSubmitted.SCHEMA_VERSION, release, number, "六月发布", UpdateType.HOT, false,
                List.of(new ComponentVersion("gateway", "2.3.1")))));
        UUID build = UUID.randomUUID();
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, admin, BuildFinished.releasePackage(build,
                BuildResult.ABORTED).release(release, number, "六月发布").jenkins(17, null)
                .items(List.of(new ComponentVersion("gateway", "2.3.1"))).build()));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> fx.get("/api/operation-logs?target={t}", build).get("totalItems").asInt() == 1);
        JsonNode submitted = fx.get("/api/operation-logs?target={t}&kind=RELEASE", number).get("items");
        assertThat(submitted).hasSize(1);
        assertThat(submitted.at("/0/action").asString()).isEqualTo("RELEASE_SUBMITTED");
        assertThat(submitted.at("/0/releaseNumber").asString()).isEqualTo(number);
        assertThat(submitted.at("/0/updateType").asString()).isEqualTo("HOT");
        assertThat(submitted.at("/0/changes/0/component").asString()).isEqualTo("gateway");
        assertThat(submitted.at("/0/changes/0/to").asString()).isEqualTo("2.3.1");
        JsonNode finished = fx.get("/api/operation-logs?target={t}", build).at("/items/0");
        assertThat(finished.get("kind").asString()).isEqualTo("BUILD");
        assertThat(finished.get("action").asString()).isEqualTo("BUILD_FINISHED");
        assertThat(finished.at("/facts/result").asString()).isEqualTo("ABORTED");
        assertThat(finished.at("/facts/jenkinsBuildNumber").asString()).isEqualTo("17");
        assertThat(finished.get("releaseId").asString()).isEqualTo(release.toString());
    }

    /**
     * Issue 16 (store facts, render text): why a build did not complete is filed as its codes, for the web app to word
     * in the reader's language, not as the English sentence that travels beside them. An event of a build-service from
     * before codes carries only the sentence: one the build-reason catalogue writes is read back into its codes, any
     * other text is filed as it came.
     */
    @Test
    void aFailedBuildsReasonIsFiledAsCodesAndAnOlderProducersTextReadBackOrAsItCame() throws Exception {
        UUID coded = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        StoredText reason = StoredText.of("build.reason.gave-up", 3,
                StoredText.of("jenkins.unreachable", "Connection refused"));
        String english = "Gave up after 3 failed attempts to reach the build in Jenkins: Jenkins is not reachable"
                + " right now (Connection refused); please try again shortly";
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, admin, BuildFinished.releasePackage(coded,
                BuildResult.LOST).release(UUID.randomUUID(), unique("R"), "六月发布").reason(reason, english).build()));
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, admin, BuildFinished.releasePackage(old,
                BuildResult.LOST).release(UUID.randomUUID(), unique("R"), "六月发布").legacyReason(english).build()));
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, admin, BuildFinished.releasePackage(unknown,
                BuildResult.FAILURE).release(UUID.randomUUID(), unique("R"), "六月发布")
                .legacyReason("compilation failed").build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> List.of(coded, old, unknown).stream()
                .allMatch(b -> fx.get("/api/operation-logs?target={t}", b).get("totalItems").asInt() == 1));
        for (UUID build : List.of(coded, old)) {
            JsonNode facts = fx.get("/api/operation-logs?target={t}", build).at("/items/0/facts");
            assertThat(facts.at("/result").asString()).isEqualTo("LOST");
            assertThat(StoredText.fromJson(facts.at("/reasonText").asString())).isEqualTo(reason);
            assertThat(facts.has("reason")).isFalse();
            assertThat(facts.toString()).as("no English sentence is filed").doesNotContain("Gave up");
        }
        JsonNode unknownFacts = fx.get("/api/operation-logs?target={t}", unknown).at("/items/0/facts");
        assertThat(unknownFacts.at("/reason").asString()).isEqualTo("compilation failed");
        assertThat(unknownFacts.has("reasonText")).isFalse();
        // the CSV export words the reason in the reader's language, as the web app does, not as its JSON codes
        for (String language : List.of("zh-CN", "en")) {
            var csv = mvc.get().uri("/api/operation-logs/export").param("target", coded.toString())
                    .header("Accept-Language", language).exchange();
            assertThat(csv).hasStatusOk();
            String body = csv.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).doesNotContain("reasonText", "\"code\"");
            assertThat(body).contains(language.equals("en") ? "reason=Gave up after 3 failed attempts"
                    : "reason=尝试 3 次仍无法在 Jenkins 中访问该构建");
        }
        assertThat(mvc.get().uri("/api/operation-logs/export").param("target", unknown.toString()).exchange()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("reason=compilation failed");
    }

    @Test
    void aDeltaBundlesResultNamesTheBundleNotAReleaseAndARetentionRemovalIsLogged() {
        UUID build = UUID.randomUUID();
        UUID environment = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        String bundle = unique("PLAN-华东电力-生产");
        events.publish(EventEnvelope.of(EventTypes.BUILD_FINISHED, admin, BuildFinished.deltaBundle(build,
                BuildResult.SUCCESS, bundle, "华东电力", environment, "生产")
                .plan("/plans?environments=" + environment + "&target=mainline",
                        List.of(new BuildFinished.PlanRelease(first, "REL-2026-0001"),
                                new BuildFinished.PlanRelease(UUID.randomUUID(), "REL-2026-0002")))
                .jenkins(18, null).items(List.of(new ComponentVersion("gateway", "2.3.5"))).build()));
        // the platform removes the kept bundle later (build-service's retention)
        events.publish(EventEnvelope.of(EventTypes.BUILD_BUNDLE_REMOVED, Actor.system(),
                AuditEvent.builder(AuditEvent.Kind.BUILD, Action.BUILD_BUNDLE_REMOVED).target(build, null)
                        .fact("buildType", "PACKAGE").fact("bundleName", bundle).fact("retention", "P180D")
                        .environment(environment, "生产").build()));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> fx.get("/api/operation-logs?target={t}", build).get("totalItems").asInt() == 2);
        JsonNode finished = fx.get("/api/operation-logs?target={t}&action=BUILD_FINISHED", build).at("/items/0");
        assertThat(finished.get("action").asString()).isEqualTo("BUILD_FINISHED");
        assertThat(finished.hasNonNull("releaseNumber")).as("a bundle is not a release record").isFalse();
        assertThat(finished.hasNonNull("releaseId")).isFalse();
        assertThat(finished.at("/facts/bundleName").asString()).isEqualTo(bundle);
        assertThat(finished.at("/facts/releaseNumbers").asString()).isEqualTo("REL-2026-0001,REL-2026-0002");
        assertThat(finished.at("/facts/plan").asString()).startsWith("/plans?environments=" + environment);
        assertThat(finished.get("customerName").asString()).isEqualTo("华东电力");
        assertThat(finished.get("environmentName").asString()).isEqualTo("生产");
        JsonNode removed = fx.get("/api/operation-logs?target={t}&action=BUILD_BUNDLE_REMOVED", build)
                .at("/items/0");
        assertThat(removed.get("kind").asString()).isEqualTo("BUILD");
        assertThat(removed.at("/actor/id").asString()).isEqualTo("system");
        assertThat(removed.at("/facts/retention").asString()).isEqualTo("P180D");
    }

    @Test
    void aDeltaBundlesResultLoggedBeforeAsAReleaseNumberIsCorrectedByV35_3() throws Exception {
        UUID customer = fx.customer(unique("华东电力"), null);
        UUID environment = fx.environment(customer, "生产", "PROD");
        UUID bundleBuild = UUID.randomUUID();
        UUID recordBuild = UUID.randomUUID();
        UUID release = UUID.randomUUID();
        String bundle = unique("UPGRADE-20261120-");
        String plan = "/plans?environments=" + environment + "&target=mainline";
        // as they were written before: the trigger by build-service (with the plan), the result by the old consumer
        insertOld(bundleBuild, "BUILD_TRIGGERED", environment, null, null,
                "{\"buildType\":\"PACKAGE\",\"bundleName\":\"" + bundle + "\",\"plan\":\"" + plan
                        + "\",\"releaseNumbers\":\"REL-2026-0001,REL-2026-0002\"}");
        insertOld(bundleBuild, "BUILD_FINISHED", environment, null, bundle,
                "{\"buildType\":\"PACKAGE\",\"result\":\"SUCCESS\"}");
        // a record's package: a release number that is one
        insertOld(recordBuild, "BUILD_FINISHED", null, release, "REL-2026-0003",
                "{\"buildType\":\"PACKAGE\",\"result\":\"SUCCESS\"}");

        JavaMigrations.run(new V35_3__Delta_bundle_names_out_of_release_number(), dataSource);
        JavaMigrations.run(new V35_3__Delta_bundle_names_out_of_release_number(), dataSource); // changes nothing more

        JsonNode finished = fx.get("/api/operation-logs?target={t}&action=BUILD_FINISHED", bundleBuild)
                .at("/items/0");
        assertThat(finished.hasNonNull("releaseNumber")).as("a bundle is not a release record").isFalse();
        assertThat(finished.at("/facts/bundleName").asString()).isEqualTo(bundle);
        assertThat(finished.at("/facts/plan").asString()).isEqualTo(plan);
        assertThat(finished.at("/facts/releaseNumbers").asString()).isEqualTo("REL-2026-0001,REL-2026-0002");
        assertThat(finished.at("/facts/result").asString()).isEqualTo("SUCCESS");
        assertThat(finished.get("customerName").asString()).startsWith("华东电力");
        JsonNode record = fx.get("/api/operation-logs?target={t}", recordBuild).at("/items/0");
        assertThat(record.get("releaseNumber").asString()).isEqualTo("REL-2026-0003");
        assertThat(record.at("/facts/bundleName").isMissingNode()).isTrue();
        // the guard is back
        assertThatThrownBy(() -> jdbc.update("update operation_log set actor_name = 'x' where target_id = ?",
                bundleBuild.toString())).hasMessageContaining("append-only");
    }

    private void insertOld(UUID build, String action, UUID environment, UUID release, String releaseNumber,
            String facts) {
        jdbc.update("""
                insert into operation_log (at, actor_id, actor_name, action, kind, target_id, environment_id,
                                           environment_name, release_id, release_number, facts)
                values (now() - interval '10 days', 'ou_old', '张三', ?, 'BUILD', ?, ?, '生产', ?, ?, ?::jsonb)
                """, action, build.toString(), environment, release, releaseNumber, facts);
    }

    @Test
    void filtersByKindOperatorTargetAndTimeAndExportsWhatItShows() throws Exception {
        Actor other = new Actor(unique("ou_other"), unique("王五"));
        String schedule = UUID.randomUUID().toString();
        String token = UUID.randomUUID().toString();
        Instant before = Instant.now().minusSeconds(1);
        tx.executeWithoutResult(s -> {
            log.append(UUID.randomUUID(), Instant.now(), admin, AuditEvent.builder(AuditEvent.Kind.SCHEDULE,
                    Action.SCHEDULE_CREATED).target(schedule, "季度更新").set("title", "季度更新").build());
            log.append(UUID.randomUUID(), Instant.now(), admin, AuditEvent.builder(AuditEvent.Kind.SCHEDULE,
                    Action.SCHEDULE_DONE).target(schedule, "季度更新").change("status", "PLANNED", "DONE").build());
            log.append(UUID.randomUUID(), Instant.now(), other, AuditEvent.builder(
                    AuditEvent.Kind.INTEGRATION_TOKEN, Action.INTEGRATION_TOKEN_CREATED).target(token, "ci-main")
                    .set("scopes", "mainline:report").build());
        });
        Instant after = Instant.now().plusSeconds(1);

        assertThat(actions("operator=" + admin.name())).containsExactly("SCHEDULE_DONE", "SCHEDULE_CREATED");
        assertThat(actions("operator=" + other.userId())).containsExactly("INTEGRATION_TOKEN_CREATED");
        assertThat(actions("target=" + schedule)).containsExactly("SCHEDULE_DONE", "SCHEDULE_CREATED");
        assertThat(actions("target=ci-main&operator=" + other.name())).containsExactly("INTEGRATION_TOKEN_CREATED");
        assertThat(actions("kind=INTEGRATION_TOKEN&target=" + schedule)).isEmpty();
        assertThat(actions("kind=SCHEDULE&operator=" + admin.userId())).hasSize(2);
        assertThat(actions("operator=" + admin.userId() + "&from=" + before + "&to=" + after)).hasSize(2);
        assertThat(actions("operator=" + admin.userId() + "&from=" + after)).isEmpty();
        assertThat(mvc.get().uri("/api/operation-logs").param("kind", "SHOE")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("kind");

        var csv = mvc.get().uri("/api/operation-logs/export").param("target", schedule).param("kind", "SCHEDULE")
                .exchange();
        assertThat(csv).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
        String[] lines = csv.getResponse().getContentAsString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).endsWith(",kind,operatorId,target,targetId,fieldChanges,facts");
        assertThat(lines[1]).contains(admin.name(), "SCHEDULE_DONE", "SCHEDULE," + admin.userId() + ",季度更新,"
                + schedule + ",status: PLANNED → DONE");
    }

    @Test
    void theDatabaseRefusesToChangeRemoveOrEmptyTheLog() {
        String target = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> log.append(admin, AuditEvent.builder(AuditEvent.Kind.USER, Action.USER_DISABLED)
                .target(target, "赵六").change("disabled", false, true).build()));

        assertThatThrownBy(() -> jdbc.update("update operation_log set actor_name = 'someone' where target_id = ?",
                target)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from operation_log where target_id = ?", target))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate operation_log")).hasMessageContaining("append-only");
        assertThat(fx.get("/api/operation-logs?target={t}", target).at("/items/0/actor/name").asString())
                .isEqualTo(admin.name());
    }

    private List<String> actions(String query) {
        return fx.get("/api/operation-logs?" + query).get("items").findValuesAsString("action");
    }

    private double count(String meter) {
        return meters.find(meter).tag("consumer", CONSUMER).counters().stream().mapToDouble(Counter::count).sum();
    }
}
