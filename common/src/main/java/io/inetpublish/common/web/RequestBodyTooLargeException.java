package io.inetpublish.common.web;

import java.io.IOException;

/**
 * A request body went past its limit while it was being read (a chunked body declares no length up front). Thrown by
 * the body's stream, so whoever reads it (Jackson, a CSV reader) stops at once; answered 413 by
 * {@link ProblemDetailsHandler}.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + RequestBodyLimitFilter.readable(limit));
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
