package io.inetpublish.common.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an integration token (a machine's credential, created by an ADMIN in 集成设置) may do. auth-service puts the
 * granted scopes into the short access token it exchanges the integration token for ({@code scope} claim, space
 * separated, RFC 8693 §4.2 / RFC 9068); services see them as the authorities {@code SCOPE_<value>}. Such a token
 * carries no role, so it reaches only the endpoints that name its scope.
 */
public enum IntegrationScope {

    /** Report a main-branch build of a component: its mainline moves forward ({@code POST /api/components/{name}/mainline/reports}). */
    MAINLINE_REPORT("mainline:report"),

    /** Read the component catalog ({@code GET /api/components/**}). */
    COMPONENTS_READ("components:read");

    public static final String CLAIM = "scope";

    private final String value;

    IntegrationScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The Spring Security authority for this scope. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<IntegrationScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
