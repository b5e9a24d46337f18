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
     * @param updatedAt when the app last replaced the card (a callback's answer or {@code PATCH}); null: never
     */
    record Message(String messageId, Instant receivedAt, String channel, String recipient, String recipientName,
            String msgType, String title, String text, String content, Instant updatedAt) {

        Message(String messageId, Instant receivedAt, String channel, String recipient, String recipientName,
                String msgType, String title, String text, String content) {
            this(messageId, receivedAt, channel, recipient, recipientName, msgType, title, text, content, null);
        }
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

    synchronized java.util.Optional<Message> find(String messageId) {
        return messages.stream().filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    /**
     * Feishu shows the card the app answered a click with, or updated the message to, in place of the old one (same
     * message id).
     */
    synchronized void update(String messageId, String title, String text, String content) {
        Deque<Message> updated = new ArrayDeque<>();
        Instant now = Instant.now();
        for (Message m : messages) {
            updated.addLast(m.messageId().equals(messageId) ? new Message(m.messageId(), m.receivedAt(), m.channel(),
                    m.recipient(), m.recipientName(), m.msgType(), title, text, content, now) : m);
        }
        messages.clear();
        messages.addAll(updated);
    }

    private final java.util.Map<String, String> toasts = new java.util.concurrent.ConcurrentHashMap<>();

    /** The toast the last click on this message showed ({@code type: text}). */
    void toast(String messageId, String toast) {
        toasts.put(messageId, toast);
    }

    String toast(String messageId) {
        return toasts.get(messageId);
    }

    synchronized long count(String recipient) {
        return messages.stream().filter(m -> m.recipient().equals(recipient)).count();
    }
}
