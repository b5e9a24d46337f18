package io.inetpublish.notify.feishu;

import java.util.Map;
import java.util.Set;

/** Feishu's error codes as docs/integrations.md §2 documents them, and what each means for a retry. */
final class FeishuCodes {

    static final int OK = 0;
    /** global rate limit (HTTP 429 with {@code x-ogw-ratelimit-reset}) */
    static final int RATE_LIMITED = 99991400;
    /** im/v1/messages: sending too often (to the same user) */
    static final int FREQUENCY_LIMIT = 230020;
    /** webhook: sending on the hour / half hour throttled */
    static final int WEBHOOK_THROTTLED = 11232;
    /** webhook: malformed body — or, seen in third-party code, "too many request" */
    static final int WEBHOOK_BAD_REQUEST = 9499;

    /** the tenant token is missing, invalid or expired: fetch a new one and retry */
    static final Set<Integer> TOKEN_INVALID = Set.of(99991661, 99991663, 99991664, 99991671, 99991677);

    /** im/v1/messages errors that no retry can fix */
    static final Map<Integer, String> MESSAGE_PERMANENT = Map.of(
            230001, "bad parameter",
            230002, "bot is not in the chat",
            230006, "bot ability not enabled for the app",
            230013, "user is outside the app's availability",
            230025, "content too long",
            230034, "invalid receive_id",
            230035, "permission denied",
            230053, "user has blocked the bot");

    /**
     * {@code PATCH im/v1/messages/:message_id} errors that no retry can fix (docs/feishu-card-callback.md §7); 230020
     * (this message updated too often, 5 a second) waits and retries like a send's frequency limit
     */
    static final Map<Integer, String> UPDATE_PERMANENT = Map.ofEntries(
            Map.entry(230001, "bad parameter (an unknown message id, or a message that is not a card)"),
            Map.entry(230002, "bot is not in the chat"),
            Map.entry(230006, "bot ability not enabled for the app"),
            Map.entry(230011, "the message was recalled"),
            Map.entry(230025, "content too long"),
            Map.entry(230027, "the app lacks the permission to update messages"),
            Map.entry(230028, "the card did not pass Feishu's content review"),
            Map.entry(230031, "a message can only be updated within 14 days after it was sent"),
            Map.entry(230099, "Feishu could not build the card (for example: not a shared card, config.update_multi)"),
            Map.entry(230110, "the message was deleted"));

    /** webhook errors that no retry can fix */
    static final Map<Integer, String> WEBHOOK_PERMANENT = Map.of(
            9499, "malformed request body",
            19001, "webhook access token invalid",
            19002, "bad msg_type",
            19007, "bot not enabled",
            19021, "signature check failed (signing secret wrong, or clock off by more than an hour)",
            19022, "IP not allowed by the bot's whitelist",
            19024, "keyword missing from the message");

    private FeishuCodes() {
    }
}
