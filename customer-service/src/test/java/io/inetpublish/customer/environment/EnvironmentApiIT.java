package io.inetpublish.customer.environment;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class EnvironmentApiIT extends CustomerItSupport {

    JsonNode create(UUID customerId, String body, int status) {
        return fx.send(mvc.post().uri("/api/customers/{id}/environments", customerId)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange(), status);
    }

    @Test
    void addsEnvironmentsToACustomerAndShowsThemWithTheCustomerAndOwner() {
        String customerName = unique("Bank");
        UUID customerId = fx.customer(customerName, "ou_wangwu");
        JsonNode created = create(customerId, "{\"name\":\"prod-1\",\"type\":\"PROD\",\"notes\":\"rack 3\"}", 201);

        assertThat(mvc.get().uri("/api/environments/{id}", created.get("id").asString()))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.customerId", v -> v.assertThat().isEqualTo(customerId.toString()))
                .hasPathSatisfying("$.customerName", v -> v.assertThat().isEqualTo(customerName))
                .hasPathSatisfying("$.customerOwner.name", v -> v.assertThat().isEqualTo("owner-ou_wangwu"))
                .hasPathSatisfying("$.customerOwner.id", v -> v.assertThat().isEqualTo("ou_wangwu"))
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("prod-1"))
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("PROD"))
                .hasPathSatisfying("$.internalTest", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.notes", v -> v.assertThat().isEqualTo("rack 3"))
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(0));
        create(customerId, "{\"name\":\"test-1\",\"type\":\"TEST\"}", 201);

        assertThat(mvc.get().uri("/api/environments").param("customerId", customerId.toString()))
                .bodyJson().extractingPath("$.items[*].name").asArray().containsExactly("prod-1", "test-1");
    }

    @Test
    void aTypeOutsideTheClosedSetIsRefusedWithItsValuesAlsoWhenTheFilterTakesSeveral() {
        // type is a List<EnvironmentType>: the same words as a single enum parameter, not the words for a value of the wrong type
        assertThat(mvc.get().uri("/api/environments").param("type", "PROD", "STAGING")
                .header("Accept-Language", "en"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("type"))
                .hasPathSatisfying("$.errors[0].message", v -> v.assertThat().isEqualTo("must be one of TEST, PROD, OTHER"));
    }

    @Test
    void keepsEnvironmentNamesUniquePerCustomerOnly() {
        UUID first = fx.customer(unique("First"), "o");
        UUID second = fx.customer(unique("Second"), "o");
        create(first, "{\"name\":\"prod\",\"type\":\"PROD\"}", 201);

        assertThat(mvc.post().uri("/api/customers/{id}/environments", first).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"PROD\",\"type\":\"OTHER\"}"))
                .hasStatus(HttpStatus.CONFLICT).bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/conflict"))
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("name"));
        create(second, "{\"name\":\"prod\",\"type\":\"PROD\"}", 201);
    }

    @Test
    void marksInternalTestEnvironmentsWithTheirJenkinsTargetForPickers() {
        UUID vendor = fx.customer(unique("Vendor"), "qa");
        String target = unique("jenkins-target");
        String id = create(vendor, "{\"name\":\"qa-1\",\"type\":\"TEST\",\"internalTest\":true,"
                + "\"jenkinsTarget\":\"" + target + "\"}", 201).get("id").asString();
        create(vendor, "{\"name\":\"demo\",\"type\":\"OTHER\"}", 201);

        assertThat(mvc.get().uri("/api/environments").param("internalTest", "true").param("size", "200")
                .param("customerId", vendor.toString()))
                .bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asArray().containsExactly(id))
                .hasPathSatisfying("$.items[0].jenkinsTarget", v -> v.assertThat().isEqualTo(target));
    }

    @Test
    void refusesInvalidEnvironmentsNamingTheField() {
        UUID customer = fx.customer(unique("Val"), "o");
        assertThat(mvc.post().uri("/api/customers/{id}/environments", customer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"qa\",\"type\":\"TEST\","
                        + "\"internalTest\":true}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("jenkinsTarget");
        assertThat(mvc.post().uri("/api/customers/{id}/environments", customer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("name", "type");
        assertThat(mvc.post().uri("/api/customers/{id}/environments", customer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"type\":\"STAGING\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("type");
        assertThat(mvc.get().uri("/api/environments").param("customerId", customer.toString()))
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void answersUnknownCustomerAndEnvironmentWithNotFound() {
        assertThat(mvc.post().uri("/api/customers/{id}/environments", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"type\":\"PROD\"}"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/environments/{id}", UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesAConcurrentEditWithAStaleVersionAndKeepsTheFirstEdit() {
        UUID customer = fx.customer(unique("Conc"), "o");
        String id = create(customer, "{\"name\":\"prod\",\"type\":\"PROD\"}", 201).get("id").asString();

        assertThat(mvc.put().uri("/api/environments/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"prod-a\",\"type\":\"PROD\",\"notes\":\"first\",\"version\":0}"))
                .hasStatusOk().bodyJson().extractingPath("$.version").isEqualTo(1);
        assertThat(mvc.put().uri("/api/environments/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"prod-b\",\"type\":\"OTHER\",\"notes\":\"second\",\"version\":0}"))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.type").isEqualTo("https://inetpublish.io/problems/concurrent-edit");

        assertThat(mvc.get().uri("/api/environments/{id}", id)).bodyJson()
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("prod-a"))
                .hasPathSatisfying("$.notes", v -> v.assertThat().isEqualTo("first"))
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(1));
    }
}
