package io.inetpublish.common.messaging;

/**
 * Thrown by an {@link EventHandler} for an event that can never be applied as it is (it names something that does
 * not exist, it contradicts the consumer's state): the event goes to the dead-letter queue without further retries,
 * where an operator can inspect it and send it back once the cause is fixed.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }

    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
