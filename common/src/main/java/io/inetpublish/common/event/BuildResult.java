package io.inetpublish.common.event;

import java.util.Locale;

/**
 * How a build ended: Jenkins' own results ({@code hudson.model.Result}) and the two the platform adds. The names are
 * the values on the wire and in build-service's table.
 * <p>
 * A build has <em>completed</em> when it ran to its end and produced its output: {@link #SUCCESS}, and
 * {@link #UNSTABLE} (Jenkins' meaning: built and deployed, but tests or quality gates reported problems). Everything
 * that follows from completion follows from both (a test environment's versions are synced, the record becomes
 * TESTED, a package is usable and its bundle kept); every surface says when it was unstable. What each result means
 * for each consumer: docs/events.md, "Results".
 */
public enum BuildResult {
    SUCCESS,
    /** Completed with warnings: the output exists, tests or quality gates reported problems. */
    UNSTABLE,
    FAILURE,
    ABORTED,
    NOT_BUILT,
    /** The platform lost track of the build (Jenkins unreachable too long, or it forgot the build). */
    LOST,
    /** Jenkins built the package but the platform could not keep it; nothing is downloadable. */
    BUNDLE_FAILED;

    /** The build ran to its end and produced its output ({@link #SUCCESS} or {@link #UNSTABLE}). */
    public boolean completed() {
        return this == SUCCESS || this == UNSTABLE;
    }

    /**
     * Jenkins' {@code result} of a finished build. Jenkins knows {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE},
     * {@code NOT_BUILT} and {@code ABORTED}; anything else (a plugin's own result) is a {@link #FAILURE}, since
     * nothing says its output can be used.
     */
    public static BuildResult ofJenkins(String result) {
        return switch (result == null ? "" : result.toUpperCase(Locale.ROOT)) {
            case "SUCCESS" -> SUCCESS;
            case "UNSTABLE" -> UNSTABLE;
            case "NOT_BUILT" -> NOT_BUILT;
            case "ABORTED" -> ABORTED;
            default -> FAILURE;
        };
    }
}
