package io.inetpublish.auth.user.web;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.UUID;

import io.inetpublish.auth.support.AuthControllerSlice;
import io.inetpublish.auth.user.UserDirectory;
import io.inetpublish.common.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Who may see people's roles, behind auth-service's own filter chain with UserDirectory mocked: a person's history
 * of role changes is an admin's (checked for no role before); every logged-in person reads who they are. Changing
 * roles, disabling and the list are UsersIT's.
 */
@AuthControllerSlice
class UserControllerTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    UserDirectory directory;

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void noOtherRoleReadsAPersonsRoleChanges(Role role) {
        assertThat(mvc.get().uri("/api/auth/users/{id}/role-changes", UUID.randomUUID()).with(bearer(role)))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(directory);
    }

    @Test
    void anAdminReadsThem() {
        assertThat(mvc.get().uri("/api/auth/users/{id}/role-changes", UUID.randomUUID()).with(bearer(Role.ADMIN)))
                .hasStatusOk().bodyJson().isEqualTo("[]");
    }
}
