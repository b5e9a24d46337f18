package io.inetpublish.customer.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The platform's one version ordering (PRODUCT.md, "Versions"), used by compare, drift, impact search and "behind
 * mainline".
 * <ul>
 * <li>A leading {@code v}/{@code V} before a digit is ignored: {@code v2.3.1} equals {@code 2.3.1}.</li>
 * <li>The text up to the first {@code -} is the main part, the rest a pre-release suffix.</li>
 * <li>Each part is split into runs of digits (numbers, compared by value: {@code 2.3.10 > 2.3.9}, {@code 01 = 1}) and
 * runs of ASCII letters (compared case-insensitively); every other character only separates runs.</li>
 * <li>Runs are compared pairwise; a text run sorts before a number ({@code 2.x < 2.0}); when one list runs out first,
 * the shorter sorts first ({@code 2.3 < 2.3.0 < 2.3.1}).</li>
 * <li>With equal main parts, a version with a pre-release suffix sorts before the plain one
 * ({@code 2.3.1-rc1 < 2.3.1}); two suffixes compare like main parts ({@code rc2 < rc10}).</li>
 * </ul>
 * The same order is available as a string, {@link #sortKey(String)}, whose byte-wise order equals this comparator's,
 * so that PostgreSQL can range-scan and compare stored keys without loading rows into memory.
 */
public final class VersionOrder implements Comparator<String> {

    public static final VersionOrder INSTANCE = new VersionOrder();

    /** What a version may look like: starts with a letter or digit, then letters, digits and {@code . _ + -}. */
    public static final String VALID = "[0-9A-Za-z][0-9A-Za-z._+-]*";

    public static final int MAX_LENGTH = 100;

    private static final Pattern VALID_PATTERN = Pattern.compile(VALID);

    // Sort key alphabet; byte order of these characters carries the ordering rules above.
    private static final char END_BEFORE_SUFFIX = '1';
    private static final char END_PLAIN = '2';
    private static final char TEXT = '4';
    private static final char NUMBER = '5';
    private static final char TEXT_END = '.';

    private VersionOrder() {
    }

    /** True when {@code version} is acceptable as a stored version (non-blank, short, plain characters). */
    public static boolean isValid(String version) {
        return version != null && version.length() <= MAX_LENGTH && VALID_PATTERN.matcher(version).matches();
    }

    @Override
    public int compare(String a, String b) {
        Parsed left = Parsed.of(a);
        Parsed right = Parsed.of(b);
        int main = compareRuns(left.main, right.main);
        if (main != 0) {
            return main;
        }
        if (left.suffix == null || right.suffix == null) {
            return left.suffix == right.suffix ? 0 : left.suffix == null ? 1 : -1;
        }
        return compareRuns(left.suffix, right.suffix);
    }

    /** Versions that compare equal ({@code v2.3.1} and {@code 2.3.01}) are the same version. */
    public static boolean same(String a, String b) {
        return INSTANCE.compare(a, b) == 0;
    }

    /**
     * A string whose byte-wise order ({@code COLLATE "C"}) is this ordering: equal versions get equal keys, and
     * {@code compare(a, b) < 0} exactly when {@code sortKey(a) < sortKey(b)}.
     */
    public static String sortKey(String version) {
        Parsed parsed = Parsed.of(version);
        StringBuilder key = new StringBuilder(version.length() * 3);
        appendRuns(key, parsed.main);
        if (parsed.suffix == null) {
            key.append(END_PLAIN);
        } else {
            key.append(END_BEFORE_SUFFIX);
            appendRuns(key, parsed.suffix);
        }
        return key.toString();
    }

    private static void appendRuns(StringBuilder key, List<Run> runs) {
        for (Run run : runs) {
            if (run.number) {
                if (run.text.length() > 999) {
                    throw new IllegalArgumentException("A number in a version has more than 999 digits");
                }
                key.append(NUMBER).append(String.format(Locale.ROOT, "%03d", run.text.length())).append(run.text);
            } else {
                key.append(TEXT).append(run.text).append(TEXT_END);
            }
        }
    }

    private static int compareRuns(List<Run> a, List<Run> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** One run of digits (without leading zeros) or of lower-cased letters. */
    private record Run(boolean number, String text) implements Comparable<Run> {

        @Override
        public int compareTo(Run other) {
            if (number != other.number) {
                return number ? 1 : -1;
            }
            if (number && text.length() != other.text.length()) {
                return Integer.compare(text.length(), other.text.length());
            }
            return Integer.signum(text.compareTo(other.text));
        }
    }

    private record Parsed(List<Run> main, List<Run> suffix) {

        static Parsed of(String version) {
            String v = version.strip();
            if (v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && isDigit(v.charAt(1))) {
                v = v.substring(1);
            }
            int dash = v.indexOf('-');
            return dash < 0 ? new Parsed(runs(v), null)
                    : new Parsed(runs(v.substring(0, dash)), runs(v.substring(dash + 1)));
        }

        private static List<Run> runs(String part) {
            List<Run> runs = new ArrayList<>();
            int i = 0;
            while (i < part.length()) {
                char c = part.charAt(i);
                int start = i;
                if (isDigit(c)) {
                    while (i < part.length() && isDigit(part.charAt(i))) {
                        i++;
                    }
                    String digits = part.substring(start, i).replaceFirst("^0+(?=.)", "");
                    runs.add(new Run(true, digits));
                } else if (isLetter(c)) {
                    while (i < part.length() && isLetter(part.charAt(i))) {
                        i++;
                    }
                    runs.add(new Run(false, part.substring(start, i).toLowerCase(Locale.ROOT)));
                } else {
                    i++;
                }
            }
            return runs;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }
}
