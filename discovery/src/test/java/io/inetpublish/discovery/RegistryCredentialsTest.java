package io.inetpublish.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

class RegistryCredentialsTest {

    private final RegistryCredentials credentials = new RegistryCredentials("eureka", "s3cret-registry-password");

    @Test
    void theRightUserAndPasswordAreAClientOfTheRegistry() {
        var authenticated = credentials.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("eureka", "s3cret-registry-password"));
        assertThat(authenticated.isAuthenticated()).isTrue();
        assertThat(authenticated.getName()).isEqualTo("eureka");
        assertThat(authenticated.getCredentials()).as("the password is not kept").isNull();
        assertThat(authenticated.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_REGISTRY_CLIENT");
    }

    @Test
    void anythingElseIsRefused() {
        String[][] strangers = {{"eureka", "wrong"}, {"someone", "s3cret-registry-password"}, {"eureka", ""},
                {"", ""}, {"eureka", "s3cret-registry-password "}, {"Eureka", "s3cret-registry-password"},
                {null, null}, {"eureka", null}};
        for (String[] stranger : strangers) {
            assertThatThrownBy(() -> credentials.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(stranger[0], stranger[1])))
                    .as("%s / %s", stranger[0], stranger[1]).isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    void aRegistryWithoutAPasswordDoesNotStart() {
        assertThatThrownBy(() -> new RegistryCredentials("eureka", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryCredentials(null, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
