package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/** The request clashes with the current state, such as a duplicate name or an edit after deployment (409). */
public class ConflictException extends ApiException {

    public ConflictException(String message) {
        super(HttpStatus.CONFLICT, "conflict", message);
    }
}
