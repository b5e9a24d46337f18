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

    private FieldException(HttpStatus status, String problemType, String field, String message) {
        super(status, problemType, message);
        this.field = field;
    }

    /**
     * The field names something whose state forbids the request (a withdrawn release, an outdated package): 409 with
     * the same {@code errors} list, so the client can show the message next to that field.
     */
    public static FieldException conflict(String field, String message) {
        return new FieldException(HttpStatus.CONFLICT, "conflict", field, message);
    }

    public String field() {
        return field;
    }
}
