package io.inetpublish.release.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.AuditEvent.Action;
import io.inetpublish.common.event.CustomerArchived;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.test.PublishedAuditEvents;
import io.inetpublish.common.test.RelayedEvents;
import io.inetpublish.release.CustomerServiceStub;
import io.inetpublish.release.CustomerServiceStub.Env;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Rollouts (issue 18): targets chosen by customer tag, type or one by one, schedules created with them, and each
 * target moved by the events that already exist - this service's own {@code release.deployed} and
 * {@code schedule.changed}, customer-service's {@code environment.versions-synced} and {@code customer.archived} -
 * put on the exchange as their producers publish them, read back through the API.
 */
@ReleaseIntegrationTest
class RolloutsIT extends ReleaseItSupport {

    @Autowired
    RelayedEvents events;
    @Autowired
    MeterRegistry meters;

    String pilot;
    String firstWave;
    Env pilotProd;
    Env pilotUat;
    Env waveProd;
    Env internal;
    String component;
    UUID releaseId;
    String releaseNumber;

    @BeforeEach
    void customers() {
        pilot = unique("试点");
        firstWave = unique("第一批");
        UUID grid = UUID.randomUUID();
        UUID metro = UUID.randomUUID();
        pilotProd = new Env(UUID.randomUUID(), grid, "华东电力", "Li Si", "生产", "PROD", false, List.of(pilot), false);
        pilotUat = new Env(UUID.randomUUID(), grid, "华东电力", "Li Si", "测试", "TEST", false, List.of(pilot), false);
        waveProd = new Env(UUID.randomUUID(), metro, "深圳地铁", "Wang Wu", "生产", "PROD", false, List.of(firstWave),
                false);
        internal = new Env(UUID.randomUUID(), UUID.randomUUID(), "本公司测试中心", null, "测试环境 A", "TEST", true,
                List.of(), false);
        customerService.environmentList("tag", pilot, List.of(pilotUat, pilotProd));
        customerService.environmentList("tag", firstWave, List.of(waveProd));
        for (Env e : List.of(pilotProd, pilotUat, waveProd, internal)) {
            customerService.environmentList("id", e.id().toString(), List.of(e));
            customerService.environment(e.id(), e.customerId(), e.customerName(), e.owner(), e.name());
        }
        component = unique("gw");
        JsonNode release = submitRelease(component);
        releaseId = UUID.fromString(release.get("id").asString());
        releaseNumber = release.get("number").asString();
    }

    private MvcTestResult create(UUID release, String body) {
        return mvc.post().uri("/api/releases/{id}/rollouts", release).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private JsonNode created(String body) {
        MvcTestResult result = create(releaseId, body);
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return read(result);
    }

    private List<JsonNode> targets(String rolloutId, String query) {
        MvcTestResult result = mvc.get().uri("/api/rollouts/" + rolloutId + "/targets" + query).exchange();
        assertThat(result).hasStatusOk();
        List<JsonNode> items = new ArrayList<>();
        read(result).get("items").forEach(items::add);
        return items;
    }

    private Map<String, String> states(String rolloutId) {
        Map<String, String> states = new HashMap<>();
        targets(rolloutId, "").forEach(t -> states.put(t.at("/environment/id").asString(), t.get("state").asString()));
        return states;
    }

    private String state(String rolloutId, Env environment) {
        return states(rolloutId).get(environment.id().toString());
    }

    private JsonNode target(String rolloutId, Env environment) {
        return targets(rolloutId, "").stream()
                .filter(t -> t.at("/environment/id").asString().equals(environment.id().toString())).findFirst()
                .orElseThrow();
    }

    /** Sends again what this service put into its outbox for the payload field (as its relay does, maybe twice). */
    private void relayOwn(String type, String field, Object value) {
        List<String> envelopes = jdbc.queryForList("""
                select envelope::text from outbox_event where event_type = ? and envelope -> 'payload' ->> ? = ?""",
                String.class, type, field, String.valueOf(value));
        assertThat(envelopes).isNotEmpty();
        for (String envelope : envelopes) {
            events.send(type, envelope.getBytes(StandardCharsets.UTF_8),
                    UUID.fromString(json.readTree(envelope).get("eventId").asString()));
        }
    }

    /** {@link #relayOwn} for an audit event about one target. */
    private void relayOwnAbout(String type, Object targetId) {
        List<String> envelopes = jdbc.queryForList("""
                select envelope::text from outbox_event
                where event_type = ? and envelope -> 'payload' -> 'target' ->> 'id' = ?""",
                String.class, type, String.valueOf(targetId));
        assertThat(envelopes).isNotEmpty();
        for (String envelope : envelopes) {
            events.send(type, envelope.getBytes(StandardCharsets.UTF_8),
                    UUID.fromString(json.readTree(envelope).get("eventId").asString()));
        }
    }

    private double duplicates() {
        return meters.find("inetpublish.events.duplicates").tag("consumer", "release-service.rollout-progress")
                .tag("type", EventTypes.RELEASE_DEPLOYED).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Nested
    class Creating {

        @Test
        void aRolloutToTheCustomersTaggedPilotCreatesTheirSchedulesOwnedByTheCustomersOwner() {
            customerService.person("Li Si");
            JsonNode rollout = created("""
                    {"title":"网关修复推广","tags":["%s"],"schedule":{"plannedAt":"2030-01-10T22:00:00+08:00",
                     "timeZone":"Asia/Shanghai","content":"夜间窗口更新网关"}}""".formatted(pilot));

            assertThat(rollout.get("total").asInt()).isEqualTo(2);
            assertThat(rollout.at("/counts/PLANNED").asInt()).isEqualTo(2);
            assertThat(rollout.get("tags").get(0).asString()).isEqualTo(pilot);
            assertThat(rollout.get("releaseNumber").asString()).isEqualTo(releaseNumber);
            List<JsonNode> targets = targets(rollout.get("id").asString(), "");
            assertThat(targets).extracting(t -> t.at("/environment/name").asString()).containsExactly("测试", "生产");
            for (JsonNode target : targets) {
                JsonNode schedule = read(mvc.get().uri("/api/schedules/{id}", target.get("scheduleId").asString())
                        .exchange());
                assertThat(schedule.at("/owner/name").asString()).isEqualTo("Li Si");
                assertThat(schedule.at("/owner/id").asString()).isEqualTo(CustomerServiceStub.personId("Li Si"));
                assertThat(schedule.at("/releases/0/releaseId").asString()).isEqualTo(releaseId.toString());
                assertThat(schedule.at("/environments/0/environmentId").asString())
                        .isEqualTo(target.at("/environment/id").asString());
            }
            // the release record's page lists it
            JsonNode ofRelease = read(mvc.get().uri("/api/releases/{id}/rollouts", releaseId).exchange());
            assertThat(ofRelease.at("/items/0/id").asString()).isEqualTo(rollout.get("id").asString());
            // the operation log is told
            AuditEvent audit = new PublishedAuditEvents(jdbc, json)
                    .one(EventTypes.ROLLOUT_CREATED, rollout.get("id").asString()).payload();
            assertThat(audit.action()).isEqualTo(Action.ROLLOUT_CREATED);
            assertThat(audit.fact("targets")).isEqualTo("2");
            assertThat(audit.fact("schedules")).isEqualTo("2");
            assertThat(audit.fact(AuditEvent.Fact.RELEASE_NUMBER)).isEqualTo(releaseNumber);
        }

        @Test
        void tagsAndEnvironmentsOneByOneAddUpWithoutDoubles() {
            customerService.environmentsById(List.of(pilotProd.id(), waveProd.id()), List.of(pilotProd, waveProd));
            JsonNode rollout = created("""
                    {"tags":["%s"],"environmentIds":["%s","%s"]}""".formatted(pilot, pilotProd.id(), waveProd.id()));

            assertThat(rollout.get("total").asInt()).isEqualTo(3);
            assertThat(targets(rollout.get("id").asString(), "").get(0).get("scheduleId").isNull()).isTrue();
        }

        @Test
        void thePreviewShowsTheTargetsAndStoresNothing() {
            long before = count("select count(*) from rollout where release_id = ?", releaseId);
            MvcTestResult result = mvc.post().uri("/api/releases/{id}/rollouts/preview", releaseId)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"tags\":[\"" + firstWave + "\"]}").exchange();
            assertThat(result).hasStatusOk();
            assertThat(read(result).get("total").asInt()).isEqualTo(1);
            assertThat(read(result).at("/targets/0/customerName").asString()).isEqualTo("深圳地铁");
            assertThat(count("select count(*) from rollout where release_id = ?", releaseId)).isEqualTo(before);
        }
    }

    @Nested
    class BadInput {

        @Test
        void anUnknownRecordIsNotFound() {
            assertThat(create(UUID.randomUUID(), "{\"tags\":[\"" + pilot + "\"]}")).hasStatus(HttpStatus.NOT_FOUND);
        }

        @Test
        void noTargetsIsRefusedNamingTheField() {
            MvcTestResult nothing = create(releaseId, "{}");
            assertThat(nothing).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(nothing).at("/errors/0/field").asString()).isEqualTo("environmentIds");

            customerService.environmentList("tag", "nobody", List.of());
            MvcTestResult none = create(releaseId, "{\"tags\":[\"nobody\"]}");
            assertThat(none).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(none).at("/errors/0/field").asString()).isEqualTo("tags");
            assertThat(count("select count(*) from rollout where release_id = ?", releaseId)).isZero();
        }

        @Test
        void theDashboardsCellsOfMoreThan100CustomersAreRefusedNamingTheField() {
            StringBuilder uri = new StringBuilder("/api/rollouts/states?releaseId=" + releaseId);
            for (int i = 0; i < 101; i++) {
                uri.append("&customerId=").append(UUID.randomUUID());
            }
            MvcTestResult tooMany = mvc.get().uri(uri.toString()).header("Accept-Language", "en").exchange();
            assertThat(tooMany).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(tooMany).at("/errors/0/field").asString()).isEqualTo("customerId");
            assertThat(read(tooMany).get("detail").asString()).contains("at most 100 customers");
        }

        @Test
        void anInternalTestEnvironmentOrAnUnknownOneIsNoTarget() {
            customerService.environmentsById(List.of(pilotProd.id(), internal.id()), List.of(pilotProd, internal));
            MvcTestResult result = create(releaseId, "{\"environmentIds\":[\"" + pilotProd.id() + "\",\""
                    + internal.id() + "\"]}");
            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(result).at("/errors/0/field").asString()).isEqualTo("environmentIds[1]");

            UUID unknown = UUID.randomUUID();
            customerService.environmentList("id", unknown.toString(), List.of());
            MvcTestResult missing = create(releaseId, "{\"environmentIds\":[\"" + unknown + "\"]}");
            assertThat(missing).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(missing).at("/errors/0/field").asString()).isEqualTo("environmentIds[0]");
        }

        @Test
        void aBadTypeOrScheduleIsRefusedNamingTheField() {
            MvcTestResult type = create(releaseId, "{\"environmentTypes\":[\"PRODUCTION\"]}");
            assertThat(type).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(type).at("/errors/0/field").asString()).startsWith("environmentTypes");

            MvcTestResult schedule = create(releaseId, "{\"tags\":[\"" + pilot + "\"],\"schedule\":{}}");
            assertThat(schedule).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(schedule).at("/errors/0/field").asString()).isEqualTo("schedule.plannedAt");
        }

        @Test
        void aWithdrawnRecordIsNotRolledOut() {
            assertThat(mvc.post().uri("/api/releases/{id}/withdraw", releaseId).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"superseded\"}")).hasStatusOk();
            MvcTestResult result = create(releaseId, "{\"tags\":[\"" + pilot + "\"]}");
            assertThat(result).hasStatus(HttpStatus.CONFLICT);
            assertThat(read(result).get("detail").asString()).contains(releaseNumber);
        }

        @Test
        void skippingWithoutAReasonIsRefusedAndUnknownTargetsAreNotFound() {
            JsonNode rollout = created("{\"tags\":[\"" + firstWave + "\"]}");
            String id = rollout.get("id").asString();
            String target = targets(id, "").get(0).get("id").asString();
            MvcTestResult noReason = mvc.post().uri("/api/rollouts/{id}/targets/{t}/skip", id, target)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}").exchange();
            assertThat(noReason).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(read(noReason).at("/errors/0/field").asString()).isEqualTo("reason");
            assertThat(mvc.post().uri("/api/rollouts/{id}/targets/{t}/skip", id, UUID.randomUUID())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                    .hasStatus(HttpStatus.NOT_FOUND);
            assertThat(mvc.get().uri("/api/rollouts/{id}", UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
            assertThat(state(id, waveProd)).isEqualTo("PLANNED");
        }
    }

    /** An approval request of the record at an environment, as the approvals store it (issue 18, item 3). */
    private void approval(Env environment, String status, String reason, int minutesAgo) {
        jdbc.update("""
                insert into approval_request (id, release_id, environment_id, environment_name, customer_id,
                    customer_name, content_hash, reasons, status, requested_by, requested_by_name, requested_at,
                    decided_by, decided_by_name, decided_at, decision_reason, decided_via)
                values (?, ?, ?, ?, ?, ?, 'h', 'PRODUCTION', ?, 'ou_zhangsan', '张三', now() - ? * interval '1 minute',
                    ?, ?, ?, ?, ?)""", UUID.randomUUID(), releaseId, environment.id(), environment.name(),
                environment.customerId(), environment.customerName(), status, minutesAgo,
                "REQUESTED".equals(status) ? null : "ou_lisi", "REQUESTED".equals(status) ? null : "李四",
                "REQUESTED".equals(status) ? null : java.sql.Timestamp.from(java.time.Instant.now()), reason,
                "REQUESTED".equals(status) ? null : "WEB");
    }

    @Test
    void theNewestApprovalOfATargetsEnvironmentShowsOnTheRolloutPageAndInTheDashboardCell() {
        String id = created("{\"tags\":[\"" + pilot + "\"]}").get("id").asString();
        approval(pilotProd, "REJECTED", "客户窗口改到下周", 30);
        approval(pilotProd, "APPROVED", null, 10);
        approval(pilotUat, "REJECTED", "本周冻结变更", 5);

        JsonNode prod = target(id, pilotProd);
        assertThat(prod.at("/approval/status").asString()).isEqualTo("APPROVED");
        assertThat(prod.at("/approval/decidedBy/name").asString()).isEqualTo("李四");
        assertThat(target(id, pilotUat).at("/approval/reason").asString()).isEqualTo("本周冻结变更");

        JsonNode cells = read(mvc.get().uri("/api/rollouts/states?releaseId={r}", releaseId).exchange());
        Map<String, JsonNode> byEnvironment = new HashMap<>();
        cells.forEach(c -> byEnvironment.put(c.get("environmentId").asString(), c));
        assertThat(byEnvironment.get(pilotProd.id().toString()).get("approvalStatus").asString())
                .isEqualTo("APPROVED");
        assertThat(byEnvironment.get(pilotProd.id().toString()).path("approvalReason").isString()).isFalse();
        assertThat(byEnvironment.get(pilotUat.id().toString()).get("approvalStatus").asString())
                .isEqualTo("REJECTED");
        assertThat(byEnvironment.get(pilotUat.id().toString()).get("approvalReason").asString())
                .isEqualTo("本周冻结变更");
        assertThat(byEnvironment.get(pilotUat.id().toString()).get("state").asString()).isEqualTo("PLANNED");
    }

    @Nested
    class DrivenByEvents {

        @Test
        void aRecordedDeploymentThenItsSyncMoveTheTargetOnceEach() {
            String id = created("{\"tags\":[\"" + pilot + "\"]}").get("id").asString();
            MvcTestResult recorded = recordDeployment(releaseId, """
                    {"customerId":"%s","environmentIds":["%s"],"notes":"night window"}"""
                    .formatted(pilotProd.customerId(), pilotProd.id()));
            assertThat(recorded).hasStatus(HttpStatus.CREATED);
            UUID deploymentId = UUID.fromString(read(recorded).get("id").asString());

            relayOwn(EventTypes.RELEASE_DEPLOYED, "deploymentId", deploymentId);
            await().atMost(Duration.ofSeconds(15)).until(() -> "DEPLOYED".equals(state(id, pilotProd)));
            assertThat(state(id, pilotUat)).isEqualTo("PLANNED");
            assertThat(target(id, pilotProd).get("deploymentId").asString()).isEqualTo(deploymentId.toString());

            EventEnvelope<EnvironmentVersionsSynced> synced = EventEnvelope.of(EventTypes.ENVIRONMENT_VERSIONS_SYNCED,
                    Actor.system(), EnvironmentVersionsSynced
                            .synced(deploymentId, SyncSource.CUSTOMER_DEPLOYMENT, pilotProd.id(), "生产")
                            .release(releaseId, releaseNumber).customer(pilotProd.customerId(), "华东电力", null)
                            .changes(List.of(new EnvironmentVersionsSynced.Change(component, "1.2.2", "1.2.3")))
                            .build());
            events.publish(synced);
            await().atMost(Duration.ofSeconds(15)).until(() -> "SYNCED".equals(state(id, pilotProd)));

            // the relay sends release.deployed again (at least once): the target stays SYNCED
            double before = duplicates();
            relayOwn(EventTypes.RELEASE_DEPLOYED, "deploymentId", deploymentId);
            await().atMost(Duration.ofSeconds(15)).until(() -> duplicates() > before);
            assertThat(state(id, pilotProd)).isEqualTo("SYNCED");
            JsonNode rollout = read(mvc.get().uri("/api/rollouts/{id}", id).exchange());
            assertThat(rollout.at("/counts/SYNCED").asInt()).isEqualTo(1);
            assertThat(rollout.at("/counts/PLANNED").asInt()).isEqualTo(1);
            // filtered list
            assertThat(targets(id, "?state=SYNCED")).hasSize(1);
            assertThat(targets(id, "?state=PLANNED&q=测试")).hasSize(1);
            // the dashboard's cells
            JsonNode states = read(mvc.get().uri("/api/rollouts/states?releaseId={r}", releaseId).exchange());
            assertThat(states).hasSize(2);
        }

        /** The dashboard asks for the cells of its page's customers only (docs/bench-rollouts.md). */
        @Test
        void theDashboardsCellsOfSomeCustomersAreThoseCustomersEnvironmentsOnly() {
            created("{\"tags\":[\"" + pilot + "\"]}");
            created("{\"tags\":[\"" + firstWave + "\"]}");

            JsonNode all = read(mvc.get().uri("/api/rollouts/states?releaseId={r}", releaseId).exchange());
            assertThat(all).extracting(c -> c.get("environmentId").asString()).containsExactlyInAnyOrder(
                    pilotProd.id().toString(), pilotUat.id().toString(), waveProd.id().toString());
            JsonNode metro = read(mvc.get().uri("/api/rollouts/states?releaseId={r}&customerId={c}", releaseId,
                    waveProd.customerId()).exchange());
            assertThat(metro).extracting(c -> c.get("environmentId").asString())
                    .containsExactly(waveProd.id().toString());
            assertThat(metro.get(0).get("state").asString()).isEqualTo("PLANNED");
            JsonNode both = read(mvc.get().uri("/api/rollouts/states?releaseId={r}&customerId={a}&customerId={b}",
                    releaseId, waveProd.customerId(), pilotProd.customerId()).exchange());
            assertThat(both).hasSize(3);
            JsonNode nobody = read(mvc.get().uri("/api/rollouts/states?releaseId={r}&customerId={c}", releaseId,
                    UUID.randomUUID()).exchange());
            assertThat(nobody).isEmpty();
        }

        @Test
        void aRollbackMarksTheTargetFailed() {
            String id = created("{\"tags\":[\"" + firstWave + "\"]}").get("id").asString();
            UUID rollback = UUID.randomUUID();
            events.publish(EventEnvelope.of(EventTypes.RELEASE_DEPLOYED, Actor.system(),
                    io.inetpublish.common.event.ReleaseDeployed.rollback(rollback, java.time.Instant.now())
                            .release(releaseId, releaseNumber, "t").customer(waveProd.customerId())
                            .update(io.inetpublish.common.event.UpdateType.HOT, false)
                            .targets(List.of(new io.inetpublish.common.event.ReleaseDeployed.Target(waveProd.id(),
                                    List.of()))).build()));
            await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(state(id, waveProd)));
            assertThat(target(id, waveProd).get("reasonCode").asString()).isEqualTo("ROLLED_BACK");
        }

        @Test
        void aCancelledScheduleSkipsItsTargetWithTheReason() {
            String id = created("""
                    {"tags":["%s"],"schedule":{"plannedAt":"2030-01-10T22:00:00+08:00"}}""".formatted(pilot))
                    .get("id").asString();
            String scheduleId = target(id, pilotUat).get("scheduleId").asString();
            assertThat(mvc.post().uri("/api/schedules/{id}/cancel", scheduleId).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"客户冻结变更\"}")).hasStatusOk();

            relayOwnAbout(EventTypes.SCHEDULE_CHANGED, scheduleId);
            await().atMost(Duration.ofSeconds(15)).until(() -> "SKIPPED".equals(state(id, pilotUat)));
            assertThat(target(id, pilotUat).get("reasonCode").asString()).isEqualTo("SCHEDULE_CANCELLED");
            assertThat(target(id, pilotUat).get("reason").asString()).isEqualTo("客户冻结变更");
            assertThat(state(id, pilotProd)).isEqualTo("PLANNED");
        }

        @Test
        void anArchivedCustomerSkipsWhatIsStillPlannedThere() {
            String id = created("{\"tags\":[\"" + pilot + "\"],\"environmentIds\":[\"" + waveProd.id() + "\"]}")
                    .get("id").asString();
            events.publish(EventEnvelope.of(EventTypes.CUSTOMER_ARCHIVED, Actor.system(),
                    new CustomerArchived(CustomerArchived.SCHEMA_VERSION, waveProd.customerId(), "深圳地铁")));
            await().atMost(Duration.ofSeconds(15)).until(() -> "SKIPPED".equals(state(id, waveProd)));
            assertThat(target(id, waveProd).get("reasonCode").asString()).isEqualTo("CUSTOMER_ARCHIVED");
            assertThat(state(id, pilotProd)).isEqualTo("PLANNED");
        }

        @Test
        void aWithdrawnRecordSkipsItsPlannedTargets() {
            String id = created("{\"tags\":[\"" + firstWave + "\"]}").get("id").asString();
            assertThat(mvc.post().uri("/api/releases/{id}/withdraw", releaseId).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"superseded\"}")).hasStatusOk();
            relayOwnAbout(EventTypes.RELEASE_WITHDRAWN, releaseId);
            await().atMost(Duration.ofSeconds(15)).until(() -> "SKIPPED".equals(state(id, waveProd)));
            assertThat(target(id, waveProd).get("reasonCode").asString()).isEqualTo("RELEASE_WITHDRAWN");
        }
    }

    @Nested
    class ByHand {

        @Test
        void skippingATargetSaysWhyCancelsItsScheduleAndIsAudited() {
            String id = created("""
                    {"tags":["%s"],"schedule":{"plannedAt":"2030-01-10T22:00:00+08:00"}}""".formatted(firstWave))
                    .get("id").asString();
            JsonNode target = target(id, waveProd);
            MvcTestResult skipped = mvc.post().uri("/api/rollouts/{id}/targets/{t}/skip", id,
                    target.get("id").asString()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"客户下月才开放窗口\"}").exchange();
            assertThat(skipped).hasStatusOk();
            assertThat(read(skipped).at("/counts/SKIPPED").asInt()).isEqualTo(1);
            JsonNode after = target(id, waveProd);
            assertThat(after.get("reason").asString()).isEqualTo("客户下月才开放窗口");
            assertThat(after.get("reasonCode").asString()).isEqualTo("BY_HAND");
            JsonNode schedule = read(mvc.get().uri("/api/schedules/{id}", target.get("scheduleId").asString())
                    .exchange());
            assertThat(schedule.get("status").asString()).isEqualTo("CANCELLED");
            AuditEvent audit = new PublishedAuditEvents(jdbc, json).one(EventTypes.ROLLOUT_CHANGED, id).payload();
            assertThat(audit.action()).isEqualTo(Action.ROLLOUT_TARGET_SKIPPED);
            assertThat(audit.changes()).containsExactly(new AuditEvent.Change("state", "PLANNED", "SKIPPED"));

            // skipped twice: refused, nothing changes
            assertThat(mvc.post().uri("/api/rollouts/{id}/targets/{t}/skip", id, target.get("id").asString())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                    .hasStatus(HttpStatus.CONFLICT);
        }

        @Test
        void markingATargetFailedSaysWhatFailed() {
            String id = created("{\"tags\":[\"" + firstWave + "\"]}").get("id").asString();
            String target = target(id, waveProd).get("id").asString();
            assertThat(mvc.post().uri("/api/rollouts/{id}/targets/{t}/fail", id, target)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"数据库迁移脚本报错\"}"))
                    .hasStatusOk();
            assertThat(target(id, waveProd).get("state").asString()).isEqualTo("FAILED");
            assertThat(target(id, waveProd).get("reason").asString()).isEqualTo("数据库迁移脚本报错");
        }
    }
}
