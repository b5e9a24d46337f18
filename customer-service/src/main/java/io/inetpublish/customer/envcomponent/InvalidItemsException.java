package io.inetpublish.customer.envcomponent;

import java.util.List;

import io.inetpublish.common.web.ProblemDetailsHandler.FieldProblem;

/**
 * Some items of a list or lines of an import are wrong; nothing of the request was applied. The answer lists at most
 * the first {@value #MAX_LISTED} problems (a huge bad import must not produce a huge answer) and says how many there
 * were in all.
 */
public class InvalidItemsException extends RuntimeException {

    public static final int MAX_LISTED = 100;

    private final transient List<FieldProblem> errors;
    private final int total;

    public InvalidItemsException(List<FieldProblem> errors) {
        super(message(errors.size()));
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_LISTED)));
        this.total = errors.size();
    }

    private static String message(int total) {
        return total <= MAX_LISTED ? total + " 项有误，什么也没有改动"
                : total + " 项有误（下面列出前 " + MAX_LISTED + " 项），什么也没有改动";
    }

    /** The first {@value #MAX_LISTED} problems. */
    public List<FieldProblem> errors() {
        return errors;
    }

    /** How many problems there were in all. */
    public int total() {
        return total;
    }
}
