package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/** The person is logged in but their role may not do this particular thing (403). */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(HttpStatus.FORBIDDEN, "forbidden", message);
    }
}
