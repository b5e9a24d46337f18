package io.inetpublish.release.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a timeline entry records besides its action, actor and time: facts (numbers, versions, names, counts), never
 * a sentence. The web app writes the sentence in the person's language (issue 16, item 5). Stored as JSON in
 * {@code release_timeline.facts}; the keys per action are listed in docs/timeline-facts.md.
 */
public final class TimelineFacts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> facts = new LinkedHashMap<>();

    private TimelineFacts() {
    }

    public static TimelineFacts with(String key, Object value) {
        return new TimelineFacts().and(key, value);
    }

    /** Adds a fact; a UUID or other value object is written as its text. */
    public TimelineFacts and(String key, Object value) {
        facts.put(key, value instanceof UUID || value instanceof java.time.Instant ? value.toString() : value);
        return this;
    }

    /** {@code [{component, version}]} */
    public static List<Map<String, Object>> versions(List<ReleaseItem> items) {
        return items.stream().map(i -> version(i.getComponent(), i.getVersion())).toList();
    }

    public static Map<String, Object> version(String component, String version) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("component", component);
        v.put("version", version);
        return v;
    }

    public Map<String, Object> asMap() {
        return facts;
    }

    public String json() {
        return JSON.writeValueAsString(facts);
    }

    public static String json(Map<String, Object> facts) {
        return JSON.writeValueAsString(facts);
    }
}
