package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/**
 * The request clashes with the current state, such as a duplicate name or an edit after deployment (409). The message
 * is a code of the catalogue with its arguments.
 */
public class ConflictException extends ApiException {

    public ConflictException(String code, Object... args) {
        super(HttpStatus.CONFLICT, "conflict", code, args);
    }
}
