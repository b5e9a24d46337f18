package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/** The addressed resource does not exist (404). */
public class NotFoundException extends ApiException {

    public NotFoundException(String what, Object id) {
        super(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
    }
}
