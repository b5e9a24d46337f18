package io.inetpublish.customer.security;

import java.util.Arrays;
import java.util.stream.Stream;

import io.inetpublish.common.security.AuthorizationRules;
import io.inetpublish.common.security.Changes;
import io.inetpublish.common.security.IntegrationScope;
import io.inetpublish.common.security.Role;
import io.inetpublish.common.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may change what here (the platform defaults do the rest: every read is open to any logged-in role, any other
 * change is ADMIN only): customers, environments (with their component versions) and the component catalog are
 * maintained by SUPPORT and ADMIN; the list of owners that matched no platform person is for ADMIN. Integration tokens: a CI reports main-branch builds with {@code mainline:report}
 * (a person sets the mainline by hand instead), and reads the catalog with {@code components:read}.
 */
@Configuration(proxyBeanMethods = false)
class CustomerAuthorizationRules {

    @Bean
    AuthorizationRules customerRules() {
        String[] catalogReaders = Stream.concat(Arrays.stream(Role.values()).map(Role::authority),
                Stream.of(IntegrationScope.COMPONENTS_READ.authority())).toArray(String[]::new);
        return rules -> rules
                // owners that matched no platform person: an admin's list (reading it included)
                .requestMatchers("/api/customers/unresolved-owners", "/api/customers/unresolved-owners/**")
                .hasAnyRole(Roles.ADMINS)
                .requestMatchers(HttpMethod.POST, "/api/components/*/mainline/reports")
                .hasAuthority(IntegrationScope.MAINLINE_REPORT.authority())
                .requestMatchers(HttpMethod.GET, "/api/components", "/api/components/**")
                .hasAnyAuthority(catalogReaders)
                .requestMatchers(Changes.to("/api/customers/**", "/api/environments/**", "/api/components/**"))
                .hasAnyRole(Roles.OPERATORS);
    }
}
