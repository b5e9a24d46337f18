package io.inetpublish.sandbox.feishu;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/** What the sandbox's Feishu received, newest first (the last 1000 messages). */
@Component
class SandboxInbox {

    private static final int KEEP = 1000;

    /**
     * One delivered message.
     *
     * @param channel {@code USER} (app bot to a person) or {@code GROUP} (custom bot webhook)
     * @param recipient the person's open_id or the bot's webhook token
     */
    record Message(String messageId, Instant receivedAt, String channel, String recipient, String recipientName,
            String msgType, String title, String text, String content) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();

    synchronized void add(Message message) {
        messages.addFirst(message);
        while (messages.size() > KEEP) {
            messages.removeLast();
        }
    }

    /** Newest first; {@code recipient} null for all. */
    synchronized List<Message> list(String recipient) {
        return messages.stream().filter(m -> recipient == null || recipient.isBlank()
                || m.recipient().equals(recipient)).toList();
    }

    synchronized long count(String recipient) {
        return messages.stream().filter(m -> m.recipient().equals(recipient)).count();
    }
}
