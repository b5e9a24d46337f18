package io.inetpublish.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.test.PlainHttp;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.ComponentVersion;
import io.inetpublish.common.event.EnvironmentVersionsSynced;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.event.ScheduleDue;
import io.inetpublish.common.event.SyncSource;
import io.inetpublish.common.i18n.StoredText;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

@NotifyIntegrationTest
class CardsAndLogIT extends NotifyItSupport {

    @LocalManagementPort
    int managementPort;

    private JsonNode sentCard(UUID eventId, String person) {
        awaitStatus(eventId, person, "SENT", Duration.ofSeconds(10));
        List<LoggedRequest> messages = messagesTo(person);
        assertThat(messages).hasSize(1);
        return cardOf(messages.get(0));
    }

    /** A build's card as the person who started the build received it. */
    private record BuildCard(String person, EventEnvelope<BuildFinished> event, JsonNode card) {

        String template() {
            return card.path("header").path("template").stringValue();
        }
    }

    /** A build of this type and result by a new person, planned and sent: the card that person received. */
    private BuildCard buildCard(BuildType type, BuildResult result) {
        String person = newOpenId();
        return buildCard(person, buildFinished(person, type, result));
    }

    private BuildCard buildCard(String person, EventEnvelope<BuildFinished> event) {
        planner.onBuildFinished(event);
        return new BuildCard(person, event, sentCard(event.eventId(), person));
    }

    /** The same event (id, time, actor) with another payload. */
    private static EventEnvelope<BuildFinished> withPayload(EventEnvelope<BuildFinished> event, BuildFinished payload) {
        return new EventEnvelope<>(event.eventId(), event.type(), event.occurredAt(), event.actor(), payload);
    }

    /** A build of this type and result by {@code person}, planned and its notification sent; answers the event. */
    private EventEnvelope<BuildFinished> sentBuild(String person, BuildType type, BuildResult result) {
        EventEnvelope<BuildFinished> event = buildFinished(person, type, result);
        planner.onBuildFinished(event);
        awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(10));
        return event;
    }

    private static EnvironmentVersionsSynced synced(SyncSource source) {
        return EnvironmentVersionsSynced.synced(UUID.randomUUID(), source, UUID.randomUUID(), "生产环境")
                .release(UUID.randomUUID(), "R2025-042").customer(UUID.randomUUID(), "华东银行", newOpenId())
                .changes(List.of(new EnvironmentVersionsSynced.Change("gateway", "2.3.0", "2.3.1"),
                        new EnvironmentVersionsSynced.Change("report", null, "1.0.0")))
                .build();
    }

    private static EventEnvelope<EnvironmentVersionsSynced> syncedBy(Actor actor, SyncSource source) {
        return new EventEnvelope<>(UUID.randomUUID(), EventTypes.ENVIRONMENT_VERSIONS_SYNCED, Instant.now(), actor,
                synced(source));
    }

    /** An event's rows without whom they are for and how far the sender got: channel, role and kind, sorted. */
    private List<String> shape(EventEnvelope<?> event) {
        return notificationsOf(event.eventId()).stream().map(n -> n.path("channel").stringValue() + " "
                + n.path("recipientRole").stringValue() + " " + n.path("kind").stringValue()).sorted().toList();
    }

    private static EventEnvelope<ScheduleDue> scheduleDue(ScheduleDue.Phase phase, String ownerId,
            String customerOwner) {
        return new EventEnvelope<>(UUID.randomUUID(), EventTypes.SCHEDULE_DUE, Instant.now(), Actor.system(),
                new ScheduleDue(ScheduleDue.SCHEMA_VERSION, UUID.randomUUID(), phase, "华东银行 3 月例行更新",
                        Instant.parse("2026-03-10T02:00:00Z"), UUID.randomUUID(), "华东银行",
                        List.of(UUID.randomUUID(), UUID.randomUUID()), ownerId, "王五", customerOwner));
    }

    @Nested
    class Cards {

        @Test
        void testDeploymentFailureIsRedWithTheReason() {
            BuildCard sent = buildCard(BuildType.TEST_DEPLOY, BuildResult.FAILURE);

            assertThat(sent.template()).isEqualTo("red");
            assertThat(cardText(sent.card())).contains("测试部署失败 · R2025-042 支付网关修复", "结果：** 失败",
                    "Jenkins 已忘记队列项 41，任务 ops/deploy-test 中也没有构建带有这个队列号", "测试环境 A",
                    "https://jenkins.example.com/job/x/57/");
            assertThat(cardText(sent.card())).as("the reason's codes worded in Chinese, not its English text")
                    .doesNotContain("forgot");
        }

        @Test
        void aReasonOfABuildServiceFromBeforeCodesIsShownAsItCame() {
            String person = newOpenId();
            EventEnvelope<BuildFinished> original = buildFinished(person, BuildType.PACKAGE, BuildResult.FAILURE);
            BuildFinished b = original.payload();
            EventEnvelope<BuildFinished> event = withPayload(original, BuildFinished.releasePackage(b.buildId(),
                    b.result()).legacyReason("compilation failed").release(b.releaseId(), b.releaseNumber(),
                    b.releaseTitle()).build());

            assertThat(cardText(buildCard(person, event).card())).contains("打包失败", "compilation failed");
        }

        /**
         * UNSTABLE: completed with warnings (docs/events.md, "Results"). The card is orange, says the deployment
         * completed and the versions follow, and that tests or quality gates reported problems.
         */
        @Test
        void anUnstableTestDeploymentSaysItCompletedWithWarnings() {
            BuildCard sent = buildCard(BuildType.TEST_DEPLOY, BuildResult.UNSTABLE);

            assertThat(notificationOf(sent.event().eventId(), sent.person()).path("kind").stringValue())
                    .isEqualTo("TEST_DEPLOYMENT_FINISHED");
            assertThat(sent.template()).isEqualTo("orange");
            assertThat(cardText(sent.card())).contains("测试部署完成（不稳定） · R2025-042 支付网关修复",
                    "结果：** 不稳定（已完成，测试或质量检查有问题）", "Jenkins 报告此次构建不稳定（UNSTABLE）",
                    "部署已完成，测试环境的版本随之同步", "测试或质量检查报告了问题", "测试环境 A")
                    .doesNotContain("失败");
        }

        @Test
        void anUnstablePackageSaysItCanBeUsedAndWhatWasWrong() {
            BuildCard sent = buildCard(BuildType.PACKAGE, BuildResult.UNSTABLE);

            assertThat(sent.template()).isEqualTo("orange");
            assertThat(cardText(sent.card())).contains("打包完成（不稳定） · R2025-042", "安装包已生成并保存，可以下载使用",
                    "测试或质量检查报告了问题", "release-R2025-042.zip");
        }

        @Test
        void userTextReachesTheCardAsTextNeverAsALinkMentionOrEmphasis() {
            String person = newOpenId();
            String title = "[重新登录](https://example.invalid/phish) <at id=all></at> **紧急** https://evil.invalid/x";
            EventEnvelope<BuildFinished> original = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.FAILURE);
            BuildFinished b = original.payload();
            EventEnvelope<BuildFinished> event = withPayload(original, BuildFinished.testDeployment(b.buildId(),
                            b.result(), b.environmentId(), "环境_[x](http://evil.invalid)")
                    .reason(StoredText.of("build.reason.jenkins-result", "<a href='https://evil.invalid'>点此</a>"),
                            "Jenkins: <a href='https://evil.invalid'>点此</a>")
                    .release(b.releaseId(), b.releaseNumber(), title)
                    .jenkins(57, "https://jenkins.example.com/job/x/57/) [登录](https://evil.invalid")
                    .items(List.of(new ComponentVersion("gateway", "1.0$(id)"))).build());

            JsonNode card = buildCard(person, event).card();
            StringBuilder larkMd = new StringBuilder();
            card.path("elements").forEach(e -> larkMd.append(e.path("text").path("content").asString("")).append('\n'));
            assertThat(larkMd.toString()).doesNotContain("](https://example.invalid", "<at", "<a ", "**紧急",
                    "https://evil.invalid/x", "http://evil.invalid", "$(id)", "[x]", "[登录]");
            // the only link left is the one to the Jenkins build, its target cut at the first character that would
            // end it, so the rest shows as part of the target, not as a second link
            assertThat(larkMd.toString()).containsOnlyOnce("](");
            assertThat(cardText(card)).contains("发布记录：** R2025-042 " + title, "<a href='https://evil.invalid'>点此</a>",
                    "环境_[x](http://evil.invalid)", "gateway 1.0$(id)");
        }

        @Test
        void packageFinishedCarriesTheDownloadLink() {
            BuildCard sent = buildCard(BuildType.PACKAGE, BuildResult.SUCCESS);

            assertThat(notificationOf(sent.event().eventId(), sent.person()).path("kind").stringValue())
                    .isEqualTo("PACKAGE_FINISHED");
            assertThat(cardText(sent.card())).contains("打包成功 · R2025-042", "release-R2025-042.zip", "2.3 MB",
                    "https://platform.example.com/builds/" + sent.event().payload().buildId()
                            + "/download?path=out/release-R2025-042.zip")
                    .as("a card never links to the API path, which needs a token").doesNotContain("/api/builds/");
        }

        @Test
        void aDeltaBundleCardNamesTheEnvironmentAndTheRecordsAndOpensThePlan() {
            String person = newOpenId();
            UUID build = UUID.randomUUID();
            UUID environment = UUID.randomUUID();
            UUID first = UUID.randomUUID();
            BuildFinished payload = BuildFinished.deltaBundle(build, BuildResult.SUCCESS, "UPGRADE-20261203-103000",
                            "华东电力", environment, "生产")
                    .jenkins(61, "https://jenkins.example.com/job/x/61/")
                    .items(List.of(new ComponentVersion("gateway", "2.3.5")))
                    .artifacts(List.of(new BuildFinished.Artifact("UPGRADE-20261203-103000.tar.gz",
                            "dist/UPGRADE-20261203-103000.tar.gz", 4096L, "ab12",
                            "/api/builds/" + build + "/artifacts/dist/UPGRADE-20261203-103000.tar.gz")))
                    .plan("/plans?environmentId=" + environment + "&target=mainline",
                            List.of(new BuildFinished.PlanRelease(first, "REL-2026-0001"),
                                    new BuildFinished.PlanRelease(UUID.randomUUID(), "REL-2026-0002")))
                    .manifestPath("/api/builds/" + build + "/manifest").build();
            JsonNode card = buildCard(person, new EventEnvelope<>(UUID.randomUUID(), EventTypes.BUILD_FINISHED,
                    Instant.now(), new Actor(person, "张三"), payload)).card();
            assertThat(cardText(card)).contains("增量包打包成功 · 华东电力 生产", "UPGRADE-20261203-103000",
                    "REL-2026-0001", "REL-2026-0002", "https://platform.example.com/releases/" + first,
                    "gateway 2.3.5", "https://platform.example.com/plans?environmentId=" + environment,
                    "https://platform.example.com/builds/" + build + "/download?path=dist/UPGRADE-20261203-103000.tar.gz",
                    "https://jenkins.example.com/job/x/61/").doesNotContain("/api/builds/");
        }

        @Test
        void customerDeploymentSyncedListsTheVersionChanges() {
            String person = newOpenId();
            EventEnvelope<EnvironmentVersionsSynced> event = syncedBy(new Actor(person, "赵技术支持"),
                    SyncSource.CUSTOMER_DEPLOYMENT);
            planner.onEnvironmentVersionsSynced(event);

            JsonNode card = sentCard(event.eventId(), person);
            assertThat(cardText(card)).contains("客户部署已记录，版本已同步 · 华东银行 生产环境", "gateway：2.3.0 → 2.3.1",
                    "report：（新增） → 1.0.0", "赵技术支持",
                    "https://platform.example.com/customers/" + event.payload().customerId());
        }

        @Test
        void testDeploymentSyncsAreLeftToTheBuildCard() {
            EventEnvelope<EnvironmentVersionsSynced> event = syncedBy(new Actor(newOpenId(), "x"),
                    SyncSource.TEST_DEPLOYMENT);
            assertThat(planner.onEnvironmentVersionsSynced(event)).isZero();
            assertThat(notificationsOf(event.eventId())).isEmpty();
        }

        /**
         * The events of a consumer's batch get the rows each would get alone: a card per person, none for a test
         * deployment, a skipped row for the platform itself, one set of rows for an event that comes twice; and a
         * second delivery of the batch creates nothing.
         */
        @Test
        void aBatchOfSyncedEventsPlansWhatEachAloneWould() {
            String first = newOpenId();
            String second = newOpenId();
            EventEnvelope<EnvironmentVersionsSynced> a = syncedBy(new Actor(first, "赵技术支持"),
                    SyncSource.CUSTOMER_DEPLOYMENT);
            EventEnvelope<EnvironmentVersionsSynced> test = syncedBy(new Actor(newOpenId(), "x"),
                    SyncSource.TEST_DEPLOYMENT);
            EventEnvelope<EnvironmentVersionsSynced> b = syncedBy(new Actor(second, "钱运维"), SyncSource.ROLLBACK);
            EventEnvelope<EnvironmentVersionsSynced> system = syncedBy(Actor.system(), SyncSource.CUSTOMER_DEPLOYMENT);
            EventEnvelope<EnvironmentVersionsSynced> alone = syncedBy(new Actor(newOpenId(), "孙"),
                    SyncSource.CUSTOMER_DEPLOYMENT);
            EventEnvelope<EnvironmentVersionsSynced> systemAlone = syncedBy(Actor.system(),
                    SyncSource.CUSTOMER_DEPLOYMENT);
            int aloneRows = planner.onEnvironmentVersionsSynced(alone) + planner.onEnvironmentVersionsSynced(systemAlone);

            int created = planner.onEnvironmentVersionsSynced(List.of(a, test, b, a, system));

            assertThat(created).isEqualTo(aloneRows + notificationsOf(alone.eventId()).size());
            assertThat(shape(a)).isEqualTo(shape(alone)).contains("USER ACTOR CUSTOMER_DEPLOYMENT_SYNCED");
            assertThat(shape(b)).isEqualTo(shape(alone));
            assertThat(shape(system)).isEqualTo(shape(systemAlone));
            assertThat(notificationOf(system.eventId(), "system").path("status").stringValue()).isEqualTo("SKIPPED");
            assertThat(notificationsOf(test.eventId())).isEmpty();
            assertThat(cardText(sentCard(b.eventId(), second))).contains("gateway：2.3.0 → 2.3.1", "钱运维");
            assertThat(planner.onEnvironmentVersionsSynced(List.of(a, b, system))).isZero();
            assertThat(notificationsOf(a.eventId())).hasSize(shape(alone).size());
        }

        @Test
        void scheduleDueSoonGoesToTheScheduleOwnerAndTheCustomersOwner() {
            String owner = newOpenId();
            String customerOwner = newOpenId();
            EventEnvelope<ScheduleDue> event = scheduleDue(ScheduleDue.Phase.DUE_SOON, owner, customerOwner);
            planner.onScheduleDue(event);

            JsonNode ownerCard = sentCard(event.eventId(), owner);
            JsonNode customerOwnerCard = sentCard(event.eventId(), customerOwner);
            assertThat(ownerCard).isEqualTo(customerOwnerCard);
            assertThat(ownerCard.path("header").path("template").stringValue()).isEqualTo("orange");
            assertThat(cardText(ownerCard)).contains("更新计划即将到期 · 华东银行 3 月例行更新",
                    "2026-03-10 10:00（北京时间）", "王五",
                    "https://platform.example.com/schedules/" + event.payload().scheduleId());
            assertThat(notificationOf(event.eventId(), owner).path("recipientRole").stringValue())
                    .isEqualTo("SCHEDULE_OWNER");
            assertThat(notificationOf(event.eventId(), customerOwner).path("recipientRole").stringValue())
                    .isEqualTo("CUSTOMER_OWNER");
        }

        @Test
        void aScheduleOwnerWhoAlsoOwnsTheCustomerGetsOneCard() {
            String owner = newOpenId();
            EventEnvelope<ScheduleDue> event = scheduleDue(ScheduleDue.Phase.DUE_SOON, owner, owner);

            planner.onScheduleDue(event);

            sentCard(event.eventId(), owner);
            assertThat(notificationsOf(event.eventId()).stream()
                    .filter(n -> "USER".equals(n.path("channel").stringValue()))).hasSize(1);
            assertThat(notificationOf(event.eventId(), owner).path("recipientRole").stringValue())
                    .isEqualTo("SCHEDULE_OWNER");
            assertThat(messagesTo(owner)).hasSize(1);
        }

        @Test
        void overdueScheduleOwnersThatAreNotOpenIdsAreSkippedWithTheReason() {
            EventEnvelope<ScheduleDue> event = scheduleDue(ScheduleDue.Phase.OVERDUE, "wangwu", null);
            planner.onScheduleDue(event);

            JsonNode owner = notificationOf(event.eventId(), "wangwu");
            assertThat(owner.path("status").stringValue()).isEqualTo("SKIPPED");
            assertThat(owner.path("kind").stringValue()).isEqualTo("SCHEDULE_OVERDUE");
            assertThat(lastError(event.eventId(), "wangwu", "en")).contains("'wangwu' is not a Feishu open_id");
            assertThat(owner.path("lastError").stringValue()).isEqualTo(
                    "计划负责人“wangwu”不是飞书 open_id（ou_…）；没有可通知的人");
            JsonNode customerOwner = notificationOf(event.eventId(), "(no customer owner)");
            assertThat(customerOwner.path("status").stringValue()).isEqualTo("SKIPPED");
            assertThat(owner.path("title").stringValue()).startsWith("更新计划已逾期");
        }
    }

    @Nested
    class Log {

        @Test
        void filtersByStatusKindRecipientEventAndDate() {
            String person = newOpenId();
            sentBuild(person, BuildType.PACKAGE, BuildResult.FAILURE);
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();

            assertThat(getJson("/api/notifications?recipient=" + person + "&status=SENT&kind=PACKAGE_FINISHED&from="
                    + today + "&to=" + today).path("items")).hasSize(1);
            assertThat(getJson("/api/notifications?recipient=" + person + "&status=FAILED").path("items")).isEmpty();
            assertThat(getJson("/api/notifications?recipient=" + person + "&kind=TEST_DEPLOYMENT_FINISHED")
                    .path("items")).isEmpty();
            assertThat(getJson("/api/notifications?recipient=" + person + "&from=" + tomorrow).path("items"))
                    .isEmpty();
            JsonNode page = getJson("/api/notifications?status=SENT&size=1");
            assertThat(page.path("size").intValue()).isEqualTo(1);
            assertThat(page.path("totalItems").longValue()).isPositive();
            assertThat(mvc.get().uri("/api/notifications?status=LOST")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", f -> f.assertThat().isEqualTo("status"));
            assertThat(mvc.get().uri("/api/notifications?from=" + tomorrow + "&to=" + today))
                    .hasStatus(HttpStatus.BAD_REQUEST);
        }

        @Test
        void resendDeliversAgainWithANewUuid() {
            String person = newOpenId();
            EventEnvelope<BuildFinished> event = sentBuild(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);
            JsonNode sent = notificationOf(event.eventId(), person);
            String id = sent.path("id").stringValue();
            // on two loaded cores a first try can time out and be retried (same uuid, Feishu keeps one): count from here
            int attemptsBefore = sent.path("attempts").intValue();
            String firstUuid = bodyOf(messagesTo(person).get(0)).path("uuid").stringValue();

            assertThat(mvc.post().uri("/api/notifications/" + id + "/resend")).hasStatus(HttpStatus.ACCEPTED)
                    .bodyJson().hasPathSatisfying("$.notification.status", s -> s.assertThat().isEqualTo("PENDING"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> messagesTo(person).stream().anyMatch(m -> !firstUuid.equals(uuidOf(m))));
            JsonNode row = awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(10));

            List<LoggedRequest> resent = messagesTo(person).stream().filter(m -> !firstUuid.equals(uuidOf(m))).toList();
            assertThat(resent).as("the resend goes out once, with a uuid of its own").hasSize(1);
            assertThat(row.path("attempts").intValue()).isEqualTo(attemptsBefore + 1);
        }

        private String uuidOf(LoggedRequest message) {
            return bodyOf(message).path("uuid").stringValue();
        }

        @Test
        void resendOfASkippedOrUnknownNotificationIsRefused() {
            EventEnvelope<ScheduleDue> event = scheduleDue(ScheduleDue.Phase.OVERDUE, "lisi", null);
            planner.onScheduleDue(event);
            String skipped = notificationOf(event.eventId(), "lisi").path("id").stringValue();

            assertThat(mvc.post().uri("/api/notifications/" + skipped + "/resend")).hasStatus(HttpStatus.CONFLICT);
            assertThat(mvc.post().uri("/api/notifications/" + UUID.randomUUID() + "/resend"))
                    .hasStatus(HttpStatus.NOT_FOUND);
            assertThat(mvc.get().uri("/api/notifications/" + UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
        }

        @Test
        void countsSentAndFailedNotificationsInPrometheus() {
            sentBuild(newOpenId(), BuildType.TEST_DEPLOY, BuildResult.SUCCESS);

            assertThat(new PlainHttp(managementPort).get("/actuator/prometheus").body())
                    .contains("inetpublish_notifications_sent_total{", "kind=\"TEST_DEPLOYMENT_FINISHED\"",
                            "inetpublish_notifications_pending");
        }
    }
}
