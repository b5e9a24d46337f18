package io.inetpublish.customer.component.web;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.security.Role;
import io.inetpublish.customer.component.Component;
import io.inetpublish.customer.component.ComponentCatalog;
import io.inetpublish.customer.component.ComponentCatalog.Details;
import io.inetpublish.customer.component.ComponentKind;
import io.inetpublish.customer.support.CustomerControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What the component catalog's API makes of HTTP, with ComponentCatalog mocked: who may maintain the catalog, what
 * a body must hold (refusals naming the field, before the catalog is asked) and who the catalog is told did it (the
 * person of the token). The catalog's own rules (duplicates, retiring, mainline history) are ComponentCatalogIT's and
 * ComponentLifecycleIT's.
 */
@CustomerControllerSlice
class ComponentControllerTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    ComponentCatalog catalog;

    @Test
    void refusesBadNamesAndVersionsNamingTheField() {
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"has space\",\"mainlineVersion\":\"2.3;1\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("name", "mainlineVersion");
        assertThat(mvc.put().uri("/api/components/{name}/mainline", "gateway").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":\"\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("version");
        verifyNoInteractions(catalog);
    }

    @Test
    void refusesAnUnknownKindNamingTheField() {
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"gateway\",\"kind\":\"DATABASE\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("kind");
        // in a body as in a query parameter, a closed set's refusal names the values it takes
        assertThat(mvc.post().uri("/api/components").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en").content("{\"name\":\"gateway\",\"kind\":\"DATABASE\"}"))
                .bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("must be one of SERVICE, FRONTEND, TEMPLATE, CONFIGURATION, OTHER");
        verifyNoInteractions(catalog);
    }

    @Test
    void aNewComponentIsTheCatalogsWithThePersonOfTheToken() {
        when(catalog.create(any(), any(), any(), any()))
                .thenReturn(new Component("gateway", ComponentKind.SERVICE, null, "李四"));

        assertThat(mvc.post().uri("/api/components").with(bearer("ou_support", "技术支持甲", Role.SUPPORT))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"gateway\",\"kind\":\"SERVICE\",\"owner\":\"李四\"}"))
                .hasStatus(HttpStatus.CREATED).hasHeader("Location", "/api/components/gateway")
                .bodyJson().hasPathSatisfying("$.kind", v -> v.assertThat().isEqualTo("SERVICE"))
                .hasPathSatisfying("$.retired", v -> v.assertThat().isEqualTo(false))
                .hasPathSatisfying("$.installations", v -> v.assertThat().isEqualTo(0));

        verify(catalog).create(eq("gateway"), eq(new Details(ComponentKind.SERVICE, null, "李四")), isNull(),
                eq(new Actor("ou_support", "技术支持甲")));
    }

    @Test
    void onlySupportAndAdminManageTheCatalog() {
        String body = "{\"name\":\"dev\"}";
        assertThat(mvc.post().uri("/api/components").with(bearer(Role.DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/components/{name}/retire", "dev").with(bearer(Role.TESTER)))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.put().uri("/api/components/{name}/mainline", "dev").with(bearer(Role.VIEWER))
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":\"1.0\"}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        verifyNoInteractions(catalog);

        when(catalog.create(any(), any(), any(), any())).thenReturn(new Component("dev", null));
        when(catalog.get("dev")).thenReturn(new Component("dev", null));
        assertThat(mvc.post().uri("/api/components").with(bearer(Role.SUPPORT))
                .contentType(MediaType.APPLICATION_JSON).content(body)).hasStatus(HttpStatus.CREATED);
        assertThat(mvc.get().uri("/api/components/{name}", "dev").with(bearer(Role.VIEWER))).hasStatusOk();
    }
}
