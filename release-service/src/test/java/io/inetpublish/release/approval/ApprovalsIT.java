package io.inetpublish.release.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.PublishedAuditEvents;
import io.inetpublish.common.test.security.TestSecurity;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Approvals of customer deployments (issue 18, item 3): the policy, the refusal of a deployment without approval,
 * requests, decisions in the web app (once, also when two approvers decide at the same moment) and Feishu's card
 * callback protocol (challenge, encryption, signature, token, replays, repeats, people who may not approve).
 */
@ReleaseIntegrationTest
class ApprovalsIT extends ReleaseItSupport {

    static final String TOKEN = "vt-" + UUID.randomUUID();
    static final String KEY = "ek-" + UUID.randomUUID();
    static final String ZHANGSAN = "ou_zhangsan";
    static final String LISI = "ou_lisi";
    static final String WANGWU = "ou_wangwu";

    @Autowired
    Approvals approvals;

    @Autowired
    FeishuCardCallbacks callbacks;

    UUID customerId;
    UUID environmentId;
    String releaseId;

    @BeforeEach
    void setUp() {
        jdbc.update("delete from approval_policy");
        customerId = UUID.randomUUID();
        environmentId = UUID.randomUUID();
        customerService.environment(environmentId, customerId, "华东电力", null, "生产");
        releaseId = submitRelease(unique("gw")).get("id").asString();
        approvers(LISI, "李四", WANGWU, "王五");
    }

    @AfterEach
    void noPolicyForTheOtherSuites() {
        jdbc.update("delete from approval_policy");
    }

    /** auth-service's answer to "who may approve" (stubbed on the shared server). */
    void approvers(String... idAndName) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < idAndName.length; i += 2) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idAndName[i]).append("\",\"name\":\"")
                    .append(idAndName[i + 1]).append("\",\"role\":\"ADMIN\"}");
        }
        customerService.server().stubFor(post(urlPathEqualTo("/internal/people/approvers"))
                .willReturn(okJson(body.append("]").toString())));
    }

    void policy(String body) {
        MvcTestResult result = mvc.put().uri("/api/approvals/policy").contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
        assertThat(result).hasStatusOk();
    }

    void productionNeedsApproval() {
        policy("{\"production\":true,\"configChange\":false,\"approverRoles\":[\"ADMIN\"],\"approverIds\":[],"
                + "\"verificationToken\":\"" + TOKEN + "\",\"encryptKey\":\"\"}");
    }

    MvcTestResult deploy() {
        return recordDeployment(releaseId, """
                {"customerId":"%s","environmentIds":["%s"],"notes":"upgraded"}""".formatted(customerId, environmentId));
    }

    JsonNode request() {
        MvcTestResult result = mvc.post().uri("/api/approvals").with(bearer(ZHANGSAN, "张三", Role.SUPPORT))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"releaseId\":\"%s\",\"environmentId\":\"%s\",\"note\":\"今晚窗口\"}"
                        .formatted(releaseId, environmentId))
                .exchange();
        assertThat(result.getResponse().getStatus()).isIn(200, 201);
        return read(result);
    }

    MvcTestResult decide(String id, String who, String name, String decision, String reason) {
        return mvc.post().uri("/api/approvals/{id}/decision", id).with(bearer(who, name, Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content(reason == null ? "{\"decision\":\"%s\"}".formatted(decision)
                        : "{\"decision\":\"%s\",\"reason\":\"%s\"}".formatted(decision, reason))
                .exchange();
    }

    @Nested
    class Policy {

        @Test
        void namesTheFieldOfEveryBadValueAndStoresNothing() {
            MvcTestResult role = mvc.put().uri("/api/approvals/policy").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"production\":true,\"approverRoles\":[\"VIEWER\"]}").exchange();
            assertThat(role).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("approverRoles[0]"));
            MvcTestResult nobody = mvc.put().uri("/api/approvals/policy").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"production\":true,\"approverRoles\":[],\"approverIds\":[]}").exchange();
            assertThat(nobody).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("approverRoles"));
            MvcTestResult unknown = mvc.put().uri("/api/approvals/policy").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"production\":true,\"approverIds\":[\"ou_nobody\"]}").exchange();
            assertThat(unknown).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("approverIds[0]"));
            assertThat(count("select count(*) from approval_policy")).isZero();
        }

        @Test
        void isAdminOnlyAndNeverShowsTheSecrets() {
            assertThat(mvc.put().uri("/api/approvals/policy").with(bearer(Role.SUPPORT))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"production\":true}").exchange())
                    .hasStatus(HttpStatus.FORBIDDEN);
            productionNeedsApproval();
            MvcTestResult read = mvc.get().uri("/api/approvals/policy").exchange();
            assertThat(read).hasStatusOk();
            String body = new String(read.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
            assertThat(body).doesNotContain(TOKEN).contains("\"verificationTokenSet\":true")
                    .contains("\"encryptKeySet\":false").contains("/api/approvals/feishu/card-callback");
            assertThat(jdbc.queryForObject("select callback_verification_token from approval_policy", String.class))
                    .doesNotContain(TOKEN);
        }

        /**
         * The policy is an integration setting, so its change is in the one audit trail (issue 16, item 4): who
         * changed it and what (from → to), that the callback secrets changed but never their values.
         */
        @Test
        void aChangeGoesToTheAuditTrailNamingWhoAndWhatButNoSecret() {
            assertThat(mvc.put().uri("/api/approvals/policy").with(bearer("ou_ada", "Ada", Role.ADMIN))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"production\":true,\"configChange\":false,\"approverRoles\":[\"ADMIN\"],"
                            + "\"approverIds\":[],\"verificationToken\":\"" + TOKEN + "\",\"encryptKey\":\"" + KEY
                            + "\"}")).hasStatusOk();

            List<EventEnvelope<AuditEvent>> saved = new PublishedAuditEvents(jdbc, json)
                    .about(EventTypes.INTEGRATION_SETTINGS_CHANGED, "approvals");
            EventEnvelope<AuditEvent> changed = saved.get(saved.size() - 1);
            assertThat(changed.actor().userId()).isEqualTo("ou_ada");
            assertThat(changed.actor().name()).isEqualTo("Ada");
            assertThat(changed.payload().target()).isEqualTo(new AuditEvent.Target(
                    AuditEvent.Kind.INTEGRATION_SETTINGS, "approvals", "approvals"));
            assertThat(changed.payload().changes()).contains(
                    new AuditEvent.Change("approval.production", "false", "true"));
            assertThat(changed.payload().changes()).extracting(AuditEvent.Change::field)
                    .contains("approval.roles");
            assertThat(changed.payload().fact("verificationTokenChanged")).isEqualTo("true");
            assertThat(changed.payload().fact("encryptKeyChanged")).isEqualTo("true");
            assertThat(jdbc.queryForList("select envelope::text from outbox_event where event_type = ?",
                    String.class, EventTypes.INTEGRATION_SETTINGS_CHANGED))
                    .allSatisfy(envelope -> assertThat(envelope).doesNotContain(TOKEN).doesNotContain(KEY));
        }

        @Test
        void withoutAPolicyNothingNeedsApproval() {
            assertThat(deploy()).hasStatus(HttpStatus.CREATED);
        }
    }

    @Nested
    class WebApp {

        @Test
        void aProductionDeploymentIsRefusedUntilApprovedAndTheRefusalSaysWhatIsMissing() {
            productionNeedsApproval();
            MvcTestResult missing = deploy();
            assertThat(missing).hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentIds[0]"));
            assertThat(new String(missing.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                    .contains("需要审批")
                    .contains("生产环境").contains("华东电力");

            JsonNode requested = request();
            assertThat(requested.get("status").asString()).isEqualTo("REQUESTED");
            assertThat(requested.get("requestedBy").get("name").asString()).isEqualTo("张三");
            assertThat(request().get("id").asString()).isEqualTo(requested.get("id").asString());
            List<JsonNode> asked = events("approval.requested", "action", "APPROVAL_REQUESTED").stream()
                    .filter(e -> e.get("payload").get("facts").get("approvalId").asString()
                            .equals(requested.get("id").asString())).toList();
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).get("payload").get("facts").get("approverIds").asString())
                    .isEqualTo(LISI + "," + WANGWU);
            assertThat(deploy()).hasStatus(HttpStatus.CONFLICT).bodyText().contains("等待");

            String id = requested.get("id").asString();
            assertThat(decide(id, ZHANGSAN, "张三", "APPROVE", null)).hasStatus(HttpStatus.FORBIDDEN);
            assertThat(decide(id, LISI, "李四", "REJECT", null)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("reason"));
            MvcTestResult viewer = mvc.post().uri("/api/approvals/{id}/decision", id)
                    .with(bearer("ou_dev", "开发", Role.DEVELOPER)).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"decision\":\"APPROVE\"}").exchange();
            assertThat(viewer).hasStatus(HttpStatus.FORBIDDEN);

            assertThat(decide(id, LISI, "李四", "APPROVE", null)).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("APPROVED"));
            assertThat(decide(id, LISI, "李四", "APPROVE", null)).hasStatusOk();
            assertThat(decide(id, WANGWU, "王五", "REJECT", "no")).hasStatus(HttpStatus.CONFLICT).bodyText()
                    .contains("李四");
            assertThat(count("select count(*) from release_timeline where release_id = ?::uuid and action = ?",
                    releaseId, "APPROVAL_APPROVED")).isEqualTo(1);
            assertThat(deploy()).hasStatus(HttpStatus.CREATED);
        }

        @Test
        void saysWhetherADeploymentNeedsApprovalAndListsTheRequests() {
            MvcTestResult none = mvc.get().uri("/api/approvals/requirement?releaseId={r}&environmentId={e}",
                    releaseId, environmentId).exchange();
            assertThat(none).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.required", v -> v.assertThat().isEqualTo(false));
            assertThat(mvc.post().uri("/api/approvals").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"releaseId\":\"%s\",\"environmentId\":\"%s\"}".formatted(releaseId, environmentId))
                    .exchange()).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentId"));
            productionNeedsApproval();
            assertThat(mvc.get().uri("/api/approvals/requirement?releaseId={r}&environmentId={e}", releaseId,
                    environmentId).exchange()).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.required", v -> v.assertThat().isEqualTo(true))
                    .hasPathSatisfying("$.reasons[0]", v -> v.assertThat().isEqualTo("PRODUCTION"));
            String id = request().get("id").asString();
            MvcTestResult list = mvc.get().uri("/api/approvals?releaseId={r}", releaseId).exchange();
            assertThat(list).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$[0].id", v -> v.assertThat().isEqualTo(id))
                    .hasPathSatisfying("$[0].status", v -> v.assertThat().isEqualTo("REQUESTED"))
                    .hasPathSatisfying("$[0].canDecide", v -> v.assertThat().isEqualTo(true));
            MvcTestResult asRequester = mvc.get().uri("/api/approvals/{id}", id)
                    .with(bearer(ZHANGSAN, "张三", Role.SUPPORT)).exchange();
            assertThat(asRequester).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.canDecide", v -> v.assertThat().isEqualTo(false));
            assertThat(mvc.get().uri("/api/approvals?status=MAYBE").exchange()).hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson().hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("status"));
            assertThat(mvc.post().uri("/api/approvals").with(bearer("ou_dev", "开发", Role.DEVELOPER))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"releaseId\":\"%s\",\"environmentId\":\"%s\"}".formatted(releaseId, environmentId))
                    .exchange()).hasStatus(HttpStatus.FORBIDDEN);
        }

        @Test
        void anUnknownDecisionIsRefusedNamingTheFieldInThePersonsLanguageAndDecidesNothing() {
            productionNeedsApproval();
            String id = request().get("id").asString();
            MvcTestResult maybe = decide(id, LISI, "李四", "MAYBE", "not sure");
            assertThat(maybe).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("decision"))
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString()
                            .contains("必须是以下之一").contains("APPROVE, REJECT"));
            MvcTestResult english = mvc.post().uri("/api/approvals/{id}/decision", id)
                    .with(bearer(LISI, "李四", Role.ADMIN)).header("Accept-Language", "en")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"approved\"}").exchange();
            assertThat(english).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("decision"))
                    .hasPathSatisfying("$.errors[0].message",
                            v -> v.assertThat().isEqualTo("must be one of APPROVE, REJECT"));
            assertThat(jdbc.queryForObject("select status from approval_request where id = ?::uuid", String.class,
                    id)).isEqualTo("REQUESTED");
            assertThat(count("select count(*) from release_timeline where release_id = ?::uuid and action in (?, ?)",
                    releaseId, "APPROVAL_APPROVED", "APPROVAL_REJECTED")).isZero();
        }

        @Test
        void aRejectionShowsWhyAndANewRequestCanFollow() {
            productionNeedsApproval();
            String id = request().get("id").asString();
            assertThat(decide(id, LISI, "李四", "REJECT", "窗口冲突")).hasStatusOk();
            assertThat(deploy()).hasStatus(HttpStatus.CONFLICT).bodyText().contains("李四").contains("窗口冲突");
            JsonNode again = request();
            assertThat(again.get("id").asString()).isNotEqualTo(id);
            assertThat(again.get("status").asString()).isEqualTo("REQUESTED");
            List<JsonNode> decided = events("approval.decided", "action", "APPROVAL_DECIDED").stream()
                    .filter(e -> e.get("payload").get("facts").get("approvalId").asString().equals(id)).toList();
            assertThat(decided).hasSize(1);
            assertThat(decided.get(0).get("payload").get("facts").get("reason").asString()).isEqualTo("窗口冲突");
            assertThat(decided.get(0).get("payload").get("facts").get("requesterId").asString()).isEqualTo(ZHANGSAN);
            // the wire format notify-service reads (its card says 已拒绝 from the fact "decision")
            assertThat(decided.get(0).get("payload").get("facts").get("decision").asString()).isEqualTo("REJECTED");
            JsonNode change = decided.get(0).get("payload").get("changes").get(0);
            assertThat(List.of(change.get("field").asString(), change.get("from").asString(),
                    change.get("to").asString())).containsExactly("approvalStatus", "REQUESTED", "REJECTED");
        }

        @Test
        void twoApproversAtTheSameMomentMakeOneDecision() throws Exception {
            productionNeedsApproval();
            ApprovalView approval = approvals.find(UUID.fromString(request().get("id").asString())).orElseThrow();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Approvals.Decision>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> {
                start.await();
                return approvals.decide(approval, ApprovalDecision.APPROVE, null, new Actor(LISI, "李四"), Approvals.Via.WEB);
            }));
            futures.add(pool.submit(() -> {
                start.await();
                return approvals.decide(approval, ApprovalDecision.REJECT, "no", new Actor(WANGWU, "王五"), Approvals.Via.FEISHU);
            }));
            start.countDown();
            List<Approvals.Decision> outcomes = new ArrayList<>();
            for (Future<Approvals.Decision> f : futures) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            assertThat(outcomes.stream().filter(Approvals.Decision::decidedNow)).hasSize(1);
            assertThat(outcomes.get(0).approval().status()).isEqualTo(outcomes.get(1).approval().status());
            assertThat(count("select count(*) from release_timeline where release_id = ?::uuid and action in (?, ?)",
                    releaseId, "APPROVAL_APPROVED", "APPROVAL_REJECTED")).isEqualTo(1);
        }

        @Test
        void anApprovalOfEarlierContentNoLongerCounts() {
            productionNeedsApproval();
            String id = request().get("id").asString();
            assertThat(decide(id, LISI, "李四", "APPROVE", null)).hasStatusOk();
            jdbc.update("update approval_request set content_hash = 'earlier' where id = ?::uuid", id);
            assertThat(deploy()).hasStatus(HttpStatus.CONFLICT).bodyText().contains("重新申请审批");
        }
    }

    @Nested
    class FeishuCallback {

        String approvalId;

        @BeforeEach
        void requested() {
            productionNeedsApproval();
            approvalId = request().get("id").asString();
        }

        void encrypted() {
            policy("{\"encryptKey\":\"" + KEY + "\"}");
        }

        String click(String eventId, String operator, String id, String decision) {
            return click(eventId, operator, id, decision, null);
        }

        /** A click on a button of the card's form: what was typed in its reason input comes as form_value. */
        String click(String eventId, String operator, String id, String decision, String reason) {
            return """
                    {"schema":"2.0","header":{"event_id":"%s","token":"%s","create_time":"%d",
                     "event_type":"card.action.trigger","tenant_key":"t1","app_id":"cli_test"},
                     "event":{"operator":{"tenant_key":"t1","open_id":"%s","union_id":"on_x"},"token":"c-1",
                      "action":{"value":{"approvalId":"%s","decision":"%s"},"tag":"button",
                       "name":"%s","form_value":{"reason":%s}},"host":"im_message",
                      "context":{"open_message_id":"om_1","open_chat_id":"oc_1"}}}"""
                    .formatted(eventId, TOKEN, System.currentTimeMillis() * 1000, operator, id, decision,
                            decision.toLowerCase(java.util.Locale.ROOT),
                            reason == null ? "\"\"" : json.writeValueAsString(reason));
        }

        /** Posts like Feishu: encrypted and signed when an encrypt key is set. */
        MvcTestResult send(String plain, boolean encrypt, long timestamp, String badSignature) {
            String body = encrypt ? "{\"encrypt\":\"" + FeishuCallbackCrypto.encrypt(plain, KEY) + "\"}" : plain;
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            String nonce = UUID.randomUUID().toString();
            String ts = String.valueOf(timestamp);
            var request = mvc.post().uri("/api/approvals/feishu/card-callback")
                    .header(TestSecurity.NO_TOKEN_HEADER, "1")
                    .contentType(MediaType.APPLICATION_JSON).content(raw)
                    .header(FeishuCardCallbacks.TIMESTAMP, ts).header(FeishuCardCallbacks.NONCE, nonce);
            if (encrypt) {
                request = request.header(FeishuCardCallbacks.SIGNATURE, badSignature != null ? badSignature
                        : FeishuCallbackCrypto.signature(ts, nonce, KEY, raw));
            }
            return request.exchange();
        }

        long now() {
            return Instant.now().getEpochSecond();
        }

        String status() {
            return jdbc.queryForObject("select status from approval_request where id = ?::uuid", String.class,
                    approvalId);
        }

        @Test
        void answersTheRequestUrlCheckPlainAndEncrypted() {
            String check = "{\"challenge\":\"ch-1\",\"token\":\"" + TOKEN + "\",\"type\":\"url_verification\"}";
            assertThat(send(check, false, now(), null)).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.challenge", v -> v.assertThat().isEqualTo("ch-1"));
            assertThat(send(check.replace(TOKEN, "wrong"), false, now(), null)).hasStatus(HttpStatus.UNAUTHORIZED);
            encrypted();
            assertThat(send(check, true, now(), null)).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.challenge", v -> v.assertThat().isEqualTo("ch-1"));
            assertThat(send(check, false, now(), null)).hasStatus(HttpStatus.BAD_REQUEST);
        }

        @Test
        void anApproversSignedClickDecidesOnceAndUpdatesTheCard() {
            encrypted();
            String eventId = "ev-" + UUID.randomUUID();
            MvcTestResult first = send(click(eventId, LISI, approvalId, "APPROVE"), true, now(), null);
            assertThat(first).hasStatusOk();
            JsonNode answer = read(first);
            assertThat(answer.get("toast").get("type").asString()).isEqualTo("success");
            assertThat(answer.get("card").get("type").asString()).isEqualTo("raw");
            String card = answer.get("card").get("data").toString();
            assertThat(card).contains("已批准").contains("李四").doesNotContain("\"value\"");
            assertThat(status()).isEqualTo("APPROVED");
            assertThat(jdbc.queryForObject("select decided_via from approval_request where id = ?::uuid",
                    String.class, approvalId)).isEqualTo("FEISHU");

            // Feishu repeats the same event: the same answer, nothing new
            MvcTestResult repeat = send(click(eventId, LISI, approvalId, "APPROVE"), true, now(), null);
            assertThat(repeat.getResponse().getContentAsByteArray())
                    .isEqualTo(first.getResponse().getContentAsByteArray());
            // the other approver clicks 拒绝 later: shown the decision made, a warning since it is not what he asked
            JsonNode late = read(send(click("ev-" + UUID.randomUUID(), WANGWU, approvalId, "REJECT"), true, now(),
                    null));
            assertThat(late.get("toast").get("type").asString()).isEqualTo("warning");
            assertThat(late.get("toast").get("content").asString()).contains("李四");
            assertThat(status()).isEqualTo("APPROVED");
            assertThat(count("select count(*) from release_timeline where release_id = ?::uuid and action in (?, ?)",
                    releaseId, "APPROVAL_APPROVED", "APPROVAL_REJECTED")).isEqualTo(1);
            assertThat(deploy()).hasStatus(HttpStatus.CREATED);
        }

        @Test
        void refusesWhatIsNotFeishusAndDecidesNothing() {
            encrypted();
            String click = click("ev-" + UUID.randomUUID(), LISI, approvalId, "APPROVE");
            assertThat(send(click, true, now(), "0".repeat(64))).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(send(click, true, now() - 600, null)).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(send(click, false, now(), null)).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(send(click.replace(TOKEN, "wrong-token"), true, now(), null))
                    .hasStatus(HttpStatus.UNAUTHORIZED);
            MvcTestResult garbage = mvc.post().uri("/api/approvals/feishu/card-callback")
                    .header(TestSecurity.NO_TOKEN_HEADER, "1").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"encrypt\":\"bm90IGEgY2lwaGVy\"}").exchange();
            assertThat(garbage).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(status()).isEqualTo("REQUESTED");
        }

        @Test
        void aPersonWhoMayNotApproveOrAnUnknownCardDecidesNothing() {
            encrypted();
            JsonNode stranger = read(send(click("ev-" + UUID.randomUUID(), "ou_stranger", approvalId, "APPROVE"),
                    true, now(), null));
            assertThat(stranger.get("toast").get("type").asString()).isEqualTo("error");
            assertThat(stranger.has("card")).isFalse();
            JsonNode unknown = read(send(click("ev-" + UUID.randomUUID(), LISI, UUID.randomUUID().toString(),
                    "APPROVE"), true, now(), null));
            assertThat(unknown.get("toast").get("type").asString()).isEqualTo("error");
            JsonNode notOurs = read(send(click("ev-" + UUID.randomUUID(), LISI, "weather", "APPROVE"), true, now(),
                    null));
            assertThat(notOurs.get("toast").get("type").asString()).isEqualTo("error");
            approvers(ZHANGSAN, "张三");
            JsonNode own = read(send(click("ev-" + UUID.randomUUID(), ZHANGSAN, approvalId, "APPROVE"), true, now(),
                    null));
            assertThat(own.get("toast").get("content").asString()).contains("自己");
            assertThat(status()).isEqualTo("REQUESTED");
        }

        @Test
        void aButtonWithADecisionThePlatformDidNotSendDecidesNothing() {
            encrypted();
            String eventId = "ev-" + UUID.randomUUID();
            MvcTestResult first = send(click(eventId, LISI, approvalId, "APPROVED"), true, now(), null);
            JsonNode refused = read(first);
            assertThat(refused.get("toast").get("type").asString()).isEqualTo("error");
            assertThat(refused.get("toast").get("content").asString()).contains("无法识别的操作");
            assertThat(refused.get("toast").get("i18n").get("en_us").asString()).contains("Unknown action");
            assertThat(refused.has("card")).isFalse();
            assertThat(status()).isEqualTo("REQUESTED");
            // refused and remembered: Feishu repeating the event gets the same answer
            assertThat(send(click(eventId, LISI, approvalId, "APPROVED"), true, now(), null).getResponse()
                    .getContentAsByteArray()).isEqualTo(first.getResponse().getContentAsByteArray());
            assertThat(status()).isEqualTo("REQUESTED");
        }

        @Test
        void whenThePlatformCannotCheckTheApproversAClickLaterStillDecidesOnce() {
            encrypted();
            customerService.server().stubFor(post(urlPathEqualTo("/internal/people/approvers"))
                    .willReturn(aResponse().withStatus(503)));
            String eventId = "ev-" + UUID.randomUUID();
            JsonNode down = read(send(click(eventId, LISI, approvalId, "APPROVE"), true, now(), null));
            assertThat(down.get("toast").get("type").asString()).isEqualTo("error");
            assertThat(status()).isEqualTo("REQUESTED");
            approvers(LISI, "李四");
            JsonNode retried = read(send(click(eventId, LISI, approvalId, "APPROVE"), true, now(), null));
            assertThat(retried.get("toast").get("type").asString()).isEqualTo("success");
            assertThat(status()).isEqualTo("APPROVED");
        }

        @Test
        void withoutAnEncryptKeyTheVerificationTokenDecides() {
            String eventId = "ev-" + UUID.randomUUID();
            assertThat(send(click(eventId, LISI, approvalId, "REJECT").replace(TOKEN, "forged"), false, now(), null))
                    .hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(send(click(eventId, LISI, approvalId, "REJECT"), false, now() - 3600, null))
                    .hasStatus(HttpStatus.UNAUTHORIZED);
            JsonNode rejected = read(send(click(eventId, LISI, approvalId, "REJECT", "窗口冲突"), false, now(), null));
            assertThat(rejected.get("toast").get("type").asString()).isEqualTo("success");
            assertThat(status()).isEqualTo("REJECTED");
        }

        @Test
        void answersOlderThanADayAreForgottenAndRecentOnesStillAnswerARepeat() {
            encrypted();
            String recent = "ev-" + UUID.randomUUID();
            MvcTestResult first = send(click(recent, LISI, approvalId, "APPROVE"), true, now(), null);
            assertThat(first).hasStatusOk();
            String old = "ev-old-" + UUID.randomUUID();
            jdbc.update("insert into feishu_card_callback (event_id, approval_id, received_at, answer) "
                    + "values (?, ?::uuid, now() - interval '25 hours', '{}')", old, approvalId);

            assertThat(callbacks.pruneAnswers()).isGreaterThanOrEqualTo(1);
            assertThat(count("select count(*) from feishu_card_callback where event_id = ?", old)).isZero();
            // the recent answer is kept: Feishu repeating that event still gets the same answer, nothing new decided
            MvcTestResult repeat = send(click(recent, LISI, approvalId, "APPROVE"), true, now(), null);
            assertThat(repeat.getResponse().getContentAsByteArray())
                    .isEqualTo(first.getResponse().getContentAsByteArray());
            assertThat(status()).isEqualTo("APPROVED");
        }

        @Test
        void aRejectionFromFeishuNeedsTheReasonTypedInTheCard() {
            encrypted();
            // 拒绝 with the reason box left empty: the same rule as the platform's page, nothing decided
            JsonNode empty = read(send(click("ev-" + UUID.randomUUID(), LISI, approvalId, "REJECT"), true, now(),
                    null));
            assertThat(empty.get("toast").get("type").asString()).isEqualTo("error");
            assertThat(empty.get("toast").get("content").asString()).contains("拒绝需要理由");
            assertThat(empty.has("card")).isFalse();
            assertThat(status()).isEqualTo("REQUESTED");
            // with a reason: rejected, the reason stored and shown on the updated card
            JsonNode rejected = read(send(click("ev-" + UUID.randomUUID(), LISI, approvalId, "REJECT",
                    "  客户窗口改到下周  "), true, now(), null));
            assertThat(rejected.get("toast").get("type").asString()).isEqualTo("success");
            assertThat(rejected.get("card").get("data").toString()).contains("客户窗口改到下周");
            assertThat(status()).isEqualTo("REJECTED");
            assertThat(jdbc.queryForObject("select decision_reason from approval_request where id = ?::uuid",
                    String.class, approvalId)).isEqualTo("客户窗口改到下周");
        }
    
        @Test
        void anOldCardShowsTheDecisionInTheClickersLanguageWhoeverClicksItAndWithoutAuthService() {
            encrypted();
            assertThat(decide(approvalId, LISI, "李四", "REJECT", "本周冻结变更")).hasStatusOk();
            // later 王五 is no approver any more and auth-service does not answer: his old card still tells him
            customerService.server().stubFor(post(urlPathEqualTo("/internal/people/approvers"))
                    .willReturn(aResponse().withStatus(503)));
            JsonNode opposite = read(send(click("ev-" + UUID.randomUUID(), WANGWU, approvalId, "APPROVE"), true,
                    now(), null));
            JsonNode toast = opposite.get("toast");
            assertThat(toast.get("type").asString()).isEqualTo("warning");
            assertThat(toast.get("content").asString()).contains("已由 李四", "在平台中拒绝", "未改变结果");
            assertThat(toast.get("i18n").get("zh_cn").asString()).isEqualTo(toast.get("content").asString());
            assertThat(toast.get("i18n").get("en_us").asString()).contains("Already rejected by 李四 in the platform",
                    "Beijing time", "changed nothing");
            assertThat(opposite.get("card").get("type").asString()).isEqualTo("raw");
            JsonNode card = opposite.get("card").get("data");
            assertThat(card.toString()).contains("已拒绝", "李四", "本周冻结变更").doesNotContain("approvalId");
            assertThat(card.get("config").get("update_multi").asBoolean()).isTrue();
            // the same decision as his click: an info toast
            JsonNode same = read(send(click("ev-" + UUID.randomUUID(), WANGWU, approvalId, "REJECT"), true, now(),
                    null));
            assertThat(same.get("toast").get("type").asString()).isEqualTo("info");
            assertThat(same.get("toast").get("content").asString()).doesNotContain("未改变");
            assertThat(status()).isEqualTo("REJECTED");
            assertThat(count("select count(*) from release_timeline where release_id = ?::uuid and action in (?, ?)",
                    releaseId, "APPROVAL_APPROVED", "APPROVAL_REJECTED")).isEqualTo(1);
        }
}
}
