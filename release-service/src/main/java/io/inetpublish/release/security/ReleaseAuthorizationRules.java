package io.inetpublish.release.security;

import io.inetpublish.common.security.AuthorizationRules;
import io.inetpublish.common.security.Changes;
import io.inetpublish.common.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may change what here (the platform defaults do the rest: every read is open to any logged-in role, any other
 * change is ADMIN only). Customer deployments, deployment plans, skips, schedules and rollouts: SUPPORT and ADMIN.
 * Submitting, editing and withdrawing release records: DEVELOPER, TESTER, SUPPORT and ADMIN. (Test deployments and
 * packaging are builds: build-service's rules.) Each pattern matches paths a controller here maps.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseAuthorizationRules {

    @Bean
    AuthorizationRules releaseRules() {
        return rules -> rules
                // Feishu's card callback carries no platform token: its signature and Verification Token are checked
                .requestMatchers(HttpMethod.POST, "/api/approvals/feishu/card-callback")
                .permitAll()
                // asking for an approval; deciding is open to every person and checked per request against the
                // approval policy (a named approver may have any role, as in Feishu)
                .requestMatchers(HttpMethod.POST, "/api/approvals").hasAnyRole(Roles.OPERATORS)
                .requestMatchers(HttpMethod.POST, "/api/approvals/*/decision")
                .hasAnyRole("VIEWER", "DEVELOPER", "TESTER", "SUPPORT", "ADMIN")
                .requestMatchers(Changes.to("/api/releases/*/deployments", "/api/releases/*/skips/**",
                        "/api/plans/**", "/api/schedules", "/api/schedules/**", "/api/releases/*/rollouts",
                        "/api/releases/*/rollouts/**", "/api/rollouts/**"))
                .hasAnyRole(Roles.OPERATORS)
                .requestMatchers(Changes.to("/api/releases", "/api/releases/**"))
                .hasAnyRole(Roles.SUBMITTERS);
    }
}
