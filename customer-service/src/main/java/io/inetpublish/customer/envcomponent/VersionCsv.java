package io.inetpublish.customer.envcomponent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.inetpublish.common.web.FieldException;
import io.inetpublish.customer.envcomponent.InvalidItemsException.FieldProblem;
import io.inetpublish.customer.component.Component;
import io.inetpublish.common.version.Version;

/**
 * Reads a component-version import: one {@code component,version} per line, an optional header line
 * {@code component,version}, blank lines and {@code #} comments ignored, fields optionally in double quotes. Errors
 * are reported per line as field {@code line N}. A file with more component lines than the configured maximum is
 * refused as a whole (field {@code file}) before any line is checked.
 */
final class VersionCsv {

    /** One good line. */
    record Line(int number, String component, String version) {
    }

    record Result(List<Line> lines, List<FieldProblem> errors) {
    }

    private VersionCsv() {
    }

    static Result read(String text, int maxLines) {
        List<Line> lines = new ArrayList<>();
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] raw = (text == null ? "" : text.replace("\uFEFF", "")).split("\\R", -1);
        int count = countComponentLines(raw);
        if (count > maxLines) {
            throw new FieldException("file", "csv.too-many-lines", count, maxLines);
        }
        boolean first = true;
        for (int i = 0; i < raw.length; i++) {
            int number = i + 1;
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (first && isHeader(line)) {
                first = false;
                continue;
            }
            first = false;
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                errors.add(problem(number, "csv.field-count", fields.length));
                continue;
            }
            String component = unquote(fields[0]);
            String version = unquote(fields[1]);
            if (component.isEmpty() || component.length() > 100 || !component.matches(Component.NAME_PATTERN)) {
                errors.add(problem(number, "csv.component-name", component));
            } else if (!Version.isValid(version)) {
                errors.add(problem(number, Version.INVALID_VALUE, version));
            } else if (seen.containsKey(component)) {
                errors.add(problem(number, "csv.component-twice", component, seen.get(component)));
            } else {
                seen.put(component, number);
                lines.add(new Line(number, component, version));
            }
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldProblem("file", "csv.empty"));
        }
        return new Result(lines, errors);
    }

    /** Lines that are neither blank, a comment nor the header. */
    private static int countComponentLines(String[] raw) {
        int count = 0;
        boolean first = true;
        for (String value : raw) {
            String line = value.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!(first && isHeader(line))) {
                count++;
            }
            first = false;
        }
        return count;
    }

    private static boolean isHeader(String line) {
        return line.replace(" ", "").replace("\"", "").equalsIgnoreCase("component,version");
    }

    static FieldProblem problem(int line, String code, Object... args) {
        return new FieldProblem("line " + line, code, args);
    }

    private static String unquote(String field) {
        String value = field.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
