package io.inetpublish.common.web;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * The addressed resource does not exist (404). {@code what} is the kind of thing, a code under {@code thing.} in the
 * catalogue ({@code release} reads "发布记录" / "Release record").
 */
public class NotFoundException extends ApiException {

    public NotFoundException(String what, Object id) {
        super(HttpStatus.NOT_FOUND, "not-found", "problem.not-found", 
                new DefaultMessageSourceResolvable(new String[] {"thing." + what}, null, what), String.valueOf(id));
    }
}
