package io.inetpublish.customer.customer;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.test.SqlStatements;
import io.inetpublish.customer.support.AuthServiceStub;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class CustomerApiIT extends CustomerItSupport {

    @Autowired
    CustomerRepository customers;

    JsonNode create(String body) {
        return fx.send(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange(), 201);
    }

    @Nested
    class Creating {

        @Test
        void createsACustomerWithAllFieldsAndShowsIt() {
            String name = unique("Acme");
            String code = unique("AC");
            String owner = "ou_" + UUID.randomUUID().toString().replace("-", "");
            AuthServiceStub.person(owner, "张三");
            JsonNode created = create("{\"name\":\"" + name + "\",\"code\":\"" + code + "\",\"contact\":\"Li Lei\","
                    + "\"ownerId\":\"" + owner + "\",\"tags\":[\"east\",\"ring-1\"],\"notes\":\"VIP\"}");

            assertThat(mvc.get().uri("/api/customers/{id}", created.get("id").asString()))
                    .hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo(name))
                    .hasPathSatisfying("$.code", v -> v.assertThat().isEqualTo(code))
                    .hasPathSatisfying("$.contact", v -> v.assertThat().isEqualTo("Li Lei"))
                    .hasPathSatisfying("$.owner.name", v -> v.assertThat().isEqualTo("张三"))
                    .hasPathSatisfying("$.owner.id", v -> v.assertThat().isEqualTo(owner))
                    .hasPathSatisfying("$.ownerStatus", v -> v.assertThat().isEqualTo("RESOLVED"))
                    .hasPathSatisfying("$.tags", v -> v.assertThat().asArray().containsExactly("east", "ring-1"))
                    .hasPathSatisfying("$.notes", v -> v.assertThat().isEqualTo("VIP"))
                    .hasPathSatisfying("$.archived", v -> v.assertThat().isEqualTo(false));
        }

        @Test
        void refusesAnOwnerIdNobodyHasNamingOwnerIdAndStoresNothing() {
            long before = customers.count();
            assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + unique("Nobody") + "\",\"ownerId\":\"ou_nobody_has_this\"}"))
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("ownerId");
            assertThat(customers.count()).isEqualTo(before);
        }

        @Test
        void refusesADuplicateNameOrCodeAndKeepsTheFirst() {
            String name = unique("Dup");
            String code = unique("D");
            create("{\"name\":\"" + name + "\",\"code\":\"" + code + "\"}");
            assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + name.toUpperCase() + "\"}"))
                    .hasStatus(HttpStatus.CONFLICT).bodyJson()
                    .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://inetpublish.io/problems/conflict"))
                    // the form marks the field that clashes (the name), not only an alert above it
                    .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("name"));
            assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + unique("Other") + "\",\"code\":\"" + code + "\"}"))
                    .hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.errors[0].field").isEqualTo("code");
            assertThat(mvc.get().uri("/api/customers").param("q", name))
                    .bodyJson().extractingPath("$.totalItems").isEqualTo(1);
        }

        @Test
        void answersUnknownCustomerWithNotFoundProblem() {
            assertThat(mvc.get().uri("/api/customers/" + UUID.randomUUID()))
                    .hasStatus(HttpStatus.NOT_FOUND)
                    .bodyJson().extractingPath("$.type").isEqualTo("https://inetpublish.io/problems/not-found");
        }
    }

    @Nested
    class Editing {

        @Test
        void editsWithTheCurrentVersionAndRefusesAStaleOneWithoutLosingTheFirstEdit() {
            AuthServiceStub.person("ou_edit_a", "甲");
            AuthServiceStub.person("ou_edit_b", "乙");
            AuthServiceStub.person("ou_edit_c", "丙");
            JsonNode created = create("{\"name\":\"" + unique("Edit") + "\",\"ownerId\":\"ou_edit_a\"}");
            String id = created.get("id").asString();
            long version = created.get("version").asLong();
            String renamed = unique("Renamed");

            assertThat(mvc.put().uri("/api/customers/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + renamed + "\",\"ownerId\":\"ou_edit_b\",\"tags\":[\"west\"],\"version\":"
                            + version + "}"))
                    .hasStatusOk().bodyJson().extractingPath("$.owner.name").isEqualTo("乙");

            assertThat(mvc.put().uri("/api/customers/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + unique("Lost") + "\",\"ownerId\":\"ou_edit_c\",\"version\":" + version + "}"))
                    .hasStatus(HttpStatus.CONFLICT)
                    .bodyJson().extractingPath("$.type")
                    .isEqualTo("https://inetpublish.io/problems/concurrent-edit");

            assertThat(mvc.get().uri("/api/customers/{id}", id)).bodyJson()
                    .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo(renamed))
                    .hasPathSatisfying("$.owner.name", v -> v.assertThat().isEqualTo("乙"))
                    .hasPathSatisfying("$.tags", v -> v.assertThat().asArray().containsExactly("west"));
        }

        @Test
        void refusesAnEditToAnotherCustomersNameOrOfAnUnknownCustomer() {
            String taken = unique("Taken");
            create("{\"name\":\"" + taken + "\"}");
            JsonNode created = create("{\"name\":\"" + unique("Mine") + "\"}");
            String id = created.get("id").asString();

            assertThat(mvc.put().uri("/api/customers/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + taken + "\",\"version\":0}"))
                    .hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
            assertThat(mvc.put().uri("/api/customers/{id}", UUID.randomUUID())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"version\":0}"))
                    .hasStatus(HttpStatus.NOT_FOUND);
        }

        @Test
        void archivesACustomerSoItLeavesTheDefaultList() {
            String name = unique("Arch");
            String id = create("{\"name\":\"" + name + "\"}").get("id").asString();

            assertThat(mvc.post().uri("/api/customers/{id}/archive", id)).hasStatusOk()
                    .bodyJson().extractingPath("$.archived").isEqualTo(true);

            assertThat(mvc.get().uri("/api/customers").param("q", name))
                    .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
            assertThat(mvc.get().uri("/api/customers").param("q", name).param("status", "ARCHIVED"))
                    .bodyJson().extractingPath("$.items[0].id").isEqualTo(id);
            assertThat(mvc.get().uri("/api/customers/{id}", id)).hasStatusOk();
        }
    }

    @Nested
    class Listing {

        @Test
        void searchesByNameOrCodeAndFiltersByOwnerAndTag() {
            String marker = UUID.randomUUID().toString().substring(0, 8);
            String owner = "ou_" + marker;
            AuthServiceStub.person(owner, "owner-" + marker);
            AuthServiceStub.person("ou_else_" + marker, "someone-else");
            create("{\"name\":\"North " + marker + "\",\"code\":\"N" + marker + "\",\"ownerId\":\"" + owner
                    + "\",\"tags\":[\"ring-" + marker + "\"]}");
            create("{\"name\":\"South " + marker + "\",\"ownerId\":\"" + owner + "\"}");
            create("{\"name\":\"West " + marker + "\",\"ownerId\":\"ou_else_" + marker + "\",\"tags\":[\"ring-"
                    + marker + "\"]}");

            assertThat(mvc.get().uri("/api/customers").param("q", "n" + marker.toUpperCase()))
                    .bodyJson().extractingPath("$.items[*].name").asArray().containsExactly("North " + marker);
            assertThat(mvc.get().uri("/api/customers").param("owner", owner))
                    .bodyJson().extractingPath("$.items[*].name").asArray()
                    .containsExactly("North " + marker, "South " + marker);
            assertThat(mvc.get().uri("/api/customers").param("owner", "owner-" + marker)).as("by name too")
                    .bodyJson().extractingPath("$.items[*].name").asArray()
                    .containsExactly("North " + marker, "South " + marker);
            assertThat(mvc.get().uri("/api/customers").param("tag", "ring-" + marker))
                    .bodyJson().extractingPath("$.items[*].name").asArray()
                    .containsExactly("North " + marker, "West " + marker);
        }

        @Test
        void pagesAndSortsDescending() {
            String marker = UUID.randomUUID().toString().substring(0, 8);
            for (String prefix : new String[] {"A", "B", "C"}) {
                create("{\"name\":\"" + prefix + " page " + marker + "\"}");
            }
            assertThat(mvc.get().uri("/api/customers").param("q", marker).param("sort", "name")
                    .param("direction", "desc").param("size", "2").param("page", "0"))
                    .bodyJson()
                    .hasPathSatisfying("$.items[*].name", v -> v.assertThat().asArray()
                            .containsExactly("C page " + marker, "B page " + marker))
                    .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(3))
                    .hasPathSatisfying("$.totalPages", v -> v.assertThat().isEqualTo(2));
            assertThat(mvc.get().uri("/api/customers").param("q", marker).param("sort", "name")
                    .param("direction", "desc").param("size", "2").param("page", "1"))
                    .bodyJson().extractingPath("$.items[*].name").asArray().containsExactly("A page " + marker);
        }

        @Test
        void loadsAPageOfCustomersWithTheirTagsInAFewQueriesNotOnePerCustomer() {
            String marker = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 6; i++) {
                create("{\"name\":\"Tagged " + i + " " + marker + "\",\"tags\":[\"t" + i + "\",\"shared\"]}");
            }
            int statements = SqlStatements.countedWhile(() -> assertThat(mvc.get().uri("/api/customers")
                    .param("q", marker)).bodyJson().extractingPath("$.items[*].tags").asArray().hasSize(6)
                    .allSatisfy(tags -> assertThat(tags.toString()).contains("shared")));

            // the page, its count, and the tags of all six customers at once
            assertThat(statements).isLessThanOrEqualTo(3);
        }
    }
}
