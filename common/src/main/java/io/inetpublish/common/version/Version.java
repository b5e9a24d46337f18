package io.inetpublish.common.version;

import java.util.regex.Pattern;

/**
 * The platform's one version grammar (docs/product.md, "Versions"), checked at every door a version enters by: release
 * items, environment components, mainline, CSV import, impact ranges, version sync, and build-service before a
 * version reaches Jenkins.
 * <p>
 * A version is an optional {@code v}/{@code V}, a numeric part of digit groups separated by {@code .}, then an
 * optional suffix: runs of ASCII letters and digits, joined by single {@code . _ + -} (the first may also follow
 * the numeric part directly): {@code 2.3.1}, {@code v2.3.10}, {@code 2.3.1-hotfix.2}, {@code 2024.07.01-b113},
 * {@code 1.0.0-rc1}, {@code 1.0.0+build.5}. At most {@value #MAX_LENGTH} characters. Nothing else: no blanks,
 * slashes, {@code = , $ ( )} or other characters that would change meaning in a Jenkins parameter, a CSV line or a
 * range.
 */
public final class Version {

    public static final int MAX_LENGTH = 100;

    /**
     * The grammar as a regular expression (possessive quantifiers: no backtracking, so a long hostile input costs
     * linear time). Also usable in {@code @Pattern} and in the web app.
     */
    public static final String PATTERN =
            "[vV]?+[0-9]++(?:\\.[0-9]++)*+(?:[._+-]?+[0-9A-Za-z]++(?:[._+-][0-9A-Za-z]++)*+)?+";

    /**
     * The one error text for a field that is not a version, the same at every door: a code of the catalogue
     * ({@code common-messages*.properties}), in the request's language.
     */
    public static final String INVALID = "version.invalid";

    /** The same text naming the value, for doors that report a value rather than a field: {@code {0}} the value. */
    public static final String INVALID_VALUE = "version.invalid-value";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Version() {
    }

    /** True when {@code version} follows the grammar (null, blank and over-long values do not). */
    public static boolean isValid(String version) {
        return version != null && version.length() <= MAX_LENGTH && COMPILED.matcher(version).matches();
    }

}
