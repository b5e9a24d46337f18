package io.inetpublish.common.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.springframework.context.MessageSourceResolvable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A text that is kept (a build's reason, a delivery's error) as what it says rather than in one language: a code of
 * the message catalogue ({@link Messages}) and its arguments, rendered when it is read, in the reader's language.
 * An argument is a string, a number or another stored text (a reason that quotes another one). Stored as JSON,
 * {@code {"code": "…", "args": ["…", 3, {"code": "…", "args": []}]}} (a {@code jsonb} column); an argument of another
 * kind (an address, an instant) is kept as its {@code toString()}. The same JSON in an event or a response (Jackson
 * writes and reads it so): {@code build.finished} carries a build's reason this way (docs/events.md).
 */
public record StoredText(String code, List<Object> args) {

    public StoredText {
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args.stream().map(StoredText::storable).toList());
    }

    public static StoredText of(String code, Object... args) {
        return new StoredText(code, args == null ? List.of() : java.util.Arrays.asList(args));
    }

    /** A catalogue message (an exception's reason, {@link Messages#of}) as a stored text, nested arguments too. */
    public static StoredText of(MessageSourceResolvable message) {
        String[] codes = message.getCodes();
        String code = codes == null || codes.length == 0 ? String.valueOf(message.getDefaultMessage()) : codes[0];
        Object[] args = message.getArguments();
        return of(code, args == null ? new Object[0] : args);
    }

    /** A string argument is kept up to this length (an outside system's answer can be long). */
    static final int MAX_ARG = 500;

    private static Object storable(Object arg) {
        return switch (arg) {
            case null -> "";
            case StoredText text -> text;
            case MessageSourceResolvable message -> of(message);
            case Integer i -> i.longValue();
            case Long l -> l;
            default -> {
                String s = arg.toString();
                yield s.length() <= MAX_ARG ? s : s.substring(0, MAX_ARG - 1) + "…";
            }
        };
    }

    /** To be resolved by a message source, nested texts in the same language. */
    public MessageSourceResolvable resolvable() {
        return Messages.of(code, args.stream().map(a -> a instanceof StoredText t ? t.resolvable() : a).toArray());
    }

    /** The text in {@code locale}; an unknown code is shown as it is. */
    public String render(Messages messages, Locale locale) {
        return messages.text(locale, resolvable());
    }

    /**
     * A column pair as the reader reads it: the stored text ({@link #toJson()}) in {@code locale}, else the text a
     * row from before stored texts kept as it was written, else null.
     */
    public static String render(String json, String legacy, Messages messages, Locale locale) {
        StoredText text = fromJson(json);
        return text == null ? legacy : text.render(messages, locale);
    }

    public String toJson() {
        return JsonMapper.shared().writeValueAsString(node());
    }

    @JsonValue
    ObjectNode node() {
        ObjectNode node = JsonMapper.shared().createObjectNode();
        node.put("code", code);
        ArrayNode list = node.putArray("args");
        for (Object arg : args) {
            switch (arg) {
                case StoredText text -> list.add(text.node());
                case Long l -> list.add(l);
                default -> list.add(arg.toString());
            }
        }
        return node;
    }

    /** The stored text of a column, or null when there is none (a row from before texts were stored as codes). */
    public static StoredText fromJson(String json) {
        return json == null || json.isBlank() ? null : of(JsonMapper.shared().readTree(json));
    }

    /** A stored text read from its JSON ({@link #toJson()}'s shape), as Jackson reads it from an event. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static StoredText of(JsonNode node) {
        List<Object> args = new ArrayList<>();
        for (JsonNode arg : node.path("args")) {
            if (arg.isObject()) {
                args.add(of(arg));
            } else if (arg.isIntegralNumber()) {
                args.add(arg.longValue());
            } else {
                args.add(arg.asString());
            }
        }
        return new StoredText(node.path("code").asString(), args);
    }
}
