package io.inetpublish.auth.integration.web;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.inetpublish.auth.integration.IntegrationTokens;
import io.inetpublish.auth.support.AuthControllerSlice;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Who may manage integration tokens, behind auth-service's own filter chain with IntegrationTokens mocked: an admin,
 * and no other role - not listing them, not creating one, not revoking one (the revoke was checked for no role
 * before). The tokens themselves (exchange, scopes, revocation reaching the gateway) are IntegrationTokenIT's.
 */
@AuthControllerSlice
class IntegrationTokenControllerTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    IntegrationTokens tokens;

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void noOtherRoleListsCreatesOrRevokesTokens(Role role) {
        assertThat(mvc.get().uri("/api/auth/integration-tokens").with(bearer(role)))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/auth/integration-tokens").with(bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"ci\",\"scopes\":[\"mainline:report\"]}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri("/api/auth/integration-tokens/{id}/revoke", UUID.randomUUID()).with(bearer(role)))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(tokens);
    }

    @Test
    void anAdminRevokesATokenInTheirOwnName() {
        UUID id = UUID.randomUUID();
        Actor admin = new Actor("ou_admin", "管理员");
        when(tokens.revoke(id, admin)).thenReturn(new IntegrationTokens.Token(id, "ci", "client", List.of(),
                Instant.EPOCH, null, null, null, Instant.now(), admin.userId(), admin.name()));

        assertThat(mvc.post().uri("/api/auth/integration-tokens/{id}/revoke", id)
                .with(bearer(admin.userId(), admin.name(), Role.ADMIN)))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.revoked", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.revokedBy.name", v -> v.assertThat().isEqualTo("管理员"));
        verify(tokens).revoke(id, admin);
    }
}
