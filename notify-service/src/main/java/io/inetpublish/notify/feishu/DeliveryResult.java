package io.inetpublish.notify.feishu;

import java.time.Duration;

import io.inetpublish.common.i18n.StoredText;

/** What became of one attempt to deliver a message to Feishu; an error is stored as it is (read in the reader's language). */
public sealed interface DeliveryResult {

    /** Delivered; {@code messageId} is Feishu's {@code om_…} for app messages, null for webhooks. */
    record Sent(String messageId) implements DeliveryResult {
    }

    /**
     * Feishu asked us to slow down; try again after {@code wait} ({@code x-ogw-ratelimit-reset} when given).
     *
     * @param wholeApp the limit is the app's (or the bot's) rather than one recipient's
     */
    record RateLimited(Duration retryAfter, StoredText error, boolean wholeApp) implements DeliveryResult {
    }

    /** Worth trying again later (5xx, network, token trouble, unknown codes). */
    record Transient(StoredText error) implements DeliveryResult {
    }

    /** Will never succeed as is (user outside availability, bot not in chat, bad webhook, bad signature…). */
    record Permanent(StoredText error) implements DeliveryResult {
    }
}
