package io.inetpublish.build.security;

import io.inetpublish.common.security.AuthorizationRules;
import io.inetpublish.common.security.Changes;
import io.inetpublish.common.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what here (the platform defaults do the rest: every read is open to any logged-in role, any other
 * change is ADMIN only). Jenkins job settings: ADMIN, reading included. Triggering and cancelling builds: DEVELOPER,
 * TESTER, SUPPORT and ADMIN (test deployments); a PACKAGE build additionally needs SUPPORT or ADMIN, which the
 * trigger checks on the request's build type. A download link: whoever may read the build's artifacts (any logged-in
 * role) may ask for one; following it needs no token (it is its own short-lived, single-use credential).
 */
@Configuration(proxyBeanMethods = false)
class BuildAuthorizationRules {

    @Bean
    AuthorizationRules buildRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/builds/downloads/*").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/builds/*/download-links").authenticated()
                .requestMatchers("/api/builds/settings", "/api/builds/settings/**").hasAnyRole(Roles.ADMINS)
                .requestMatchers(Changes.to("/api/builds", "/api/builds/**")).hasAnyRole(Roles.SUBMITTERS);
    }
}
