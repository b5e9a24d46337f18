package io.inetpublish.common.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service's OpenAPI description ({@code /v3/api-docs}) must say for a reader of the API reference: every
 * operation has a summary and belongs to a resource ({@code tags}) that is described, and every error answer
 * (4xx, 5xx) is a {@code Problem}. {@link #gaps} lists what is missing, one line per gap, so a test shows them all;
 * {@link #differences} what a copy of a description (the web app's, {@code web/openapi/}) says otherwise.
 */
public final class ApiDescriptions {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM = "#/components/schemas/Problem";

    private ApiDescriptions() {
    }

    /** Each gap of the description, as {@code "POST /api/x: no summary"}; empty when nothing is missing. */
    public static List<String> gaps(String openApiJson) {
        JsonNode api = JsonMapper.builder().build().readTree(openApiJson);
        List<String> gaps = new ArrayList<>();
        Set<String> describedTags = new java.util.HashSet<>();
        for (JsonNode tag : api.path("tags")) {
            if (!tag.path("description").asString("").isBlank()) {
                describedTags.add(tag.path("name").asString());
            }
        }
        if (!api.path("components").path("schemas").has("Problem")) {
            gaps.add("no Problem schema in components");
        }
        if (api.path("paths").isEmpty()) {
            gaps.add("no operation described at all");
        }
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                String name = method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                JsonNode operation = method.getValue();
                if (operation.path("summary").asString("").isBlank()) {
                    gaps.add(name + ": no summary");
                }
                if (operation.path("tags").isEmpty()) {
                    gaps.add(name + ": no tag");
                }
                for (JsonNode tag : operation.path("tags")) {
                    if (!describedTags.contains(tag.asString())) {
                        gaps.add(name + ": tag '" + tag.asString() + "' has no description");
                    }
                }
                for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                    String status = response.getKey();
                    if ((status.startsWith("4") || status.startsWith("5")) && !isProblem(response.getValue())) {
                        gaps.add(name + ": answer " + status + " is not a Problem");
                    }
                    if (response.getValue().path("description").asString("").isBlank()) {
                        gaps.add(name + ": answer " + status + " has no description");
                    }
                }
            }
        }
        return gaps;
    }

    /**
     * The description as a file for people and diffs: two spaces of indent, one property or element a line, as
     * {@code JSON.stringify(value, null, 2)} writes it, and a final newline.
     */
    public static String pretty(String json) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        JsonMapper mapper = JsonMapper.builder().build();
        return mapper.writer().with(printer).writeValueAsString(mapper.readTree(json)) + "\n";
    }

    /**
     * Where {@code copy} says something other than {@code original}, as {@code "/paths/~1api~1x/get/summary: copy
     * 'a', code 'b'"} (JSON pointers; the order of an object's properties does not count, an array's order does),
     * at most {@code limit} lines; empty when both say the same.
     */
    public static List<String> differences(String copy, String original, int limit) {
        JsonMapper mapper = JsonMapper.builder().build();
        List<String> out = new ArrayList<>();
        compare("", mapper.readTree(copy), mapper.readTree(original), out, limit);
        return out;
    }

    private static void compare(String pointer, JsonNode copy, JsonNode original, List<String> out, int limit) {
        if (out.size() >= limit || copy.equals(original)) {
            return;
        }
        if (copy.isObject() && original.isObject()) {
            Set<String> names = new java.util.TreeSet<>(copy.propertyNames());
            names.addAll(original.propertyNames());
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), copy.path(name),
                        original.path(name), out, limit);
            }
        } else if (copy.isArray() && original.isArray() && copy.size() == original.size()) {
            for (int i = 0; i < copy.size(); i++) {
                compare(pointer + "/" + i, copy.get(i), original.get(i), out, limit);
            }
        } else {
            out.add((pointer.isEmpty() ? "/" : pointer) + ": copy " + shortly(copy) + ", code " + shortly(original));
        }
    }

    private static String shortly(JsonNode node) {
        if (node.isMissingNode()) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static boolean isProblem(JsonNode response) {
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> media : content.properties()) {
            if (!PROBLEM.equals(media.getValue().path("schema").path("$ref").asString(""))) {
                return false;
            }
        }
        return true;
    }
}
