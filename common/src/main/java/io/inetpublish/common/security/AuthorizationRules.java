package io.inetpublish.common.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's per-endpoint role rules. Declare one bean in the service's {@code security} package, e.g.
 * <pre>{@code
 * @Bean
 * AuthorizationRules customerRules() {
 *     return rules -> rules
 *             .requestMatchers(HttpMethod.POST, "/api/customers/**").hasAnyRole(Roles.OPERATORS);
 * }
 * }</pre>
 * They are applied after the open operator endpoints and before the platform defaults: every other read
 * (GET/HEAD) is open to any logged-in role, and every other change is ADMIN only.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
