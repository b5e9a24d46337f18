package io.inetpublish.customer.customer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.security.TestTokens;
import io.inetpublish.customer.customer.Customer;
import io.inetpublish.customer.customer.CustomerService;
import io.inetpublish.customer.customer.CustomerService.Details;
import io.inetpublish.customer.customer.OwnerMigration;
import io.inetpublish.customer.support.CustomerControllerSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the customer API makes of HTTP, with CustomerService mocked: who may read and who may maintain customers,
 * query parameters become a filter and a page, bodies become details, and what cannot be read is a 400 naming the
 * field, in the reader's language, before the service is asked. (That the service checks the token itself, whatever
 * headers come with it, is SecurityEnforcementIT's.) The flows (owners checked with auth-service, conflicts, archive, search) are CustomerApiIT's.
 */
@CustomerControllerSlice
class CustomerControllerTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    CustomerService service;
    @Autowired
    OwnerMigration migration;

    @Test
    void aListQueryIsTheServicesFilterAndAClampedPageSortedStably() {
        when(service.search(any(), any())).thenReturn(Page.empty());

        assertThat(mvc.get().uri("/api/customers").param("q", "acme").param("owner", "ou_1").param("tag", "east")
                .param("status", "ALL").param("sort", "code").param("direction", "desc").param("page", "2")
                .param("size", "500")).hasStatusOk()
                .bodyJson().extractingPath("$.items").asArray().isEmpty();

        verify(service).search(new CustomerService.Filter("acme", "ou_1", "east", CustomerService.Status.ALL),
                PageRequest.of(2, 200, Sort.by(Sort.Direction.DESC, "code").and(Sort.by("id"))));
    }

    @Test
    void anUnknownSortDirectionOrStatusIsRefusedNamingTheParameter() {
        assertThat(mvc.get().uri("/api/customers").param("sort", "password"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("sort");
        assertThat(mvc.get().uri("/api/customers").param("direction", "sideways"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("direction");
        assertThat(mvc.get().uri("/api/customers").param("status", "GONE"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("status");
        verifyNoInteractions(service);
    }

    @Test
    void aRefusalSpeaksTheReadersLanguage() {
        assertThat(mvc.get().uri("/api/customers").param("status", "GONE"))
                .bodyJson().extractingPath("$.errors[0].message").isEqualTo("必须是以下之一：ACTIVE, ARCHIVED, ALL");
        assertThat(mvc.get().uri("/api/customers").param("status", "GONE").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .bodyJson().extractingPath("$.errors[0].message").isEqualTo("must be one of ACTIVE, ARCHIVED, ALL");
    }

    @Test
    void aValueThatIsNoNumberReadsAsEveryOtherValueOfTheWrongType() {
        // the same words as a bad date in a search's fields or a wrong JSON type in a body ("typeMismatch")
        assertThat(mvc.get().uri("/api/customers").param("page", "first"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("类型或格式不正确");
        assertThat(mvc.get().uri("/api/customers").param("page", "first").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .bodyJson().extractingPath("$.errors[0].message").isEqualTo("has a value of the wrong type or format");
        verifyNoInteractions(service);
    }

    @Test
    void aBlankNameAndABlankTagAreRefusedNamingTheFields() {
        assertThat(mvc.post().uri("/api/customers").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\" \",\"tags\":[\"ok\",\"\"]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("name", "tags[1]");
        verifyNoInteractions(service);
    }

    @Test
    void anEditWithoutTheVersionTheEditorSawIsRefused() {
        assertThat(mvc.put().uri("/api/customers/{id}", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("version");
        verify(service, never()).update(any(), anyLong(), any());
    }

    @Test
    void anEditHandsTheServiceTheOwnersIdTheTagsAndTheVersion() {
        UUID id = UUID.randomUUID();
        Customer stored = new Customer("Acme", "AC", null, Customer.Owner.person("ou_2", "乙"), Set.of("west", "east"),
                null);
        // as JPA returns it after the update: with its id and the next version
        ReflectionTestUtils.setField(stored, "id", id);
        ReflectionTestUtils.setField(stored, "version", 8L);
        when(service.update(eq(id), eq(7L), any())).thenReturn(stored);

        assertThat(mvc.put().uri("/api/customers/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\" Acme \",\"code\":\"AC\",\"ownerId\":\"ou_2\",\"tags\":[\"west\",\"east\"],"
                        + "\"version\":7}"))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.id", v -> v.assertThat().isEqualTo(id.toString()))
                .hasPathSatisfying("$.version", v -> v.assertThat().isEqualTo(8))
                .hasPathSatisfying("$.owner.name", v -> v.assertThat().isEqualTo("乙"))
                .hasPathSatisfying("$.tags", v -> v.assertThat().asArray().containsExactly("east", "west"));

        verify(service).update(id, 7L, new Details("Acme", "AC", null, "ou_2", Set.of("east", "west"), null));
    }

    MvcTestResult createCustomerAs(Role role) {
        return mvc.post().uri("/api/customers").with(TestTokens.bearer(role)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Acme\"}").exchange();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleReads(Role role) {
        when(service.search(any(), any())).thenReturn(Page.empty());
        assertThat(mvc.get().uri("/api/customers").with(TestTokens.bearer(role))).hasStatusOk();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SUPPORT", "ADMIN"})
    void supportAndAdminsMaintainCustomers(Role role) {
        Customer created = new Customer("Acme", null, null, Customer.Owner.person("ou_2", "乙"), Set.of(), null);
        ReflectionTestUtils.setField(created, "id", UUID.randomUUID());
        ReflectionTestUtils.setField(created, "version", 0L);
        when(service.create(any())).thenReturn(created);
        assertThat(createCustomerAs(role)).hasStatus(HttpStatus.CREATED);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VIEWER", "DEVELOPER", "TESTER"})
    void otherRolesMayNotMaintainCustomers(Role role) {
        assertThat(createCustomerAs(role)).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(service);
    }
}
