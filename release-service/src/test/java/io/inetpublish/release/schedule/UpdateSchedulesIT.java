package io.inetpublish.release.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.inetpublish.common.event.EventTypes;
import io.inetpublish.release.CustomerServiceStub;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@ReleaseIntegrationTest
class UpdateSchedulesIT extends ReleaseItSupport {

    @Autowired
    ScheduleDueNotifier notifier;

    UUID customer;
    UUID prod;
    UUID uat;
    String owner;

    @BeforeEach
    void customer() {
        customer = UUID.randomUUID();
        prod = UUID.randomUUID();
        uat = UUID.randomUUID();
        owner = unique("Owner");
        customerService.environment(prod, customer, "Beta Co", owner, "prod");
        customerService.environment(uat, customer, "Beta Co", owner, "uat");
    }

    private String body(Instant plannedAt, String extra, UUID... environments) {
        List<String> ids = new ArrayList<>();
        for (UUID e : environments) {
            ids.add("\"" + e + "\"");
        }
        return """
                {"customerId":"%s","environmentIds":[%s],"plannedAt":"%s","timeZone":"Asia/Shanghai",
                 "content":"update gateway"%s}""".formatted(customer, String.join(",", ids),
                plannedAt.atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime(), extra);
    }

    private JsonNode create(String body) {
        MvcTestResult result = mvc.post().uri("/api/schedules").contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return read(result);
    }

    private List<String> ids(String query) {
        MvcTestResult result = mvc.get().uri("/api/schedules?" + query + "&size=200").exchange();
        assertThat(result).hasStatusOk();
        List<String> ids = new ArrayList<>();
        read(result).get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    @Test
    void createsAScheduleWithZoneLinksAndTheCustomersOwner() {
        JsonNode release = submitRelease(unique("sch"));
        Instant planned = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

        JsonNode schedule = create(body(planned, """
                ,"releaseIds":["%s"],"tickets":[{"id":"T-77","url":"https://t/77"}]"""
                .formatted(release.get("id").asString()), prod, uat));

        assertThat(schedule.get("status").asString()).isEqualTo("PLANNED");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(schedule.get("plannedAt").asString()).endsWith("+08:00");
        assertThat(Instant.from(java.time.OffsetDateTime.parse(schedule.get("plannedAt").asString()))).isEqualTo(planned);
        assertThat(schedule.get("owner").get("name").asString()).isEqualTo(owner);
        assertThat(schedule.get("owner").get("id").asString()).as("the customer's owner, a person")
                .isEqualTo(CustomerServiceStub.personId(owner));
        assertThat(schedule.get("customerName").asString()).isEqualTo("Beta Co");
        assertThat(schedule.get("title").isNull()).as("no title given: none stored, the reader's language names it")
                .isTrue();
        assertThat(jdbc.queryForObject("select title from update_schedule where id = ?", String.class,
                java.util.UUID.fromString(schedule.get("id").asString()))).isNull();
        assertThat(schedule.get("environments")).hasSize(2);
        assertThat(schedule.get("releases").get(0).get("releaseNumber").asString())
                .isEqualTo(release.get("number").asString());
        assertThat(schedule.get("tickets").get(0).get("id").asString()).isEqualTo("T-77");
    }

    @Test
    void refusesUnknownReleaseForeignEnvironmentAndBadZoneByField() {
        UUID foreign = UUID.randomUUID();
        customerService.environment(foreign, UUID.randomUUID(), "Other", null, "x");
        Instant planned = Instant.now().plus(Duration.ofDays(1));

        assertThat(mvc.post().uri("/api/schedules").contentType(MediaType.APPLICATION_JSON)
                .content(body(planned, ",\"releaseIds\":[\"" + UUID.randomUUID() + "\"]", prod)).exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("releaseIds[0]"));
        assertThat(mvc.post().uri("/api/schedules").contentType(MediaType.APPLICATION_JSON)
                .content(body(planned, "", prod, foreign)).exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentIds[1]"));
        assertThat(mvc.post().uri("/api/schedules").contentType(MediaType.APPLICATION_JSON)
                .content(body(planned, "", prod).replace("Asia/Shanghai", "Mars/Base")).exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("timeZone"));
    }

    @Test
    void editsAndCancelsThenRefusesFurtherChanges() {
        JsonNode schedule = create(body(Instant.now().plus(Duration.ofDays(2)), "", prod));
        String id = schedule.get("id").asString();

        assertThat(mvc.put().uri("/api/schedules/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content(body(Instant.now().plus(Duration.ofDays(4)), ",\"ownerId\":\"ou_nobody_has_this\"", prod))
                .exchange()).as("an owner id nobody has").hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("ownerId"));
        customerService.person("Zhao Liu");
        MvcTestResult edited = mvc.put().uri("/api/schedules/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content(body(Instant.now().plus(Duration.ofDays(4)), ",\"ownerId\":\"ou_zhaoliu\",\"title\":\"Night\"",
                        prod, uat)).exchange();
        assertThat(edited).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.owner.name", v -> v.assertThat().isEqualTo("Zhao Liu"))
                .hasPathSatisfying("$.owner.id", v -> v.assertThat().isEqualTo("ou_zhaoliu"))
                .hasPathSatisfying("$.title", v -> v.assertThat().isEqualTo("Night"))
                .hasPathSatisfying("$.environments.length()", v -> v.assertThat().isEqualTo(2));

        assertThat(mvc.post().uri("/api/schedules/{id}/cancel", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"customer postponed\"}").exchange()).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("CANCELLED"))
                .hasPathSatisfying("$.cancelReason", v -> v.assertThat().isEqualTo("customer postponed"));
        assertThat(mvc.put().uri("/api/schedules/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content(body(Instant.now().plus(Duration.ofDays(4)), "", prod)).exchange())
                .hasStatus(HttpStatus.CONFLICT);
        assertThat(mvc.post().uri("/api/schedules/{id}/cancel", id).exchange()).hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void showsOverdueDueThisWeekByCustomerAndByOwner() {
        JsonNode overdue = create(body(Instant.now().minus(Duration.ofHours(1)), "", prod));
        JsonNode later = create(body(Instant.now().plus(Duration.ofDays(30)), "", uat));
        JsonNode cancelled = create(body(Instant.now().minus(Duration.ofHours(2)), "", uat));
        mvc.post().uri("/api/schedules/{id}/cancel", cancelled.get("id").asString()).exchange();

        assertThat(overdue.get("status").asString()).isEqualTo("OVERDUE");
        assertThat(ids("view=overdue&customerId=" + customer)).containsExactly(overdue.get("id").asString());
        assertThat(ids("status=OVERDUE&owner=" + owner)).containsExactly(overdue.get("id").asString());
        assertThat(ids("customerId=" + customer)).containsExactlyInAnyOrder(overdue.get("id").asString(),
                later.get("id").asString(), cancelled.get("id").asString());
        assertThat(ids("owner=" + owner.toLowerCase() + "&status=PLANNED"))
                .containsExactly(later.get("id").asString());
        assertThat(ids("view=due-this-week&customerId=" + customer)).doesNotContain(later.get("id").asString(),
                cancelled.get("id").asString());
        assertThat(mvc.get().uri("/api/schedules?view=someday")).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void dueThisWeekListsWhatIsPlannedForTheCurrentWeek() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Instant endOfWeek = java.time.LocalDate.now(zone)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY))
                .atTime(23, 0).atZone(zone).toInstant();
        JsonNode thisWeek = create(body(endOfWeek, "", prod));
        JsonNode nextWeek = create(body(endOfWeek.plus(Duration.ofDays(2)), "", prod));

        List<String> due = ids("view=due-this-week&customerId=" + customer);
        assertThat(due).contains(thisWeek.get("id").asString()).doesNotContain(nextWeek.get("id").asString());
    }

    @Test
    void createsOneSchedulePerEnvironmentOfAnImpactSearchInOneRequest() {
        UUID otherCustomer = UUID.randomUUID();
        UUID otherEnv = UUID.randomUUID();
        customerService.environment(otherEnv, otherCustomer, "Gamma Ltd", "Qian Qi", "main");
        JsonNode release = submitRelease(unique("imp"));

        MvcTestResult result = mvc.post().uri("/api/schedules/batch").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"environmentIds":["%s","%s"],"plannedAt":"2031-03-01T22:00:00+08:00",
                         "content":"urgent fix","releaseIds":["%s"]}"""
                        .formatted(prod, otherEnv, release.get("id").asString())).exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED);
        JsonNode created = read(result).get("items");
        assertThat(created).hasSize(2);
        assertThat(created.get(0).get("customerName").asString()).isEqualTo("Beta Co");
        assertThat(created.get(0).get("owner").get("name").asString()).isEqualTo(owner);
        assertThat(created.get(1).get("customerName").asString()).isEqualTo("Gamma Ltd");
        assertThat(created.get(1).get("owner").get("name").asString()).isEqualTo("Qian Qi");
        assertThat(created.get(1).get("environments").get(0).get("environmentName").asString()).isEqualTo("main");

        UUID unknown = UUID.randomUUID();
        long before = count("select count(*) from update_schedule where customer_id = ?", otherCustomer);
        assertThat(mvc.post().uri("/api/schedules/batch").contentType(MediaType.APPLICATION_JSON).content("""
                {"environmentIds":["%s","%s"],"plannedAt":"2031-03-01T22:00:00+08:00"}"""
                .formatted(otherEnv, unknown)).exchange()).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("environmentIds[1]"));
        assertThat(count("select count(*) from update_schedule where customer_id = ?", otherCustomer))
                .isEqualTo(before);
    }

    @Test
    void becomesDoneWhenItsReleasesAreDeployedToItsEnvironments() {
        JsonNode release = submitRelease(unique("done"));
        String releaseId = release.get("id").asString();
        JsonNode schedule = create(body(Instant.now().plus(Duration.ofDays(1)),
                ",\"releaseIds\":[\"" + releaseId + "\"]", prod, uat));
        String deployProd = """
                {"customerId":"%s","environmentIds":["%s"],"notes":"updated in the night window"}""";

        assertThat(recordDeployment(releaseId, deployProd.formatted(customer, prod))).hasStatus(201);
        assertThat(mvc.get().uri("/api/schedules/{id}", schedule.get("id").asString())).bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("PLANNED"));

        assertThat(recordDeployment(releaseId, deployProd.formatted(customer, uat))).hasStatus(201);
        assertThat(mvc.get().uri("/api/schedules/{id}", schedule.get("id").asString())).bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("DONE"))
                .hasPathSatisfying("$.doneAt", v -> v.assertThat().isNotNull());
    }

    @Test
    void publishesDueSoonAndOverdueOnceEachEvenWithConcurrentRuns() throws Exception {
        Instant planned = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode schedule = create(body(planned, "", prod));
        String id = schedule.get("id").asString();

        notifier.notifyDue(Instant.now().minus(Duration.ofDays(2)));
        assertThat(events(EventTypes.SCHEDULE_DUE, "scheduleId", id)).isEmpty();

        Instant now = Instant.now();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> notifier.notifyDue(now));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> notifier.notifyDue(now));
        a.get();
        b.get();
        notifier.notifyDue(now);

        List<JsonNode> events = events(EventTypes.SCHEDULE_DUE, "scheduleId", id);
        assertThat(events).hasSize(1);
        JsonNode payload = events.get(0).get("payload");
        assertThat(payload.get("phase").asString()).isEqualTo("DUE_SOON");
        assertThat(payload.get("customerName").asString()).isEqualTo("Beta Co");
        assertThat(payload.get("title").asString()).as("the Feishu card's title, in Chinese")
                .isEqualTo("更新 Beta Co / prod");
        assertThat(payload.get("ownerName").asString()).isEqualTo(owner);
        assertThat(payload.get("ownerId").asString()).as("the reminder goes to the owner's open_id")
                .isEqualTo(CustomerServiceStub.personId(owner));
        assertThat(payload.get("customerOwner").asString()).isEqualTo(CustomerServiceStub.personId(owner));
        assertThat(payload.get("environmentIds").get(0).asString()).isEqualTo(prod.toString());
        assertThat(Instant.parse(payload.get("plannedAt").asString())).isEqualTo(planned);

        Instant later = planned.plus(Duration.ofMinutes(1));
        notifier.notifyDue(later);
        notifier.notifyDue(later.plus(Duration.ofHours(1)));
        events = events(EventTypes.SCHEDULE_DUE, "scheduleId", id);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).get("payload").get("phase").asString()).isEqualTo("OVERDUE");
    }

    @Test
    void announcesAgainWhenThePlannedTimeMoves() {
        Instant planned = Instant.now().plus(Duration.ofHours(3));
        JsonNode schedule = create(body(planned, "", prod));
        String id = schedule.get("id").asString();
        notifier.notifyDue(Instant.now());
        assertThat(events(EventTypes.SCHEDULE_DUE, "scheduleId", id)).hasSize(1);

        mvc.put().uri("/api/schedules/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content(body(planned.plus(Duration.ofHours(2)), "", prod)).exchange();
        notifier.notifyDue(Instant.now());
        assertThat(events(EventTypes.SCHEDULE_DUE, "scheduleId", id)).hasSize(2);
    }
}
