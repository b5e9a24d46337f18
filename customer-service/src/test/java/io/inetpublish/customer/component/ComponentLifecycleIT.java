package io.inetpublish.customer.component;

import static io.inetpublish.customer.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.inetpublish.common.test.ServiceIntegrationTest;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.customer.support.CustomerItSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The catalog as a team maintains it: kinds and owners, search, edit, retire (kept, shown while installed). */
@ServiceIntegrationTest
class ComponentLifecycleIT extends CustomerItSupport {

    @Test
    void createsWithKindAndOwnerFindsItBySearchAndEditsIt() {
        String name = unique("print");
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"kind\":\"TEMPLATE\",\"description\":\"打印模板\","
                        + "\"owner\":\"实施组-" + name + "\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.kind", v -> v.assertThat().isEqualTo("TEMPLATE"))
                .hasPathSatisfying("$.retired", v -> v.assertThat().isEqualTo(false));

        // found by its owner and its kind (what else the search matches: ComponentRepositoryTest)
        assertThat(mvc.get().uri("/api/components").param("q", "实施组-" + name).param("kind", "TEMPLATE"))
                .hasStatusOk().bodyJson().extractingPath("$.items[*].name").asArray().containsExactly(name);

        assertThat(mvc.put().uri("/api/components/{name}", name).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"CONFIGURATION\",\"description\":\"模板配置\",\"owner\":\"李四\"}"))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/components/{name}", name)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.kind", v -> v.assertThat().isEqualTo("CONFIGURATION"))
                .hasPathSatisfying("$.description", v -> v.assertThat().isEqualTo("模板配置"))
                .hasPathSatisfying("$.owner", v -> v.assertThat().isEqualTo("李四"));
    }

    @Test
    void retiresAnInstalledComponentKeepingItAndShowingWhereItIsStillInstalled() {
        String name = fx.component("1.0.0");
        UUID environment = fx.environment("PROD");
        fx.install(environment, name, "1.0.0");

        assertThat(mvc.post().uri("/api/components/{name}/retire", name)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.retired", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.retiredBy.id", v -> v.assertThat().isEqualTo(TestTokens.DEFAULT_SUBJECT))
                .hasPathSatisfying("$.retiredBy.name", v -> v.assertThat().isEqualTo(TestTokens.DEFAULT_NAME))
                .hasPathSatisfying("$.installations", v -> v.assertThat().isEqualTo(1));

        // not offered any more (the default list is what forms offer), still there for history
        assertThat(mvc.get().uri("/api/components").param("q", name)).hasStatusOk().bodyJson()
                .extractingPath("$.items").asArray().isEmpty();
        assertThat(mvc.get().uri("/api/components").param("q", name).param("status", "retired")).hasStatusOk()
                .bodyJson().extractingPath("$.items[0].installations").isEqualTo(1);
        assertThat(mvc.get().uri("/api/environments/{id}/components", environment)).hasStatusOk().bodyJson()
                .extractingPath("$[0].component").isEqualTo(name);

        assertThat(mvc.post().uri("/api/components/{name}/reinstate", name)).hasStatusOk().bodyJson()
                .extractingPath("$.retired").isEqualTo(false);
        assertThat(mvc.get().uri("/api/components").param("q", name)).hasStatusOk().bodyJson()
                .extractingPath("$.items[*].name").asArray().containsExactly(name);
    }
}
