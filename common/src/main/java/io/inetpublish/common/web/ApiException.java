package io.inetpublish.common.web;

import java.util.Arrays;

import org.springframework.http.HttpStatus;

/**
 * An error the client can act on. It carries a message code of the catalogue and its arguments
 * ({@link io.inetpublish.common.i18n.Messages}); {@link ProblemDetailsHandler} writes the text in the request's
 * language as the problem's {@code detail}, so it must never carry internals. A code the catalogue does not know is
 * shown as it is. Subclasses pick the status and a stable problem type.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;
    private final transient Object[] args;

    protected ApiException(HttpStatus status, String problemType, String code, Object... args) {
        super(code);
        this.status = status;
        this.problemType = problemType;
        this.args = args == null ? new Object[0] : args.clone();
    }

    protected ApiException(HttpStatus status, String problemType, Throwable cause, String code, Object... args) {
        super(code, cause);
        this.status = status;
        this.problemType = problemType;
        this.args = args == null ? new Object[0] : args.clone();
    }

    public HttpStatus status() {
        return status;
    }

    /** Last segment of the problem type URI, e.g. {@code not-found}. */
    public String problemType() {
        return problemType;
    }

    /** The message code (or, for a text not in the catalogue, the text itself). */
    public String code() {
        return getMessage();
    }

    public Object[] args() {
        return args.clone();
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage() + (args.length == 0 ? "" : " " + Arrays.toString(args));
    }
}
