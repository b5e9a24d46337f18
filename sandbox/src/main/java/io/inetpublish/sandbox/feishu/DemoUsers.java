package io.inetpublish.sandbox.feishu;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The people of the sandbox tenant. Shared by the messaging half (who can receive app bot messages) and the OAuth
 * login half (who can be picked on the authorize page; {@code user_info} answers these fields).
 */
@Component
public class DemoUsers {

    /**
     * One demo person.
     *
     * @param availableToApp false for someone outside the app's availability (messages answer code 230013)
     */
    public record DemoUser(String openId, String unionId, String userId, String name, String enName, String email,
            boolean availableToApp) {
    }

    private final List<DemoUser> users = List.of(
            new DemoUser("ou_5ad573a6411d72b8305fda3a9c15c70e", "on_94a1ee5551019f18cd73d9f111898cf2", "zhangsan01",
                    "张三", "San Zhang", "zhangsan@example.com", true),
            new DemoUser("ou_7dab8a3d3cdcc9da365777c7ad535d62", "on_2f8c1e3d5a6b7c8d9e0f1a2b3c4d5e6f", "lisi02",
                    "李四", "Si Li", "lisi@example.com", true),
            new DemoUser("ou_84aad35d084aa403a838cf73ee18467b", "on_7c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d", "wangwu03",
                    "王五", "Wu Wang", "wangwu@example.com", true),
            new DemoUser("ou_0f1e2d3c4b5a69788796a5b4c3d2e1f0", "on_0a1b2c3d4e5f60718293a4b5c6d7e8f9", "zhaoliu04",
                    "赵六", "Liu Zhao", "zhaoliu@example.com", false),
            // a colleague who never logs in to the platform by himself: an admin adds him by e-mail (issue 15)
            new DemoUser("ou_3c9a1f7e2b5d48c6a0e19f7b3d2c5a81", "on_5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b", "sunqi05",
                    "孙七", "Qi Sun", "sunqi@example.com", true));

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
