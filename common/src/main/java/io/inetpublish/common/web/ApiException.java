package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/**
 * An error the client can act on. Its message is shown to the user as the problem's {@code detail}, so it must never
 * carry internals. Subclasses pick the status and a stable problem type.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;

    protected ApiException(HttpStatus status, String problemType, String message) {
        super(message);
        this.status = status;
        this.problemType = problemType;
    }

    protected ApiException(HttpStatus status, String problemType, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problemType = problemType;
    }

    public HttpStatus status() {
        return status;
    }

    /** Last segment of the problem type URI, e.g. {@code not-found}. */
    public String problemType() {
        return problemType;
    }
}
