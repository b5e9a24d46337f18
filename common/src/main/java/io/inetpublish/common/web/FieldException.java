package io.inetpublish.common.web;

import org.springframework.http.HttpStatus;

/**
 * One field of the request is wrong in a way Bean Validation cannot see (an unknown component, a bad version
 * range). Answered as 400 with the same {@code errors} list that validation failures carry; the message is a code of
 * the catalogue with its arguments, written in the request's language.
 */
public class FieldException extends ApiException {

    private final String field;

    public FieldException(String field, String code, Object... args) {
        super(HttpStatus.BAD_REQUEST, "validation", code, args);
        this.field = field;
    }

    private FieldException(HttpStatus status, String problemType, String field, String code, Object... args) {
        super(status, problemType, code, args);
        this.field = field;
    }

    /**
     * The field names something whose state forbids the request (a withdrawn release, an outdated package): 409 with
     * the same {@code errors} list, so the client can show the message next to that field.
     */
    public static FieldException conflict(String field, String code, Object... args) {
        return new FieldException(HttpStatus.CONFLICT, "conflict", field, code, args);
    }

    public String field() {
        return field;
    }
}
