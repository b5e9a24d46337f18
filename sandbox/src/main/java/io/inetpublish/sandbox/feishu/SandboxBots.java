package io.inetpublish.sandbox.feishu;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The custom group bots of the sandbox: each has a webhook token ({@code /open-apis/bot/v2/hook/<token>}), a group
 * name and optionally a signing secret. Two exist from the start; more can be added at
 * {@code POST /sandbox/feishu/bots}.
 */
@Component
class SandboxBots {

    record Bot(String token, String groupName, String secret) {
    }

    private final Map<String, Bot> bots = new ConcurrentHashMap<>();

    SandboxBots() {
        add(new Bot("sandbox-dev-group", "研发群", null));
        add(new Bot("sandbox-release-group", "发布通知群", "sandbox-sign-secret"));
    }

    void add(Bot bot) {
        bots.put(bot.token(), bot);
    }

    Optional<Bot> find(String token) {
        return Optional.ofNullable(bots.get(token));
    }

    List<Bot> all() {
        return bots.values().stream().sorted((a, b) -> a.token().compareTo(b.token())).toList();
    }
}
