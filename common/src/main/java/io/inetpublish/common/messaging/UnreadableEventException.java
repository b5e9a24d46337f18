package io.inetpublish.common.messaging;

/** A message that is not an event envelope this consumer can read; it is dead-lettered at once. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
