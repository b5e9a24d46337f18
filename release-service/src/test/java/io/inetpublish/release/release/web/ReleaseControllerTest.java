package io.inetpublish.release.release.web;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.UpdateType;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.ControllerSliceTest;
import io.inetpublish.release.release.ReleaseContent;
import io.inetpublish.release.release.ReleaseStatus;
import io.inetpublish.release.release.Releases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the release-record API makes of HTTP, with Releases and ReleaseViews mocked: who may submit, what a body
 * must hold before the service is asked (each refusal naming the field), and what the list's query parameters
 * become. The flows (numbers, components checked with customer-service, the timeline, events, edits against the
 * stored version) are ReleaseRecordsIT's.
 */
@ControllerSliceTest(ReleaseController.class)
class ReleaseControllerTest {

    static final String VALID = """
            {"title":" Fix login ","tickets":[{"id":" T-1 "}],"items":[{"component":" gateway ",
             "version":"2.3.4"}],"updateType":"HOT","configChange":true,"configNotes":"set foo=bar"}""";

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    Releases releases;
    @MockitoBean
    ReleaseViews views;

    MvcTestResult submitAs(Role role, String body) {
        return mvc.post().uri("/api/releases").with(bearer("ou_someone", "某人", role))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"DEVELOPER", "TESTER", "SUPPORT", "ADMIN"})
    void submittersSubmitAndAreSentToTheNewRecord(Role role) {
        UUID id = UUID.randomUUID();
        when(releases.submit(any())).thenReturn(id);

        assertThat(submitAs(role, VALID)).hasStatus(HttpStatus.CREATED)
                .hasHeader("Location", "/api/releases/" + id);

        ArgumentCaptor<ReleaseContent> content = ArgumentCaptor.forClass(ReleaseContent.class);
        verify(releases).submit(content.capture());
        assertThat(content.getValue().title()).isEqualTo("Fix login");
        assertThat(content.getValue().updateType()).isEqualTo(UpdateType.HOT);
        assertThat(content.getValue().configNotes()).isEqualTo("set foo=bar");
        assertThat(content.getValue().items()).singleElement()
                .satisfies(item -> assertThat(item.getComponent()).isEqualTo("gateway"));
        assertThat(content.getValue().tickets()).singleElement()
                .satisfies(ticket -> assertThat(ticket.getTicketId()).isEqualTo("T-1"));
    }

    @Test
    void aViewerMayNotSubmitEditOrWithdraw() {
        assertThat(submitAs(Role.VIEWER, VALID)).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.put().uri("/api/releases/{id}", UUID.randomUUID()).with(bearer(Role.VIEWER))
                .contentType(MediaType.APPLICATION_JSON).content(VALID)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri("/api/releases/{id}/withdraw", UUID.randomUUID()).with(bearer(Role.VIEWER)))
                .hasStatus(HttpStatus.FORBIDDEN);
        verifyNoInteractions(releases);
    }

    @Test
    void refusesMissingFieldsByName() {
        assertThat(submitAs(Role.DEVELOPER, """
                {"title":" ","tickets":[],"items":[{"component":"x","version":""}],"updateType":"HOT"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .extractingPath("$.errors[*].field").asArray()
                .contains("title", "tickets", "items[0].version");

        assertThat(submitAs(Role.DEVELOPER, """
                {"title":"x","tickets":[{"id":"T"}],"items":[{"component":"x","version":"1"}],"updateType":"XX"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("updateType"));
        verifyNoInteractions(releases);
    }

    @Test
    void refusesAVersionOutsideTheGrammarAndATicketLinkThatIsNoWebAddress() {
        assertThat(submitAs(Role.DEVELOPER, """
                {"title":"x","tickets":[{"id":"T","url":"ftp://tickets/T"}],
                 "items":[{"component":"x","version":"latest!"}],"updateType":"DEV"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("tickets[0].url", "items[0].version");
        verifyNoInteractions(releases);
    }

    @Test
    void refusesAnUnknownStatusFilterByName() {
        assertThat(mvc.get().uri("/api/releases?status=NOPE")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("status"));
        verifyNoInteractions(views);
    }

    @Test
    void everyListFilterReachesTheViewsAsParsed() {
        assertThat(mvc.get().uri("/api/releases").with(bearer(Role.VIEWER)).param("status", "SUBMITTED", "TESTED")
                .param("updateType", "FE").param("component", "gateway").param("ticket", "T-1")
                .param("submitter", "ou_1").param("q", "login").param("from", "2026-01-02").param("to", "2026-01-31")
                .param("configChange", "true").param("page", "3").param("size", "50")).hasStatusOk();

        verify(views).list(new ReleaseViews.Filter(List.of(ReleaseStatus.SUBMITTED, ReleaseStatus.TESTED),
                List.of(UpdateType.FE), "gateway", "T-1", "ou_1", "login",
                LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 31), true), 3, 50);
    }
}
