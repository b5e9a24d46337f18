package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/** The person is logged in but their role may not do this particular thing (403); a code of the catalogue. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String code, Object... args) {
        super(HttpStatus.FORBIDDEN, "forbidden", code, args);
    }
}
