package io.inetpublish.release.security;

import io.inetpublish.common.security.AuthorizationRules;
import io.inetpublish.common.security.Changes;
import io.inetpublish.common.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may change what here (the platform defaults do the rest: every read is open to any logged-in role, any other
 * change is ADMIN only). Customer deployments, packaging, schedules and rollouts: SUPPORT and ADMIN. Submitting and editing
 * release records and test deployments: DEVELOPER, TESTER, SUPPORT and ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseAuthorizationRules {

    @Bean
    AuthorizationRules releaseRules() {
        return rules -> rules
                // Feishu's card callback carries no platform token: its signature and Verification Token are checked
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/approvals/feishu/card-callback")
                .permitAll()
                // asking for an approval; deciding is open to every person and checked per request against the
                // approval policy (a named approver may have any role, as in Feishu)
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/approvals").hasAnyRole(Roles.OPERATORS)
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/approvals/*/decision")
                .hasAnyRole("VIEWER", "DEVELOPER", "TESTER", "SUPPORT", "ADMIN")
                .requestMatchers(Changes.to("/api/releases/*/deployments", "/api/releases/*/deployments/**",
                        "/api/deployments/**", "/api/releases/*/package", "/api/releases/*/package/**",
                        "/api/releases/*/packages/**", "/api/releases/*/skips/**", "/api/plans/**", "/api/schedules",
                        "/api/schedules/**", "/api/releases/*/rollouts", "/api/releases/*/rollouts/**",
                        "/api/rollouts/**"))
                .hasAnyRole(Roles.OPERATORS)
                .requestMatchers(Changes.to("/api/releases/*/test-deployments", "/api/releases/*/test-deployments/**",
                        "/api/releases", "/api/releases/**"))
                .hasAnyRole(Roles.SUBMITTERS);
    }
}
