package io.inetpublish.auth.user;

/** What a platform user may do (PRODUCT.md, roles). */
public enum Role {
    VIEWER, DEVELOPER, TESTER, SUPPORT, ADMIN
}
