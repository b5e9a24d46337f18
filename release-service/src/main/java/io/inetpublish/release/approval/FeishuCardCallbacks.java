package io.inetpublish.release.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.people.PeopleDirectory;
import io.inetpublish.common.web.DownstreamUnavailableException;
import io.inetpublish.common.web.FieldException;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feishu's card callback ({@code card.action.trigger}, callback schema 2.0) for the 批准/拒绝 buttons of an approval
 * card, the protocol of docs/feishu-card-callback.md: the request URL check (challenge), the encrypted body, the
 * signature, the verification token, the timestamp window, the event id Feishu repeats, and the answer within
 * Feishu's 3 s (a toast and the updated card). A request that is not Feishu's (bad signature, wrong token, stale
 * timestamp, undecryptable) is refused with 401/400 and logged, and decides nothing; a click that cannot decide
 * (unknown card or approval, a person who may not approve) is answered with an error toast, logged, and decides
 * nothing.
 */
@Slf4j
@Service
public class FeishuCardCallbacks {

    public static final String TIMESTAMP = "X-Lark-Request-Timestamp";
    public static final String NONCE = "X-Lark-Request-Nonce";
    public static final String SIGNATURE = "X-Lark-Signature";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    /** Feishu's toast languages and the platform's locales they are written in. */
    private static final Map<String, Locale> LANGUAGES = new LinkedHashMap<>(Map.of("zh_cn",
            Locale.SIMPLIFIED_CHINESE, "en_us", Locale.ENGLISH));
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final ApprovalPolicies policies;
    private final Approvals approvals;
    private final ApprovalCards cards;
    private final PeopleDirectory people;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration window;
    private final Duration keep;
    private final Messages messages;

    FeishuCardCallbacks(ApprovalPolicies policies, Approvals approvals, ApprovalCards cards, PeopleDirectory people,
            JdbcTemplate jdbc, JsonMapper json, Clock clock,
            @Value("${inetpublish.approvals.feishu.timestamp-window:PT5M}") Duration window,
            @Value("${inetpublish.approvals.feishu.callbacks-kept-for:P1D}") Duration keep, Messages messages) {
        this.messages = messages;
        this.policies = policies;
        this.approvals = approvals;
        this.cards = cards;
        this.people = people;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.window = window;
        // a repeat is answered from these rows only while its timestamp is inside the window (older ones are refused
        // as stale before the rows are read): keep them well beyond it, never less than twice the window
        this.keep = keep.compareTo(window.multipliedBy(2)) < 0 ? window.multipliedBy(2) : keep;
    }

    /**
     * Forgets the answers to callbacks older than {@code inetpublish.approvals.feishu.callbacks-kept-for} (a day): they
     * only let a repeat of the same event get the same answer, and a repeat that old is refused by the timestamp
     * check anyway. The decisions themselves stay in {@code approval_request} and the timeline.
     */
    @Scheduled(fixedDelayString = "${inetpublish.approvals.feishu.prune-interval:PT1H}", initialDelayString = "PT10M")
    int pruneAnswers() {
        int removed = jdbc.update("delete from feishu_card_callback where received_at < ?",
                Timestamp.from(clock.instant().minus(keep)));
        if (removed > 0) {
            log.info("Feishu card callback: forgot {} answers older than {}", removed, keep);
        }
        return removed;
    }

    /** The HTTP answer: its status and JSON body. */
    public record Answer(int status, String body) {
    }

    public Answer handle(byte[] body, String timestamp, String nonce, String signature) {
        ApprovalPolicies.Policy policy = policies.get();
        String token = policy.verificationToken();
        String key = policy.encryptKey();
        if (token == null) {
            return refuse(503, "the Feishu callback is not set up: no Verification Token (集成设置 → 审批)");
        }
        JsonNode outer;
        try {
            outer = json.readTree(body);
        } catch (RuntimeException ex) {
            return refuse(400, "the body is not JSON");
        }
        if (outer == null || !outer.isObject()) {
            return refuse(400, "the body is not a JSON object");
        }
        boolean encrypted = outer.has("encrypt");
        if (encrypted && key == null) {
            return refuse(400, "an encrypted body, but no Encrypt Key is set");
        }
        if (!encrypted && key != null) {
            return refuse(400, "a plain body, but an Encrypt Key is set (Feishu encrypts every callback then)");
        }
        JsonNode inner;
        try {
            inner = encrypted ? json.readTree(FeishuCallbackCrypto.decrypt(outer.path("encrypt").asString(""), key))
                    : outer;
        } catch (RuntimeException ex) {
            return refuse(400, "the encrypted body cannot be decrypted with the Encrypt Key");
        }
        if ("url_verification".equals(inner.path("type").asString(""))) {
            if (!FeishuCallbackCrypto.same(token, inner.path("token").asString(null))) {
                return refuse(401, "URL verification with a wrong Verification Token");
            }
            log.info("Feishu card callback: request URL verified");
            ObjectNode challenge = json.createObjectNode().put("challenge", inner.path("challenge").asString(""));
            return new Answer(200, json.writeValueAsString(challenge));
        }
        if (key != null) {
            if (timestamp == null || nonce == null || signature == null) {
                return refuse(401, "signature headers missing");
            }
            if (!FeishuCallbackCrypto.signatureMatches(
                    FeishuCallbackCrypto.signature(timestamp, nonce, key, body), signature)) {
                return refuse(401, "wrong signature");
            }
        }
        if (timestamp != null || key != null) {
            Optional<Instant> sent = seconds(timestamp);
            if (sent.isEmpty()) {
                return refuse(401, "unreadable timestamp " + timestamp);
            }
            Duration age = Duration.between(sent.get(), clock.instant()).abs();
            if (age.compareTo(window) > 0) {
                return refuse(401, "stale timestamp (" + age.toSeconds() + " s off; a replay?)");
            }
        }
        if (!"2.0".equals(inner.path("schema").asString(""))) {
            return refuse(400, "not a callback of schema 2.0");
        }
        JsonNode header = inner.path("header");
        if (!FeishuCallbackCrypto.same(token, header.path("token").asString(null))) {
            return refuse(401, "wrong Verification Token");
        }
        if (!"card.action.trigger".equals(header.path("event_type").asString(""))) {
            return refuse(400, "event type " + header.path("event_type").asString("") + " is not card.action.trigger");
        }
        String eventId = header.path("event_id").asString("");
        if (eventId.isBlank() || eventId.length() > 200) {
            return refuse(400, "no event_id");
        }
        List<String> known = jdbc.queryForList("select answer from feishu_card_callback where event_id = ?",
                String.class, eventId);
        if (!known.isEmpty()) {
            log.info("Feishu card callback {} repeated: answered as before", eventId);
            return new Answer(200, known.get(0));
        }
        JsonNode event = inner.path("event");
        String operator = event.path("operator").path("open_id").asString("");
        JsonNode value = event.path("action").path("value");
        if (value.isString()) {
            try {
                value = json.readTree(value.asString());
            } catch (RuntimeException ex) {
                value = json.createObjectNode();
            }
        }
        // what the approver typed in the card's form (its reason input), sent with the click (§4)
        JsonNode typed = event.path("action").path("form_value").path("reason");
        String reason = typed.isString() ? typed.asString() : null;
        String decisionText = value.path("decision").asString("");
        Optional<ApprovalDecision> decision = ApprovalDecision.named(decisionText);
        if (decision.isEmpty()) {
            log.warn("Feishu card callback {} refused: unknown decision '{}' clicked by {}", eventId, decisionText,
                    operator);
            return remember(eventId, null, toast("error", "approval.toast.unknown-action"), null);
        }
        return click(eventId, operator, value.path("approvalId").asString(""), decision.get(), reason, policy);
    }

    private Answer click(String eventId, String operator, String approvalText, ApprovalDecision decision,
            String reason, ApprovalPolicies.Policy policy) {
        UUID approvalId;
        try {
            approvalId = UUID.fromString(approvalText);
        } catch (IllegalArgumentException ex) {
            log.warn("Feishu card callback {} refused: a card the platform does not know (value {}) clicked by {}",
                    eventId, approvalText, operator);
            return remember(eventId, null, toast("error", "approval.toast.not-ours"), null);
        }
        Optional<ApprovalView> found = approvals.find(approvalId);
        if (found.isEmpty()) {
            log.warn("Feishu card callback {} refused: unknown approval {} clicked by {}", eventId, approvalId,
                    operator);
            return remember(eventId, approvalId, toast("error", "approval.toast.unknown"), null);
        }
        ApprovalView approval = found.get();
        if (!approval.status().open()) {
            // an old card (decided meanwhile, in Feishu or the web app; its update has not reached this chat yet):
            // whoever holds it is shown the decision and the card as it stands, without asking auth-service
            log.info("Feishu card callback {}: {} clicked {} on approval {}, already {} by {}", eventId, operator,
                    decision, approvalId, approval.status(),
                    approval.decidedBy() == null ? null : approval.decidedBy().id());
            return remember(eventId, approvalId, alreadyDecided(approval, operator, decision), cards.decided(approval));
        }
        List<PeopleDirectory.Approver> approvers;
        try {
            approvers = people.approvers(policy.approverRoles(), policy.approverIds());
        } catch (DownstreamUnavailableException ex) {
            // not remembered: Feishu's repeat or a second click decides once the platform answers again
            log.warn("Feishu card callback {}: auth-service did not answer; nothing decided", eventId);
            return new Answer(200, json.writeValueAsString(toast("error", "approval.toast.approvers-unavailable")));
        }
        Optional<PeopleDirectory.Approver> person = approvers.stream().filter(a -> a.id().equals(operator))
                .findFirst();
        if (person.isEmpty()) {
            log.warn("Feishu card callback {} refused: {} may not approve {} ({} / {})", eventId, operator,
                    approvalId, approval.releaseNumber(), approval.environmentName());
            return remember(eventId, approvalId, toast("error", "approval.toast.not-approver"), null);
        }
        if (operator.equals(approval.requestedBy().id())) {
            log.warn("Feishu card callback {} refused: {} tried to decide their own request {}", eventId, operator,
                    approvalId);
            return remember(eventId, approvalId, toast("error", "approval.toast.own-request"), null);
        }
        Approvals.Decision outcome;
        try {
            outcome = approvals.decide(approval, decision, reason, new Actor(person.get().id(), person.get().name()),
                    Approvals.Via.FEISHU);
        } catch (FieldException ex) {
            // a rejection without a reason, or a reason too long: the same rule as on the platform's page; not
            // remembered, so the next click with a reason decides
            log.info("Feishu card callback {}: {} by {} not decided ({})", eventId, decision, operator, ex.getMessage());
            return new Answer(200, json.writeValueAsString(decision.needsReason() && (reason == null
                    || reason.isBlank())
                    ? toast("error", "approval.toast.reason-required")
                    : toast("error", "approval.toast.too-long", "2000")));
        }
        ApprovalView now = outcome.approval();
        ObjectNode answer = outcome.decidedNow() ? toast("success", "approval.toast." + now.status())
                : alreadyDecided(now, operator, decision);
        return remember(eventId, approvalId, answer, cards.decided(now));
    }

    /**
     * The toast of a click on an approval decided before: by the clicker with the same decision (a second click)
     * {@code success}; otherwise who decided what and when, {@code info} when it is what the click asked for,
     * {@code warning} when it is the opposite (the click changes nothing).
     */
    private ObjectNode alreadyDecided(ApprovalView a, String operator, ApprovalDecision decision) {
        boolean same = decision.status() == a.status();
        if (same && a.decidedBy() != null && operator.equals(a.decidedBy().id())) {
            return toast("success", "approval.toast." + a.status());
        }
        String who = a.decidedBy() == null ? "" : a.decidedBy().name();
        ObjectNode answer = json.createObjectNode();
        ObjectNode toast = answer.putObject("toast").put("type", same ? "info" : "warning");
        ObjectNode i18n = json.createObjectNode();
        for (Map.Entry<String, Locale> language : LANGUAGES.entrySet()) {
            Locale locale = language.getValue();
            DateTimeFormatter time = Locale.ENGLISH.equals(locale) ? TIME_EN : TIME;
            i18n.put(language.getKey(), messages.text(locale, same ? "approval.toast.already" : "approval.toast.overruled",
                    who, a.decidedAt() == null ? "" : time.format(a.decidedAt()),
                    messages.text(locale, "approval.toast.via." + ("FEISHU".equals(a.decidedVia()) ? "FEISHU" : "WEB")),
                    messages.text(locale, "approval.status." + a.status())));
        }
        toast.put("content", i18n.path("zh_cn").asString());
        toast.set("i18n", i18n);
        return answer;
    }

    private Answer remember(String eventId, UUID approvalId, ObjectNode answer, ObjectNode card) {
        if (card != null) {
            ObjectNode wrapper = answer.putObject("card");
            wrapper.put("type", "raw");
            wrapper.set("data", card);
        }
        String body = json.writeValueAsString(answer);
        int stored = jdbc.update("""
                insert into feishu_card_callback (event_id, approval_id, received_at, answer) values (?, ?, ?, ?)
                on conflict (event_id) do nothing
                """, eventId, approvalId, Timestamp.from(clock.instant()), body);
        if (stored == 0) {
            return new Answer(200, jdbc.queryForObject("select answer from feishu_card_callback where event_id = ?",
                    String.class, eventId));
        }
        return new Answer(200, body);
    }

    /**
     * A toast in Feishu's two client languages (its {@code i18n}: Feishu shows the one of the person's client;
     * {@code content}, the Chinese, where it has neither), from the message {@code code}.
     */
    private ObjectNode toast(String type, String code, Object... args) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode toast = answer.putObject("toast");
        ObjectNode i18n = json.createObjectNode();
        LANGUAGES.forEach((key, locale) -> i18n.put(key, messages.text(locale, code, args)));
        toast.put("type", type).put("content", i18n.path("zh_cn").asString());
        toast.set("i18n", i18n);
        return answer;
    }

    private Answer refuse(int status, String why) {
        log.warn("Feishu card callback refused ({}): {}; nothing decided", status, why);
        ObjectNode body = json.createObjectNode().put("code", status).put("msg", why);
        return new Answer(status, json.writeValueAsString(body));
    }

    private static Optional<Instant> seconds(String timestamp) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(timestamp.strip())));
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }
}
