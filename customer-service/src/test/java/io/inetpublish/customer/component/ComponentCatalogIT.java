package io.inetpublish.customer.component;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetpublish.common.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ServiceIntegrationTest
class ComponentCatalogIT {

    @Autowired
    MockMvcTester mvc;

    @Test
    void registersAComponentAndSetsItsMainlineWithWhenAndWho() {
        String name = unique("gateway");
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"description\":\"API gateway\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.mainlineVersion").isNull();

        assertThat(mvc.put().uri("/api/components/{name}/mainline", name).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":\"2.3.10\"}"))
                .hasStatusOk();

        assertThat(mvc.get().uri("/api/components/{name}", name)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo(name))
                .hasPathSatisfying("$.description", v -> v.assertThat().isEqualTo("API gateway"))
                .hasPathSatisfying("$.mainlineVersion", v -> v.assertThat().isEqualTo("2.3.10"))
                .hasPathSatisfying("$.mainlineSetAt", v -> v.assertThat().isNotNull())
                .hasPathSatisfying("$.mainlineSetBy", v -> v.assertThat().isNotNull());
        assertThat(mvc.get().uri("/api/components").param("q", name)).hasStatusOk()
                .bodyJson().extractingPath("$.items[0].mainlineVersion").isEqualTo("2.3.10");
    }

    @Test
    void refusesADuplicateName() {
        String name = unique("report-web");
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\"}")).hasStatus(HttpStatus.CREATED);
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name.toUpperCase() + "\"}"))
                .hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void answersUnknownComponentWithNotFoundProblem() {
        assertThat(mvc.get().uri("/api/components/{name}", unique("nope")))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo("https://inetpublish.io/problems/not-found");
        assertThat(mvc.put().uri("/api/components/{name}/mainline", unique("nope"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"1.0\"}"))
                .hasStatus(HttpStatus.NOT_FOUND);
    }
}
