package io.inetpublish.notify.feishu;

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

    /** im/v1/messages errors that no retry can fix; what each means is {@code delivery.feishu.<code>} in messages */
    static final Set<Integer> MESSAGE_PERMANENT = Set.of(230001, 230002, 230006, 230013, 230025, 230034, 230035,
            230053);

    /**
     * {@code PATCH im/v1/messages/:message_id} errors that no retry can fix (docs/feishu-card-callback.md §7); what each
     * means is {@code delivery.update.<code>} in messages. 230020 (this message updated too often, 5 a second) waits
     * and retries like a send's frequency limit
     */
    static final Set<Integer> UPDATE_PERMANENT = Set.of(230001, 230002, 230006, 230011, 230025, 230027, 230028, 230031,
            230099, 230110);

    /** webhook errors that no retry can fix; what each means is {@code delivery.webhook.<code>} in messages */
    static final Set<Integer> WEBHOOK_PERMANENT = Set.of(9499, 19001, 19002, 19007, 19021, 19022, 19024);

    private FeishuCodes() {
    }
}
