package io.inetpublish.common.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An affected range for impact search: alternatives separated by {@code ,} or {@code ||}; each alternative is one or
 * more comparisons separated by blanks that must all hold, e.g. {@code <2.3.4}, {@code >=2.1.0 <2.3.4},
 * {@code =2.2.0}, {@code =2.2.0,=2.2.1}. A bare version means {@code =}. Each version follows {@link Version}'s grammar;
 * comparisons use {@link VersionOrder}.
 */
public record VersionRange(List<List<Bound>> alternatives) {

    private static final Pattern COMPARISON = Pattern.compile("\\s*(<=|>=|<|>|==|=)?\\s*([^\\s<>=,|]+)\\s*");

    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        /** The SQL comparison operator, for comparing sort keys. */
        public String sql() {
            return sql;
        }

        boolean test(int comparison) {
            return switch (this) {
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case EQ -> comparison == 0;
            };
        }
    }

    /** One comparison against a version; {@link #sortKey()} is that version's {@link VersionOrder#sortKey}. */
    public record Bound(Op op, String version) {

        public String sortKey() {
            return VersionOrder.sortKey(version);
        }
    }

    /**
     * A malformed range: its message is a code of the catalogue ({@code common-messages*.properties}) with
     * {@link #args()}, for the door to report under its field.
     */
    public static final class InvalidRangeException extends IllegalArgumentException {

        private final transient Object[] args;

        InvalidRangeException(String code, Object... args) {
            super(code);
            this.args = args;
        }

        public String code() {
            return getMessage();
        }

        public Object[] args() {
            return args.clone();
        }
    }

    /** Parses a range; a malformed one fails with an {@link InvalidRangeException} that says why. */
    public static VersionRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRangeException("range.blank");
        }
        if (text.length() > 1000) {
            throw new InvalidRangeException("range.too-long", 1000);
        }
        List<List<Bound>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\||,", -1)) {
            if (alternative.isBlank()) {
                throw new InvalidRangeException("range.empty-alternative", text.strip());
            }
            List<Bound> bounds = new ArrayList<>();
            Matcher m = COMPARISON.matcher(alternative);
            int at = 0;
            while (at < alternative.length()) {
                if (!m.find(at) || m.start() != at || m.end() == at) {
                    throw new InvalidRangeException("range.unreadable", alternative.substring(at).strip());
                }
                String version = m.group(2);
                if (!Version.isValid(version)) {
                    throw new InvalidRangeException(Version.INVALID_VALUE, version);
                }
                bounds.add(new Bound(op(m.group(1)), version));
                at = m.end();
            }
            alternatives.add(List.copyOf(bounds));
        }
        return new VersionRange(List.copyOf(alternatives));
    }

    /** Whether a version lies in this range (the in-memory twin of the SQL impact search uses). */
    public boolean contains(String version) {
        return alternatives.stream().anyMatch(all -> all.stream()
                .allMatch(b -> b.op().test(VersionOrder.INSTANCE.compare(version, b.version()))));
    }

    private static Op op(String symbol) {
        if (symbol == null) {
            return Op.EQ;
        }
        return switch (symbol) {
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            default -> Op.EQ;
        };
    }
}
