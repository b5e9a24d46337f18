package io.inetpublish.sandbox.oauth;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JSON object request body, whatever its declared charset, so malformed bodies get Feishu's own error. */
final class JsonBody {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonBody() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String raw) {
        try {
            Object value = MAPPER.readValue(raw, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IllegalArgumentException("not a JSON object");
        } catch (JacksonException ex) {
            throw new IllegalArgumentException(ex);
        }
    }
}
