package io.inetpublish.customer.dashboard;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.AuthServiceStub;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard (customers × environments for chosen components), the environment list by customer tag that a
 * rollout chooses its targets with, and the {@code customer.archived} event an archive publishes.
 */
@ServiceIntegrationTest
class DashboardIT extends CustomerItSupport {

    @Autowired
    JdbcTemplate jdbc;

    String ring;
    String owner;
    UUID pilot;
    UUID pilotProd;
    UUID pilotTest;
    UUID other;
    UUID otherProd;
    String gateway;
    String web;

    UUID customer(String name, String tag) {
        AuthServiceStub.person(owner, "owner-" + owner);
        JsonNode body = fx.send(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"ownerId\":\"" + owner + "\",\"tags\":[\"" + tag + "\"]}")
                .exchange(), 201);
        return UUID.fromString(body.get("id").asString());
    }

    @BeforeEach
    void data() {
        ring = unique("试点");
        owner = "ou_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pilot = customer(unique("A 华东电力"), ring);
        pilotProd = fx.environment(pilot, "生产", "PROD");
        pilotTest = fx.environment(pilot, "测试", "TEST");
        other = customer(unique("B 深圳地铁"), unique("第一批"));
        otherProd = fx.environment(other, "生产", "PROD");
        gateway = fx.component("2.3.5");
        web = fx.component(null);
        fx.install(pilotProd, gateway, "2.3.4");
        fx.install(pilotTest, gateway, "2.3.5");
        fx.install(otherProd, gateway, "2.3.1");
        fx.install(pilotProd, web, "v1.8.2");
    }

    @Nested
    class Dashboard {

        @Test
        void showsEachEnvironmentsVersionAgainstTheTargetForTheCustomersOfATag() {
            JsonNode answer = fx.get("/api/versions/dashboard?component={g}=2.3.5&component={w}&tag={t}", gateway,
                    web, ring);
            JsonNode customers = answer.get("customers");
            assertThat(customers.get("totalItems").asInt()).isEqualTo(1);
            JsonNode customer = customers.get("items").get(0);
            assertThat(customer.get("id").asString()).isEqualTo(pilot.toString());
            assertThat(customer.get("tags").get(0).asString()).isEqualTo(ring);
            assertThat(customer.at("/owner/id").asString()).isEqualTo(owner);
            JsonNode prod = environment(customer, "生产");
            assertThat(prod.at("/components/" + gateway + "/version").asString()).isEqualTo("2.3.4");
            assertThat(prod.at("/components/" + gateway + "/relation").asString()).isEqualTo("BEHIND");
            assertThat(prod.at("/components/" + web + "/version").asString()).isEqualTo("v1.8.2");
            assertThat(prod.at("/components/" + web + "/relation").asString()).isEqualTo("UNKNOWN");
            assertThat(environment(customer, "测试").at("/components/" + gateway + "/relation").asString())
                    .isEqualTo("EQUAL");
            assertThat(answer.at("/columns/0/target").asString()).isEqualTo("2.3.5");
        }

        @Test
        void filtersByTypeAndOwnerAndPagesByCustomers() {
            JsonNode prodOnly = fx.get("/api/versions/dashboard?component={g}&type=PROD&owner={o}&size=1", gateway,
                    owner);
            assertThat(prodOnly.at("/customers/totalItems").asInt()).isEqualTo(2);
            assertThat(prodOnly.at("/customers/totalPages").asInt()).isEqualTo(2);
            assertThat(prodOnly.at("/customers/items").size()).isEqualTo(1);
            assertThat(prodOnly.at("/customers/items/0/environments").size()).isEqualTo(1);
            JsonNode second = fx.get("/api/versions/dashboard?component={g}&type=PROD&owner={o}&size=1&page=1",
                    gateway, owner);
            assertThat(second.at("/customers/items/0/id").asString())
                    .isNotEqualTo(prodOnly.at("/customers/items/0/id").asString());
        }

        @Test
        void badInputNamesTheField() {
            assertThat(field(mvc.get().uri("/api/versions/dashboard").exchange().getResponse())).isEqualTo("component");
            assertThat(field(mvc.get().uri("/api/versions/dashboard?component=no-such-component").exchange()
                    .getResponse())).isEqualTo("component[0]");
            assertThat(field(mvc.get().uri("/api/versions/dashboard?component={g}=not a version", gateway)
                    .exchange().getResponse())).isEqualTo("component[0]");
            assertThat(field(mvc.get().uri("/api/versions/dashboard?component={g}&size=500", gateway).exchange()
                    .getResponse())).isEqualTo("size");
        }

        private String field(org.springframework.mock.web.MockHttpServletResponse response) {
            assertThat(response.getStatus()).isEqualTo(400);
            try {
                return json.readTree(response.getContentAsString()).at("/errors/0/field").asString();
            } catch (java.io.UnsupportedEncodingException ex) {
                throw new IllegalStateException(ex);
            }
        }

        private JsonNode environment(JsonNode customer, String name) {
            for (JsonNode e : customer.get("environments")) {
                if (e.get("name").asString().equals(name)) {
                    return e;
                }
            }
            throw new AssertionError("no environment " + name);
        }
    }

    @Nested
    class RolloutTargets {

        @Test
        void environmentsAreListedByCustomerTagTypeAndIdsWithTheCustomersTags() {
            JsonNode tagged = fx.get("/api/environments?tag={t}&customerArchived=false&internalTest=false", ring);
            List<String> names = new ArrayList<>();
            tagged.get("items").forEach(e -> names.add(e.get("name").asString()));
            assertThat(names).containsExactlyInAnyOrder("生产", "测试");
            assertThat(tagged.at("/items/0/customerTags/0").asString()).isEqualTo(ring);
            assertThat(tagged.at("/items/0/customerArchived").asBoolean()).isFalse();

            assertThat(fx.get("/api/environments?tag={t}&type=PROD", ring).get("totalItems").asInt()).isEqualTo(1);
            assertThat(fx.get("/api/environments?id={a}&id={b}", pilotProd, otherProd).get("totalItems").asInt())
                    .isEqualTo(2);
        }

        @Test
        void archivingACustomerTellsTheRollouts() {
            fx.send(mvc.post().uri("/api/customers/{id}/archive", other).exchange(), 200);
            assertThat(jdbc.queryForObject("""
                    select count(*) from outbox_event
                    where event_type = 'customer.archived' and envelope -> 'payload' ->> 'customerId' = ?""",
                    Long.class, other.toString())).isEqualTo(1);
            assertThat(fx.get("/api/environments?id={b}&customerArchived=false", otherProd).get("totalItems").asInt())
                    .isZero();
            // archived customers leave the dashboard
            assertThat(fx.get("/api/versions/dashboard?component={g}&owner={o}", gateway, owner)
                    .at("/customers/totalItems").asInt()).isEqualTo(1);
            // archiving again changes nothing and tells nobody again
            fx.send(mvc.post().uri("/api/customers/{id}/archive", other).exchange(), 200);
            assertThat(jdbc.queryForObject("""
                    select count(*) from outbox_event
                    where event_type = 'customer.archived' and envelope -> 'payload' ->> 'customerId' = ?""",
                    Long.class, other.toString())).isEqualTo(1);
        }

        @Test
        void theTagsOfActiveCustomersAreListed() {
            JsonNode tags = fx.get("/api/customers/tags");
            List<String> all = new ArrayList<>();
            tags.forEach(t -> all.add(t.asString()));
            assertThat(all).contains(ring);
        }
    }
}
