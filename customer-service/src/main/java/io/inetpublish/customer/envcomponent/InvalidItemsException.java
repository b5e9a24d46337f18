package io.inetpublish.customer.envcomponent;

import java.util.List;

import io.inetpublish.common.web.ProblemDetailsHandler.FieldProblem;

/** Some items of a list or lines of an import are wrong; nothing of the request was applied. */
public class InvalidItemsException extends RuntimeException {

    private final transient List<FieldProblem> errors;

    public InvalidItemsException(List<FieldProblem> errors) {
        super(errors.size() + " invalid item(s); nothing was applied");
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
