package io.inetpublish.customer.impact;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class ImpactSearchIT extends CustomerItSupport {

    String component;
    Map<String, UUID> byVersion = new LinkedHashMap<>();

    @BeforeEach
    void installVersions() {
        component = fx.component("2.3.10");
        String[][] installs = {{"2.0.9", "PROD"}, {"2.1.0", "PROD"}, {"v2.2.0", "TEST"}, {"2.2.1", "PROD"},
                {"2.3.4-rc1", "OTHER"}, {"2.3.4", "PROD"}, {"2.3.10", "PROD"}};
        for (String[] install : installs) {
            UUID env = fx.environment(install[1]);
            fx.install(env, component, install[0]);
            byVersion.put(install[0], env);
        }
    }

    JsonNode versions(String range, String... types) {
        var request = mvc.get().uri("/api/versions/impact").param("component", component).param("range", range);
        for (String type : types) {
            request = request.param("type", type);
        }
        return fx.send(request.exchange(), 200);
    }

    @Test
    void findsEnvironmentsBelowAVersionInNaturalOrder() {
        JsonNode page = versions("<2.3.4");
        assertThat(page.get("items").findValuesAsString("version"))
                .containsExactly("2.0.9", "2.1.0", "v2.2.0", "2.2.1", "2.3.4-rc1");
        assertThat(page.get("totalItems").asInt()).isEqualTo(5);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("environmentId").asString()).isEqualTo(byVersion.get("2.0.9").toString());
        assertThat(first.get("customerName").asString()).isNotBlank();
        assertThat(first.get("customerOwner").get("name").asString()).startsWith("owner-");
        assertThat(first.get("type").asString()).isEqualTo("PROD");
    }

    @Test
    void findsEnvironmentsInsideAnIntervalAnExactVersionAndAList() {
        assertThat(versions(">=2.1.0 <2.3.4").get("items").findValuesAsString("version"))
                .containsExactly("2.1.0", "v2.2.0", "2.2.1", "2.3.4-rc1");
        assertThat(versions("=2.2.0").get("items").findValuesAsString("version")).containsExactly("v2.2.0");
        assertThat(versions("=2.2.0,=2.2.1,=2.3.10").get("items").findValuesAsString("version"))
                .containsExactly("v2.2.0", "2.2.1", "2.3.10");
    }

    @Test
    void filtersByEnvironmentTypeAndPages() {
        assertThat(versions("<2.3.4", "TEST", "OTHER").get("items").findValuesAsString("version"))
                .containsExactly("v2.2.0", "2.3.4-rc1");
        JsonNode second = fx.send(mvc.get().uri("/api/versions/impact").param("component", component)
                .param("range", "<9").param("size", "3").param("page", "1").exchange(), 200);
        assertThat(second.get("items").findValuesAsString("version")).containsExactly("2.2.1", "2.3.4-rc1", "2.3.4");
        assertThat(second.get("totalPages").asInt()).isEqualTo(3);
    }

    @Test
    void exportsTheSameListAsCsv() throws Exception {
        var result = mvc.get().uri("/api/versions/impact/export").param("component", component).param("range", "<2.2.0")
                .exchange();
        assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
        String[] lines = result.getResponse().getContentAsString().split("\r\n");
        assertThat(lines[0]).isEqualTo("customer,owner,ownerId,environment,type,component,version,release,updatedAt");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(component + ",2.0.9,");
        assertThat(lines[2]).contains(component + ",2.1.0,");
    }

    @Test
    void refusesABadRangeAndAnUnknownComponent() {
        assertThat(mvc.get().uri("/api/versions/impact").param("component", component).param("range", "<<2"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("range");
        assertThat(mvc.get().uri("/api/versions/impact/export").param("component", component).param("range", ""))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("range");
        assertThat(mvc.get().uri("/api/versions/impact").param("range", "<2"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("component");
        assertThat(mvc.get().uri("/api/versions/impact").param("component", unique("ghost")).param("range", "<2"))
                .hasStatus(HttpStatus.NOT_FOUND);
    }
}
