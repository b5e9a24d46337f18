package io.inetpublish.release.release;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.release.ReleaseIntegrationTest;
import io.inetpublish.release.ReleaseItSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@ReleaseIntegrationTest
class ReleaseRecordsIT extends ReleaseItSupport {

    @Autowired
    CircuitBreakerRegistry breakers;

    private MvcTestResult post(String body) {
        return mvc.post().uri("/api/releases").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private long releasesTitled(String title) {
        return count("select count(*) from release_record where title = ?", title);
    }

    @Nested
    class Submit {

        @Test
        void submitsRecordWithNumberTimelineAndEvent() {
            String title = unique("Fix login");
            String gateway = unique("gateway");
            JsonNode release = submit(releaseBody(title, "T-1", gateway));

            assertThat(release.get("number").asString()).matches("REL-\\d{4}-\\d{4,}");
            assertThat(release.get("title").asString()).isEqualTo(title);
            assertThat(release.get("status").asString()).isEqualTo("SUBMITTED");
            assertThat(release.get("updateType").asString()).isEqualTo("HOT");
            assertThat(release.get("configChange").asBoolean()).isTrue();
            assertThat(release.get("configNotes").asString()).isEqualTo("set foo=bar");
            assertThat(release.get("manual").asString()).startsWith("# Steps");
            assertThat(release.get("tickets").get(0).get("id").asString()).isEqualTo("T-1");
            assertThat(release.get("tickets").get(0).get("url").asString()).isEqualTo("https://tickets.example.com/T-1");
            assertThat(release.get("items").get(0).get("component").asString()).isEqualTo(gateway);
            assertThat(release.get("items").get(0).get("version").asString()).isEqualTo("1.2.3");
            assertThat(release.get("submittedBy").propertyNames()).as("a person: {id, name}, as everywhere")
                    .containsExactly("id", "name");
            assertThat(release.get("submittedBy").get("name").asString()).isEqualTo("anonymous");
            assertThat(release.get("submittedById")).as("no second field for the id").isNull();
            assertThat(release.get("timeline").get(0).get("actor").propertyNames()).containsExactly("id", "name");
            assertThat(release.get("timeline")).hasSize(1);
            assertThat(release.get("timeline").get(0).get("action").asString()).isEqualTo("SUBMITTED");
            assertThat(release.get("timeline").get(0).get("actor").get("name").asString()).isEqualTo("anonymous");
            assertThat(release.get("deployments")).isEmpty();
            assertThat(release.get("packages")).isEmpty();

            List<JsonNode> events = events(EventTypes.RELEASE_SUBMITTED, "releaseId", release.get("id").asString());
            assertThat(events).hasSize(1);
            JsonNode payload = events.get(0).get("payload");
            assertThat(payload.get("releaseNumber").asString()).isEqualTo(release.get("number").asString());
            assertThat(payload.get("items").get(0).get("component").asString()).isEqualTo(gateway);
            assertThat(payload.get("configChange").asBoolean()).isTrue();
            assertThat(events.get(0).get("actor").get("name").asString()).isEqualTo("anonymous");
        }

        @Test
        void givesEveryConcurrentSubmitItsOwnNumber() throws Exception {
            String component = unique("svc");
            customerService.component(component);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<String>> numbers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Callable<String> submit = () -> submit(releaseBody(unique("Parallel"), "T", component))
                            .get("number").asString();
                    numbers.add(pool.submit(submit));
                }
                Set<String> distinct = new HashSet<>();
                for (Future<String> number : numbers) {
                    distinct.add(number.get());
                }
                assertThat(distinct).hasSize(12);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void refusesUnknownComponentNamingTheItemAndStoresNothing() {
            String title = unique("Unknown");
            String known = unique("known");
            String unknown = unique("nope");
            customerService.component(known);
            customerService.noComponent(unknown);
            String body = """
                    {"title":"%s","tickets":[{"id":"T-9"}],"items":[{"component":"%s","version":"1.0"},
                     {"component":"%s","version":"2.0"}],"updateType":"DEV","configChange":false}"""
                    .formatted(title, known, unknown);

            MvcTestResult result = post(body);

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/validation"))
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("items[1].component"))
                    .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().asString().contains(unknown));
            assertThat(releasesTitled(title)).isZero();
        }

        @Test
        void requiresConfigNotesWhenConfigChanges() {
            String component = unique("cfg");
            customerService.component(component);
            String title = unique("Config");
            MvcTestResult result = post("""
                    {"title":"%s","tickets":[{"id":"T"}],"items":[{"component":"%s","version":"1"}],
                     "updateType":"RE","configChange":true}""".formatted(title, component));
            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("configNotes"));
            assertThat(releasesTitled(title)).isZero();
        }

        @Test
        void refusesDuplicateComponents() {
            String component = unique("dup");
            customerService.component(component);
            MvcTestResult result = post("""
                    {"title":"dup","tickets":[{"id":"T"}],"items":[{"component":"%s","version":"1"},
                     {"component":"%s","version":"2"}],"updateType":"FE"}""".formatted(component, component));
            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("items[1].component"));
        }
    }

    @Nested
    class WhenCustomerServiceIsUnreachable {

        @Test
        void answers503AndStoresNothingWhenTheConnectionFails() {
            String component = unique("down");
            customerService.server().stubFor(get(urlPathEqualTo("/api/components/" + component))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            String title = unique("Down");

            assertThat(post(releaseBodyUnstubbed(title, component))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .bodyJson()
                    .hasPathSatisfying("$.type",
                            v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/downstream-unavailable"))
                    .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("customer-service"));
            assertThat(releasesTitled(title)).isZero();
        }

        @Test
        void answers503WhenCustomerServiceIsTooSlow() {
            String component = unique("slow");
            customerService.server().stubFor(get(urlPathEqualTo("/api/components/" + component))
                    .willReturn(aResponse().withFixedDelay(2500).withStatus(200)
                            .withHeader("Content-Type", "application/json").withBody("{\"name\":\"" + component + "\"}")));
            String title = unique("Slow");

            assertThat(post(releaseBodyUnstubbed(title, component))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(releasesTitled(title)).isZero();
        }

        @Test
        void answers503WhenCustomerServiceFailsWith5xx() {
            String component = unique("err");
            customerService.server().stubFor(get(urlPathEqualTo("/api/components/" + component))
                    .willReturn(aResponse().withStatus(500)));
            String title = unique("Err");

            assertThat(post(releaseBodyUnstubbed(title, component))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(releasesTitled(title)).isZero();
        }

        @Test
        void answers503WithoutCallingWhileTheCircuitIsOpen() {
            String component = unique("open");
            customerService.component(component);
            breakers.circuitBreaker("customer-service").transitionToForcedOpenState();
            String title = unique("Open");

            assertThat(post(releaseBodyUnstubbed(title, component))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(releasesTitled(title)).isZero();
            assertThat(customerService.server().countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
                    .getRequestedFor(urlPathEqualTo("/api/components/" + component)).build()).getCount()).isZero();
        }

        @Test
        void usesTheConfiguredBreakerSettings() {
            var config = breakers.circuitBreaker("customer-service").getCircuitBreakerConfig();
            assertThat(config.getMinimumNumberOfCalls()).isEqualTo(10);
            assertThat(config.getSlidingWindowSize()).isEqualTo(20);
        }

        private String releaseBodyUnstubbed(String title, String component) {
            return """
                    {"title":"%s","tickets":[{"id":"T"}],"items":[{"component":"%s","version":"1"}],
                     "updateType":"HOT"}""".formatted(title, component);
        }
    }

    @Nested
    class EditAndWithdraw {

        @Test
        void editsWhileNotDeployedAndRecordsIt() {
            String component = unique("ed");
            JsonNode release = submitRelease(component);
            String id = release.get("id").asString();
            assertThat(editableAsTheServerEnforces(id)).isTrue();
            String other = unique("ed2");
            customerService.component(other);
            String body = """
                    {"title":"New title","tickets":[{"id":"T-2"}],"items":[{"component":"%s","version":"2.0.0"}],
                     "updateType":"DEV","configChange":false,"manual":"new manual","version":%d}"""
                    .formatted(other, release.get("version").asLong());

            MvcTestResult result = mvc.put().uri("/api/releases/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content(body).exchange();

            assertThat(result).hasStatusOk();
            JsonNode edited = read(result);
            assertThat(edited.get("title").asString()).isEqualTo("New title");
            assertThat(edited.get("number").asString()).isEqualTo(release.get("number").asString());
            assertThat(edited.get("items").get(0).get("component").asString()).isEqualTo(other);
            assertThat(edited.get("configChange").asBoolean()).isFalse();
            assertThat(edited.get("configNotes").isNull()).isTrue();
            assertThat(edited.get("timeline").get(1).get("action").asString()).isEqualTo("EDITED");
            JsonNode facts = edited.get("timeline").get(1).get("facts");
            assertThat(java.util.stream.StreamSupport.stream(facts.get("changed").spliterator(), false).map(JsonNode::asString))
                    .contains("title", "items", "manual");
            assertThat(edited.get("timeline").get(1).get("detail").isNull()).as("facts, no sentence").isTrue();
        }

        @Test
        void refusesAnEditBasedOnAnOldVersion() {
            JsonNode release = submitRelease(unique("old"));
            String id = release.get("id").asString();
            String component = release.get("items").get(0).get("component").asString();
            String body = """
                    {"title":"A","tickets":[{"id":"T"}],"items":[{"component":"%s","version":"1"}],
                     "updateType":"HOT","version":%d}""";
            assertThat(mvc.put().uri("/api/releases/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content(body.formatted(component, release.get("version").asLong())).exchange()).hasStatusOk();
            assertThat(mvc.put().uri("/api/releases/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content(body.formatted(component, release.get("version").asLong())).exchange())
                    .hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/concurrent-edit"));
        }

        @Test
        void withdrawsAndThenRefusesEditsAndASecondWithdrawal() {
            JsonNode release = submitRelease(unique("wd"));
            String id = release.get("id").asString();

            MvcTestResult result = mvc.post().uri("/api/releases/{id}/withdraw", id)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"duplicate of another\"}").exchange();

            assertThat(result).hasStatusOk();
            JsonNode withdrawn = read(result);
            assertThat(withdrawn.get("status").asString()).isEqualTo("WITHDRAWN");
            assertThat(editableAsTheServerEnforces(id)).isFalse();
            assertThat(withdrawn.get("timeline").get(1).get("facts").get("reason").asString())
                    .contains("duplicate of another");
            assertThat(mvc.put().uri("/api/releases/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content(releaseBody("x", "T", unique("wd2"))).exchange()).hasStatus(HttpStatus.CONFLICT);
            assertThat(mvc.post().uri("/api/releases/{id}/withdraw", id).exchange()).hasStatus(HttpStatus.CONFLICT);
        }

        @Test
        void answers404ForAnUnknownRelease() {
            assertThat(mvc.get().uri("/api/releases/{id}", java.util.UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND)
                    .bodyJson().hasPathSatisfying("$.type",
                            v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/not-found"));
        }
    }

    @Nested
    class Listing {

        @Test
        void filtersByEveryCriterionAndPages() {
            String marker = unique("mark");
            String compA = unique("listA");
            String compB = unique("listB");
            String ticketA = unique("TA");
            JsonNode a = submit(releaseBody(marker + " alpha", ticketA, compA));
            JsonNode b = submit(releaseBody(marker + " beta", unique("TB"), compB));
            customerService.component(compA);
            JsonNode c = submit("""
                    {"title":"%s gamma","tickets":[{"id":"TC"}],"items":[{"component":"%s","version":"3"}],
                     "updateType":"FE","manual":"unique-manual-%s"}""".formatted(marker, compA, marker));
            mvc.post().uri("/api/releases/{id}/withdraw", b.get("id").asString()).exchange();

            assertThat(ids("q=" + marker)).containsExactly(c.get("id").asString(), b.get("id").asString(),
                    a.get("id").asString());
            assertThat(ids("q=" + marker + "&component=" + compA)).containsExactly(c.get("id").asString(),
                    a.get("id").asString());
            assertThat(ids("q=" + marker + "&ticket=" + ticketA.toLowerCase())).containsExactly(a.get("id").asString());
            assertThat(ids("q=" + marker + "&updateType=FE")).containsExactly(c.get("id").asString());
            assertThat(ids("q=" + marker + "&updateType=FE&updateType=HOT")).hasSize(3);
            assertThat(ids("q=" + marker + "&status=WITHDRAWN")).containsExactly(b.get("id").asString());
            assertThat(ids("q=unique-manual-" + marker)).containsExactly(c.get("id").asString());
            assertThat(ids("q=" + marker + "&submitter=anonym")).hasSize(3);
            assertThat(ids("q=" + marker + "&submitter=somebody-else")).isEmpty();
            assertThat(ids("q=" + marker + "&configChange=false")).containsExactly(c.get("id").asString());
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
            String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
            assertThat(ids("q=" + marker + "&from=" + today + "&to=" + today)).hasSize(3);
            assertThat(ids("q=" + marker + "&from=" + tomorrow)).isEmpty();

            MvcTestResult page = mvc.get().uri("/api/releases?q=" + marker + "&size=2&page=1").exchange();
            assertThat(page).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3))
                    .hasPathSatisfying("$.totalPages", v -> v.assertThat().isEqualTo(2))
                    .hasPathSatisfying("$.items[0].id", v -> v.assertThat().isEqualTo(a.get("id").asString()))
                    .hasPathSatisfying("$.items[0].items[0].component", v -> v.assertThat().isEqualTo(compA));
        }

        private java.util.List<String> ids(String query) {
            MvcTestResult result = mvc.get().uri("/api/releases?" + query).exchange();
            assertThat(result).hasStatusOk();
            java.util.List<String> ids = new ArrayList<>();
            read(result).get("items").forEach(item -> ids.add(item.get("id").asString()));
            return ids;
        }
    }
}
