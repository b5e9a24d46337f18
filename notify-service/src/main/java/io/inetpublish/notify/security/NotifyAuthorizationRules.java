package io.inetpublish.notify.security;

import io.inetpublish.common.security.AuthorizationRules;
import io.inetpublish.common.security.Changes;
import io.inetpublish.common.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may do what here (the platform defaults do the rest: every read is open to any logged-in role, any other
 * change is ADMIN only). Feishu settings: ADMIN, reading included (app credentials, webhooks). Resending a
 * notification: SUPPORT and ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class NotifyAuthorizationRules {

    @Bean
    AuthorizationRules notifyRules() {
        return rules -> rules
                .requestMatchers("/api/notifications/settings", "/api/notifications/settings/**")
                .hasAnyRole(Roles.ADMINS)
                .requestMatchers(Changes.to("/api/notifications/*/resend")).hasAnyRole(Roles.OPERATORS);
    }
}
