package io.inetpublish.notify.card;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.AuditEvent;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.ReleaseSubmitted;
import io.inetpublish.common.event.ScheduleDue;
import io.inetpublish.common.feishu.DecidedApprovalCard;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.i18n.MessagesAutoConfiguration;
import io.inetpublish.notify.config.NotifyProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Chinese interactive cards, one per kind of event: what happened, the release, the components and versions,
 * the result, who did it and a link to the page in the platform. The parts every card shares are public for the
 * cards that live with their feature ({@code testdeployment.TestDeploymentCard}).
 */
@Component
public class CardFactory {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
    private static final int MAX_LINES = 30;

    private final JsonMapper json;
    private final String platform;
    private final Messages messages;

    CardFactory(JsonMapper json, NotifyProperties properties, Messages messages) {
        this.json = json;
        this.messages = messages;
        String base = properties.platformBaseUrl().toString();
        this.platform = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Card packageFinished(BuildFinished b, Actor actor, Instant at) {
        if (b.isDeltaBundle()) {
            return deltaBundleFinished(b, actor, at);
        }
        BuildOutcome outcome = BuildOutcome.of(b.result());
        String title = "打包" + outcome.word() + " · " + release(b.releaseNumber(), b.releaseTitle());
        String link = releaseLink(b.releaseId());
        CardBuilder card = new CardBuilder(json, title, outcome.template())
                .fact("发布记录", release(b.releaseNumber(), b.releaseTitle()))
                .fact("结果", BuildOutcome.label(b.result()))
                .fact("原因", reason(b));
        unstablePackage(card, b, "安装包");
        components(card, b.items());
        downloads(card, b, actor, "下载安装包");
        return finish(card, title, link, "查看发布记录", at);
    }

    /**
     * Why a build did not complete, in Chinese (the card's language): its codes worded from the build-reason catalogue,
     * the English text of a build-service from before codes as it came; null when there is no reason.
     */
    public String reason(BuildFinished b) {
        BuildFinished.StoredReason reason = b.storedReason();
        return reason == null ? null : reason.text() != null
                ? reason.text().render(messages, MessagesAutoConfiguration.DEFAULT_LOCALE) : reason.legacy();
    }

    /** The package's files with their download pages, who asked, Jenkins' build, and a button when it is one file. */
    private void downloads(CardBuilder card, BuildFinished b, Actor actor, String buttonText) {
        List<BuildFinished.Artifact> artifacts = b.artifacts() == null ? List.of() : b.artifacts();
        if (!artifacts.isEmpty()) {
            card.markdown("**下载：**\n" + artifacts.stream().limit(MAX_LINES)
                    .map(a -> "• " + CardBuilder.link(a.fileName(), downloadPage(b, a))
                            + (a.size() == null ? "" : "（" + size(a.size()) + "）"))
                    .collect(Collectors.joining("\n")));
        }
        card.fact("操作人", actorName(actor));
        jenkins(card, b);
        if (artifacts.size() == 1) {
            card.button(buttonText, downloadPage(b, artifacts.get(0)), "default");
        }
    }

    /**
     * A delta bundle (issue 17): packaged for an environment's upgrade plan. Names the customer, the environment, the
     * bundle and the records it applies; the button opens the plan (its platform path), or the environment.
     */
    private Card deltaBundleFinished(BuildFinished b, Actor actor, Instant at) {
        BuildOutcome outcome = BuildOutcome.of(b.result());
        String where = join(b.customerName(), b.environmentName());
        String title = "增量包打包" + outcome.word() + " · " + where;
        boolean plan = b.plan() != null && b.plan().startsWith("/") && !b.plan().startsWith("//");
        String link = plan ? platform + b.plan() : platform + "/environments/" + b.environmentId();
        CardBuilder card = new CardBuilder(json, title, outcome.template())
                .fact("客户", b.customerName())
                .fact("环境", b.environmentName())
                .fact("安装包", b.releaseNumber())
                .fact("结果", BuildOutcome.label(b.result()))
                .fact("原因", reason(b));
        unstablePackage(card, b, "增量包");
        List<BuildFinished.PlanRelease> releases = b.releases() == null ? List.of() : b.releases();
        if (!releases.isEmpty()) {
            card.markdown("**包含的发布记录（按应用顺序）：**\n" + lines(releases.stream()
                    .map(r -> "• " + CardBuilder.link(r.releaseNumber(), releaseLink(r.releaseId()))).toList()));
        }
        components(card, b.items());
        downloads(card, b, actor, "下载增量包");
        return finish(card, title, link, plan ? "查看升级方案" : "查看环境", at);
    }

    /** An unstable package is usable (docs/events.md, "Results"); the card says so and what was wrong. */
    private static void unstablePackage(CardBuilder card, BuildFinished b, String what) {
        if (b.unstable()) {
            card.markdown(BuildOutcome.UNSTABLE_NOTE + what + "已生成并保存，可以下载使用；"
                    + "但测试或质量检查报告了问题，请先查看 Jenkins 构建。");
        }
    }

    public Card customerDeploymentSynced(EnvironmentVersionsSynced s, Actor actor, Instant at) {
        boolean rollback = s.isRollback();
        String where = join(s.customerName(), s.environmentName());
        String title = (rollback ? "客户环境已回滚" : "客户部署已记录，版本已同步") + " · " + where;
        String link = s.customerId() == null ? releaseLink(s.releaseId()) : platform + "/customers/" + s.customerId();
        CardBuilder card = new CardBuilder(json, title, rollback ? "orange" : "green")
                .fact("客户", s.customerName())
                .fact("环境", s.environmentName())
                .fact("发布记录", s.releaseNumber());
        List<EnvironmentVersionsSynced.Change> changes = s.changes() == null ? List.of() : s.changes();
        if (!changes.isEmpty()) {
            card.markdown("**组件版本：**\n" + lines(changes.stream()
                    .map(c -> "• " + CardBuilder.escape(c.component()) + "：" + (c.from() == null ? "（新增）"
                            : CardBuilder.escape(c.from())) + " → " + CardBuilder.escape(c.to()))
                    .toList()));
        }
        card.fact("操作人", actorName(actor));
        return finish(card, title, link, "查看客户环境", at);
    }

    public Card releaseSubmitted(ReleaseSubmitted r, Actor actor, Instant at) {
        String title = "新的发布记录 · " + release(r.releaseNumber(), r.title());
        String link = releaseLink(r.releaseId());
        CardBuilder card = new CardBuilder(json, title, "blue")
                .fact("发布记录", release(r.releaseNumber(), r.title()))
                .fact("更新类型", r.updateType() == null ? null : r.updateType().name())
                .fact("配置变更", r.configChange() ? "是" : "否");
        components(card, r.items());
        card.fact("提交人", actorName(actor));
        return finish(card, title, link, "查看发布记录", at);
    }

    public Card scheduleDue(ScheduleDue d, Instant at) {
        boolean overdue = d.isOverdue();
        String title = (overdue ? "更新计划已逾期" : "更新计划即将到期") + " · " + d.title();
        String link = platform + "/schedules/" + d.scheduleId();
        CardBuilder card = new CardBuilder(json, title, overdue ? "red" : "orange")
                .fact("计划", d.title())
                .fact("客户", d.customerName())
                .fact("计划时间", d.plannedAt() == null ? null : TIME.format(d.plannedAt()) + "（北京时间）")
                .fact("环境数", d.environmentIds() == null ? null : String.valueOf(d.environmentIds().size()))
                .fact("负责人", d.ownerName() != null ? d.ownerName() : d.ownerId());
        if (overdue) {
            card.markdown("计划时间已过，请尽快完成更新或调整计划。");
        }
        return finish(card, title, link, "查看更新计划", at);
    }

    /**
     * To each approver: a customer deployment waits for approval, with 批准/拒绝 buttons that call the platform back
     * (docs/feishu-card-callback.md); their {@code value} names the approval and the decision.
     */
    public Card approvalRequested(AuditEvent a, Actor requester, Instant at) {
        String where = a.fact(AuditEvent.Fact.CUSTOMER_NAME) + " / " + a.fact(AuditEvent.Fact.ENVIRONMENT_NAME);
        String title = "待审批 · 客户部署 " + a.fact(AuditEvent.Fact.RELEASE_NUMBER) + " · " + where;
        String link = releaseLink(a.fact(AuditEvent.Fact.RELEASE_ID));
        String approvalId = a.fact("approvalId");
        // shared: once decided, notify-service updates every approver's card to show the decision (§7)
        CardBuilder card = new CardBuilder(json, title, "orange").shared()
                .fact("发布记录", release(a.fact(AuditEvent.Fact.RELEASE_NUMBER), a.fact("releaseTitle")))
                .fact("客户环境", where)
                .fact("需要审批的原因", reasons(a.fact("reasons")))
                .fact("申请人", actorName(requester))
                .fact("说明", a.fact("note"));
        // the reason travels with the click (form_value.reason); a rejection needs one, as on the platform's page
        card.form("decision", "reason", "理由（拒绝时必填）", 2000, List.of(
                java.util.Map.of("name", "approve", "text", "批准", "type", "primary",
                        "value", java.util.Map.of("approvalId", approvalId, "decision", "APPROVE")),
                java.util.Map.of("name", "reject", "text", "拒绝", "type", "danger",
                        "value", java.util.Map.of("approvalId", approvalId, "decision", "REJECT"))));
        return finish(card, title, link, "查看发布记录", at);
    }

    /**
     * What every approver's card becomes once the approval is decided (the update of their message,
     * docs/feishu-card-callback.md §7): the same card the callback answers the deciding click with.
     */
    public Card approvalCardDecided(AuditEvent a, Actor decider, Instant at) {
        DecidedApprovalCard decided = new DecidedApprovalCard("APPROVED".equals(a.fact("decision")),
                a.fact(AuditEvent.Fact.RELEASE_NUMBER), a.fact("releaseTitle"), a.fact(AuditEvent.Fact.CUSTOMER_NAME),
                a.fact(AuditEvent.Fact.ENVIRONMENT_NAME), DecidedApprovalCard.reasonCodes(a.fact("reasons")),
                a.fact("requesterName"), actorName(decider), at, "FEISHU".equals(a.fact("via")), a.fact("reason"),
                releaseLink(a.fact(AuditEvent.Fact.RELEASE_ID)));
        return new Card(decided.title(), json.writeValueAsString(decided.toJson(json)), decided.releaseLink());
    }

    /** To the requester: their approval was decided, by whom and why. */
    public Card approvalDecided(AuditEvent a, Actor decider, Instant at) {
        boolean approved = "APPROVED".equals(a.fact("decision"));
        String where = a.fact(AuditEvent.Fact.CUSTOMER_NAME) + " / " + a.fact(AuditEvent.Fact.ENVIRONMENT_NAME);
        String title = (approved ? "审批已通过" : "审批被拒绝") + " · " + a.fact(AuditEvent.Fact.RELEASE_NUMBER) + " · "
                + where;
        String link = releaseLink(a.fact(AuditEvent.Fact.RELEASE_ID));
        CardBuilder card = new CardBuilder(json, title, approved ? "green" : "red")
                .fact("发布记录", release(a.fact(AuditEvent.Fact.RELEASE_NUMBER), a.fact("releaseTitle")))
                .fact("客户环境", where)
                .fact("结果", approved ? "批准" : "拒绝")
                .fact("审批人", actorName(decider) + ("FEISHU".equals(a.fact("via")) ? "（在飞书中）" : "（在平台中）"))
                .fact("理由", a.fact("reason"));
        if (approved) {
            card.markdown("现在可以记录这次客户部署了。");
        }
        return finish(card, title, link, "查看发布记录", at);
    }

    private static String reasons(String codes) {
        List<String> list = DecidedApprovalCard.reasonCodes(codes);
        return list.isEmpty() ? null : String.join("、", list.stream().map(DecidedApprovalCard::reasonText).toList());
    }

    /** A new card with this header; {@code template} is Feishu's header colour (green, orange, red, blue). */
    public CardBuilder card(String title, String template) {
        return new CardBuilder(json, title, template);
    }

    /** The card's end: the button to {@code link}, the platform's name and the time (Beijing). */
    public Card finish(CardBuilder card, String title, String link, String buttonText, Instant at) {
        card.divider().button(buttonText, link, "primary").note("iNetPublish · " + TIME.format(at));
        return new Card(title, card.toJson(), link);
    }

    /** The components and versions, at most 30 lines. */
    public static void components(CardBuilder card, List<ComponentVersion> items) {
        if (items != null && !items.isEmpty()) {
            card.markdown("**组件：**\n" + lines(items.stream()
                    .map(i -> "• " + CardBuilder.escape(i.component()) + " " + CardBuilder.escape(i.version()))
                    .toList()));
        }
    }

    /** A link to the Jenkins build the platform followed, when it has one. */
    public static void jenkins(CardBuilder card, BuildFinished b) {
        if (b.jenkinsUrl() != null && b.jenkinsUrl().startsWith("http")) {
            card.markdown("**Jenkins：** " + CardBuilder.link(
                    "#" + (b.jenkinsBuildNumber() == null ? "?" : b.jenkinsBuildNumber()), b.jenkinsUrl()));
        }
    }

    private static String lines(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return String.join("\n", lines);
        }
        return String.join("\n", lines.subList(0, MAX_LINES)) + "\n…另有 " + (lines.size() - MAX_LINES) + " 项";
    }

    /** The platform page of a release record (the home page when there is none). */
    public String releaseLink(Object releaseId) {
        return releaseId == null ? platform + "/" : platform + "/releases/" + releaseId;
    }

    /**
     * The platform's download page of one artifact: it opens from Feishu in a browser without the platform's token,
     * goes through the login when needed, then fetches a short-lived single-use link and starts the download. The
     * API path of the artifact ({@code downloadPath}) needs a token, so a card never links to it.
     */
    private String downloadPage(BuildFinished b, BuildFinished.Artifact a) {
        if (b.buildId() == null || a.relativePath() == null) {
            return absolute(a.downloadPath());
        }
        return platform + "/builds/" + b.buildId() + "/download?path="
                + UriUtils.encodeQueryParam(a.relativePath(), StandardCharsets.UTF_8);
    }

    private String absolute(String path) {
        if (path == null || path.isBlank()) {
            return platform + "/";
        }
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return path;
        }
        return platform + (path.startsWith("/") ? path : "/" + path);
    }

    /** A release record as a card names it: number and title. */
    public static String release(String number, String title) {
        return join(number, title);
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null ? "" : b;
        }
        return b == null || b.isBlank() ? a : a + " " + b;
    }

    /** Who did it: the name, else the id. */
    public static String actorName(Actor actor) {
        if (actor == null) {
            return null;
        }
        return actor.name() != null && !actor.name().isBlank() ? actor.name() : actor.userId();
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
