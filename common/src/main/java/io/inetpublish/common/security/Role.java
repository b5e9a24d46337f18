package io.inetpublish.common.security;

/**
 * What a platform user may do (docs/product.md). The access token carries it in its {@code roles} claim; services
 * see it as the authority {@code ROLE_<name>}.
 */
public enum Role {
    VIEWER, DEVELOPER, TESTER, SUPPORT, ADMIN;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
