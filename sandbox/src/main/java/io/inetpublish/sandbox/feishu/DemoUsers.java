package io.inetpublish.sandbox.feishu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people of the sandbox tenant. Shared by the messaging half (who can receive app bot messages) and the OAuth
 * login half (who can be picked on the authorize page; {@code user_info} answers these fields). They are the demo's
 * people, defined once in {@code demo/demo-data.json} (packaged into the jar as {@value #RESOURCE}).
 */
@Component
public class DemoUsers {

    static final String RESOURCE = "/demo/demo-data.json";

    /**
     * One demo person.
     *
     * @param availableToApp false for someone outside the app's availability (messages answer code 230013)
     */
    public record DemoUser(String openId, String unionId, String userId, String name, String enName, String email,
            boolean availableToApp) {
    }

    private final List<DemoUser> users;

    public DemoUsers() {
        this.users = load();
    }

    private static List<DemoUser> load() {
        try (InputStream in = DemoUsers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (the sandbox's pom copies it)");
            }
            JsonNode people = JsonMapper.builder().build().readTree(in).required("people");
            return people.valueStream().map(p -> new DemoUser(p.required("openId").asString(),
                    p.required("unionId").asString(), p.required("userId").asString(), p.required("name").asString(),
                    p.required("enName").asString(), p.required("email").asString(),
                    p.required("availableToApp").asBoolean())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<DemoUser> all() {
        return users;
    }

    public Optional<DemoUser> byOpenId(String openId) {
        return users.stream().filter(u -> u.openId().equals(openId)).findFirst();
    }

    /** Looks a person up by the given {@code receive_id_type} ({@code open_id}, {@code union_id}, {@code user_id}, {@code email}). */
    public Optional<DemoUser> find(String idType, String id) {
        return users.stream().filter(u -> switch (idType) {
            case "open_id" -> u.openId().equals(id);
            case "union_id" -> u.unionId().equals(id);
            case "user_id" -> u.userId().equals(id);
            case "email" -> u.email().equalsIgnoreCase(id);
            default -> false;
        }).findFirst();
    }
}
