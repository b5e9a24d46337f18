package io.inetpublish.common.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an English sentence the platform wrote before it kept such texts as codes back into its {@link StoredText},
 * by the very patterns of the English catalogue that wrote it: each pattern with its {@code {n}} as captures (the one
 * with the most literal text first), a captured argument that is itself such a sentence nested, digits as a number.
 * For what other services stored or were sent as English text: {@code build.finished}'s {@code reason} from a
 * build-service of the version before codes, and the timeline entries release-service recorded from it (V36_2).
 */
public final class EnglishTexts {

    private static final EnglishTexts BUILD_REASONS = of("build-reasons_en.properties");

    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,18}");

    private record Shape(String code, Pattern regex, int[] args, int literal) {
    }

    private final List<Shape> shapes;

    private EnglishTexts(List<Shape> shapes) {
        this.shapes = shapes;
    }

    /** A build's reasons (common's {@code build-reasons_en.properties}). */
    public static EnglishTexts buildReasons() {
        return BUILD_REASONS;
    }

    /** The patterns of one English catalogue file of the classpath. */
    static EnglishTexts of(String resource) {
        Properties catalogue = new Properties();
        try (InputStream in = EnglishTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no catalogue " + resource + " on the classpath");
            }
            catalogue.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<Shape> shapes = new ArrayList<>();
        for (String code : catalogue.stringPropertyNames()) {
            Shape shape = shape(code, catalogue.getProperty(code));
            if (shape != null) {
                shapes.add(shape);
            }
        }
        shapes.sort(Comparator.comparingInt(Shape::literal).reversed().thenComparing(Shape::code));
        return new EnglishTexts(List.copyOf(shapes));
    }

    /**
     * A pattern as Spring's MessageFormat writes it ({@code {n}} an argument, {@code ''} a quote, text in single quotes
     * literal; a text without arguments as it is) turned into an anchored regular expression; null for a pattern that
     * names an argument twice (none does).
     */
    private static Shape shape(String code, String pattern) {
        boolean formatted = pattern.contains("{");
        StringBuilder regex = new StringBuilder("^");
        StringBuilder literal = new StringBuilder();
        List<Integer> args = new ArrayList<>();
        int literalLength = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (formatted && c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end == i + 1) {
                    literal.append('\'');
                    i = end;
                } else {
                    end = end < 0 ? pattern.length() : end;
                    literal.append(pattern, i + 1, end);
                    i = end;
                }
            } else if (formatted && c == '{') {
                int end = pattern.indexOf('}', i);
                int n = Integer.parseInt(pattern.substring(i + 1, end).trim());
                if (args.contains(n)) {
                    return null;
                }
                args.add(n);
                literalLength += literal.length();
                regex.append(Pattern.quote(literal.toString())).append("(.+?)");
                literal.setLength(0);
                i = end;
            } else {
                literal.append(c);
            }
        }
        literalLength += literal.length();
        regex.append(Pattern.quote(literal.toString())).append('$');
        return new Shape(code, Pattern.compile(regex.toString(), Pattern.DOTALL),
                args.stream().mapToInt(Integer::intValue).toArray(), literalLength);
    }

    /** The stored text that writes {@code text} in English, or null when no pattern of the catalogue wrote it. */
    public StoredText read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Shape shape : shapes) {
            Matcher m = shape.regex().matcher(text);
            if (m.matches()) {
                Object[] args = new Object[java.util.Arrays.stream(shape.args()).max().orElse(-1) + 1];
                for (int g = 0; g < shape.args().length; g++) {
                    args[shape.args()[g]] = argument(m.group(g + 1));
                }
                return StoredText.of(shape.code(), args);
            }
        }
        return null;
    }

    private Object argument(String value) {
        if (DIGITS.matcher(value).matches()) {
            return Long.parseLong(value);
        }
        StoredText nested = read(value);
        return nested != null ? nested : value;
    }
}
