package io.inetpublish.common.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the requests that change something (POST, PUT, PATCH, DELETE) under the given path patterns, for
 * {@link AuthorizationRules}: {@code rules.requestMatchers(Changes.to("/api/customers/**")).hasAnyRole(Roles.OPERATORS)}.
 */
public final class Changes {

    private static final List<HttpMethod> METHODS = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private Changes() {
    }

    public static RequestMatcher to(String... patterns) {
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            for (HttpMethod method : METHODS) {
                matchers.add(PathPatternRequestMatcher.pathPattern(method, pattern));
            }
        }
        return new OrRequestMatcher(matchers);
    }
}
