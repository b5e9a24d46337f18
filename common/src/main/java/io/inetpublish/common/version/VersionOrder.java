package io.inetpublish.common.version;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * The platform's one version ordering (docs/product.md, "Versions"), used by compare, drift, impact search and "behind
 * mainline".
 * <ul>
 * <li>A leading {@code v}/{@code V} before a digit is ignored: {@code v2.3.1} equals {@code 2.3.1}.</li>
 * <li>The numeric part (digit groups separated by {@code .}) compares group by group as numbers
 * ({@code 2.3.10 > 2.3.9}, {@code 01 = 1}); when one runs out first, it sorts first ({@code 2.3 < 2.3.0 < 2.3.1}).</li>
 * <li>With equal numeric parts, the suffix decides. A suffix whose first word is a pre-release label ({@code alpha},
 * {@code beta}, {@code rc}, {@code pre}, {@code preview}, {@code snapshot}, {@code dev}, {@code m},
 * {@code milestone}, any case) sorts <em>before</em> the plain version; any other suffix (a fix such as
 * {@code hotfix.1}, {@code patch2}, {@code p1}, a build tag such as {@code b113}) sorts <em>after</em> it:
 * {@code 2.0.7-rc.1 < 2.0.7 < 2.0.7-hotfix.1 < 2.0.7-hotfix.2 < 2.0.8}.</li>
 * <li>Two suffixes of the same kind compare run by run: runs of digits as numbers, runs of letters
 * case-insensitively and alphabetically, a word before a number, the shorter first ({@code rc < rc.1 < rc.2 < rc10});
 * the separators {@code . _ + -} only separate runs.</li>
 * </ul>
 * The order is defined by {@link #sortKey(String)}, a string whose byte-wise order ({@code COLLATE "C"}) is the
 * order, so that PostgreSQL can range-scan and compare stored keys; the comparator compares those keys. Values that
 * break the {@link Version} grammar (only ever stored before it existed) still get a key: whatever precedes a numeric
 * part counts as a suffix.
 */
public final class VersionOrder implements Comparator<String> {

    public static final VersionOrder INSTANCE = new VersionOrder();

    /** The words that make a suffix a pre-release, lower case. */
    public static final Set<String> PRE_RELEASE_LABELS =
            Set.of("alpha", "beta", "rc", "pre", "preview", "snapshot", "dev", "m", "milestone");

    // Sort key alphabet; the byte order of these characters carries the rules above.
    private static final char PRE_RELEASE = '1';
    private static final char PLAIN = '2';
    private static final char POST_RELEASE = '3';
    private static final char TEXT = '4';
    private static final char NUMBER = '5';
    private static final char TEXT_END = '.';

    private VersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(sortKey(a).compareTo(sortKey(b)));
    }

    /** Versions that compare equal ({@code v2.3.1} and {@code 2.3.01}) are the same version. */
    public static boolean same(String a, String b) {
        return sortKey(a).equals(sortKey(b));
    }

    /**
     * A string whose byte-wise order ({@code COLLATE "C"}) is this ordering: equal versions get equal keys, and
     * {@code compare(a, b) < 0} exactly when {@code sortKey(a) < sortKey(b)}.
     */
    public static String sortKey(String version) {
        String v = version.strip();
        int i = 0;
        if (v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && isDigit(v.charAt(1))) {
            i = 1;
        }
        StringBuilder key = new StringBuilder(v.length() * 3 + 4);
        // numeric part: digit groups joined by '.', a '.' only when a digit follows
        if (i < v.length() && isDigit(v.charAt(i))) {
            while (true) {
                int start = i;
                while (i < v.length() && isDigit(v.charAt(i))) {
                    i++;
                }
                appendNumber(key, v.substring(start, i));
                if (i + 1 < v.length() && v.charAt(i) == '.' && isDigit(v.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
        }
        // suffix: everything after the numeric part and one separator
        if (i < v.length() && isSeparator(v.charAt(i))) {
            i++;
        }
        String suffix = v.substring(i);
        StringBuilder runs = new StringBuilder(suffix.length() * 3);
        String firstWord = null;
        boolean firstRun = true;
        int j = 0;
        while (j < suffix.length()) {
            char c = suffix.charAt(j);
            int start = j;
            if (isDigit(c)) {
                while (j < suffix.length() && isDigit(suffix.charAt(j))) {
                    j++;
                }
                appendNumber(runs, suffix.substring(start, j));
                firstRun = false;
            } else if (isLetter(c)) {
                while (j < suffix.length() && isLetter(suffix.charAt(j))) {
                    j++;
                }
                String word = suffix.substring(start, j).toLowerCase(Locale.ROOT);
                if (firstRun) {
                    firstWord = word;
                }
                runs.append(TEXT).append(word).append(TEXT_END);
                firstRun = false;
            } else {
                j++;
            }
        }
        if (firstRun) {
            key.append(PLAIN);
        } else {
            key.append(firstWord != null && PRE_RELEASE_LABELS.contains(firstWord) ? PRE_RELEASE : POST_RELEASE);
        }
        return key.append(runs).toString();
    }

    private static void appendNumber(StringBuilder key, String digits) {
        String number = digits.replaceFirst("^0+(?=.)", "");
        if (number.length() > 999) {
            throw new IllegalArgumentException("A number in a version has more than 999 digits");
        }
        key.append(NUMBER).append(String.format(Locale.ROOT, "%03d", number.length())).append(number);
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-' || c == '_' || c == '+';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
