package io.inetpublish.customer.security;

import io.inetpublish.common.security.AuthorizationRules;
import io.inetpublish.common.security.Changes;
import io.inetpublish.common.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may change what here (the platform defaults do the rest: every read is open to any logged-in role, any other
 * change is ADMIN only): customers, environments (with their component versions) and the component catalog are
 * maintained by SUPPORT and ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class CustomerAuthorizationRules {

    @Bean
    AuthorizationRules customerRules() {
        return rules -> rules
                .requestMatchers(Changes.to("/api/customers/**", "/api/environments/**", "/api/components/**"))
                .hasAnyRole(Roles.OPERATORS);
    }
}
