package io.inetpublish.common.security;

/** The classes of endpoints of the issue, as role-name lists for {@code hasAnyRole(...)}. */
public final class Roles {

    /** Submit release records, trigger test deployments. */
    public static final String[] SUBMITTERS = {"DEVELOPER", "TESTER", "SUPPORT", "ADMIN"};

    /** Packaging, customer deployments, customers/environments/components, schedules. */
    public static final String[] OPERATORS = {"SUPPORT", "ADMIN"};

    /** Settings and users. */
    public static final String[] ADMINS = {"ADMIN"};

    private Roles() {
    }
}
