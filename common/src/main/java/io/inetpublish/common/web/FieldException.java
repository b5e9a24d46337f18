package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/**
 * One field of the request is wrong in a way Bean Validation cannot see (an unknown component, a bad version
 * range). Answered as 400 with the same {@code errors} list that validation failures carry.
 */
public class FieldException extends ApiException {

    private final String field;

    public FieldException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "validation", message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
