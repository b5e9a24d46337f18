package io.inetpublish.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The operator endpoints of a service live on its management port ({@code management.server.port}, the service port
 * + 1000 by default), which is never published and, in the local run, bound to 127.0.0.1. There health, info and
 * Prometheus metrics stay open (Prometheus and health checks carry no token); the dead letters, which show event
 * bodies and can be sent back, need an ADMIN token. The same paths on the service port are no exception to the
 * service's rules (they are not served there at all).
 */
public final class ManagementRequests {

    private ManagementRequests() {
    }

    /** Requests that arrived on the management port (the port the management server actually listens on). */
    public static RequestMatcher onManagementPort(Environment environment) {
        return request -> isManagementPort(environment, request);
    }

    /** These paths, on the management port only. */
    public static RequestMatcher onManagementPort(Environment environment, String... patterns) {
        RequestMatcher[] paths = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            paths[i] = PathPatternRequestMatcher.withDefaults().matcher(patterns[i]);
        }
        return new AndRequestMatcher(onManagementPort(environment), new OrRequestMatcher(paths));
    }

    /** Applies the management port's rules; call before a service's own rules. */
    public static void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
            Environment environment) {
        rules.requestMatchers(onManagementPort(environment, "/actuator/deadletters", "/actuator/deadletters/**"))
                .hasRole(Role.ADMIN.name());
        rules.requestMatchers(onManagementPort(environment, "/actuator", "/actuator/**")).permitAll();
    }

    private static boolean isManagementPort(Environment environment, HttpServletRequest request) {
        Integer port = environment.getProperty("local.management.port", Integer.class);
        return port != null && port > 0 && request.getLocalPort() == port;
    }
}
