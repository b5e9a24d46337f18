package io.inetpublish.sandbox.feishu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.inetpublish.sandbox.feishu.DemoUsers.DemoUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feishu's contact API as far as the platform uses it (docs/feishu-contact.md): {@code POST
 * /open-apis/contact/v3/users/batch_get_id} (e-mail → open_id; an e-mail nobody has comes back without
 * {@code user_id}) and {@code GET /open-apis/contact/v3/users/:user_id} (name and e-mail; 41012 for an unknown id,
 * 41050 for someone outside the app's contact scope). Tenant token errors and rate limits as for messaging.
 */
@RestController
@RequestMapping("/open-apis/contact/v3")
class FeishuContactController {

    private static final Set<String> ID_TYPES = Set.of("open_id", "union_id", "user_id");
    private static final int MAX_PER_LIST = 50;

    private final TenantTokens tokens;
    private final DemoUsers users;
    private final RateWindows limits;
    private final JsonMapper json;

    FeishuContactController(TenantTokens tokens, DemoUsers users, RateWindows limits, JsonMapper json) {
        this.tokens = tokens;
        this.users = users;
        this.limits = limits;
        this.json = json;
    }

    @PostMapping("/users/batch_get_id")
    ResponseEntity<Map<String, Object>> batchGetId(
            @RequestParam(name = "user_id_type", defaultValue = "open_id") String idType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        Optional<ResponseEntity<Map<String, Object>>> refused = refuse(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!ID_TYPES.contains(idType)) {
            return fieldViolation("user_id_type", "user_id_type must be one of open_id, union_id, user_id");
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return fieldViolation("body", "the body is not a JSON object");
        }
        List<String> emails = strings(request.path("emails"));
        List<String> mobiles = strings(request.path("mobiles"));
        if (emails.size() > MAX_PER_LIST) {
            return fieldViolation("emails", "the max len is " + MAX_PER_LIST);
        }
        if (mobiles.size() > MAX_PER_LIST) {
            return fieldViolation("mobiles", "the max len is " + MAX_PER_LIST);
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (String email : emails) {
            Map<String, Object> entry = new LinkedHashMap<>();
            users.find("email", email).ifPresent(u -> {
                entry.put("user_id", id(u, idType));
                entry.put("status", status());
            });
            entry.put("email", email);
            found.add(entry);
        }
        for (String mobile : mobiles) {
            // the sandbox's people have no mobile numbers: nobody is found, as for an unknown number
            found.add(Map.of("mobile", mobile));
        }
        return ok(Map.of("user_list", found));
    }

    @GetMapping("/users/{userId}")
    ResponseEntity<Map<String, Object>> user(@PathVariable String userId,
            @RequestParam(name = "user_id_type", defaultValue = "open_id") String idType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Optional<ResponseEntity<Map<String, Object>>> refused = refuse(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!ID_TYPES.contains(idType)) {
            return fieldViolation("user_id_type", "user_id_type must be one of open_id, union_id, user_id");
        }
        Optional<DemoUser> user = users.find(idType, userId);
        if (user.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, 41012, "user id invalid error");
        }
        DemoUser u = user.get();
        if (!u.availableToApp()) {
            return error(HttpStatus.BAD_REQUEST, 41050, "no user authority");
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("union_id", u.unionId());
        profile.put("user_id", u.userId());
        profile.put("open_id", u.openId());
        profile.put("name", u.name());
        profile.put("en_name", u.enName());
        profile.put("email", u.email());
        profile.put("status", status());
        return ok(Map.of("user", profile));
    }

    private Optional<ResponseEntity<Map<String, Object>>> refuse(String authorization) {
        ResponseEntity<Map<String, Object>> answer = switch (tokens.check(authorization)) {
            case MISSING -> error(HttpStatus.BAD_REQUEST, 99991661,
                    "Missing access token for authorization. Please make a request with token attached.");
            case MALFORMED -> error(HttpStatus.BAD_REQUEST, 99991671, "Invalid access token for authorization. "
                    + "Please make a request with token attached, token must start with t- or u-.");
            case UNKNOWN -> error(HttpStatus.BAD_REQUEST, 99991663, "Invalid access token for authorization.");
            case EXPIRED -> error(HttpStatus.BAD_REQUEST, 99991677, "token expire");
            case VALID -> null;
        };
        if (answer != null) {
            return Optional.of(answer);
        }
        long wait = limits.acquire("contact", 50, Duration.ofSeconds(1));
        if (wait == 0) {
            wait = limits.acquire("contact-min", 1000, Duration.ofMinutes(1));
        }
        if (wait > 0) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", 99991400);
            body.put("msg", "request trigger frequency limit");
            return Optional.of(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("x-ogw-ratelimit-limit", "50").header("x-ogw-ratelimit-reset", String.valueOf(wait))
                    .body(body));
        }
        return Optional.empty();
    }

    private static String id(DemoUser u, String idType) {
        return switch (idType) {
            case "union_id" -> u.unionId();
            case "user_id" -> u.userId();
            default -> u.openId();
        };
    }

    private static Map<String, Object> status() {
        return Map.of("is_frozen", false, "is_resigned", false, "is_activated", true, "is_exited", false,
                "is_unjoin", false);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asString("")));
        }
        return out;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException ex) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 0);
        answer.put("msg", "success");
        answer.put("data", data);
        return ResponseEntity.ok(answer);
    }

    private static ResponseEntity<Map<String, Object>> fieldViolation(String field, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", 99992402);
        answer.put("msg", "field validation failed");
        answer.put("error", Map.of("log_id", "sandbox" + System.nanoTime(),
                "field_violations", List.of(Map.of("field", field, "description", description))));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(answer);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, int code, String msg) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("msg", msg);
        answer.put("error", Map.of("log_id", "sandbox" + System.nanoTime()));
        return ResponseEntity.status(status).body(answer);
    }
}
