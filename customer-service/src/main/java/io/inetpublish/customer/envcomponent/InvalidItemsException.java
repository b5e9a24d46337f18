package io.inetpublish.customer.envcomponent;

import java.util.List;


/**
 * Some items of a list or lines of an import are wrong; nothing of the request was applied. The answer lists at most
 * the first {@value #MAX_LISTED} problems (a huge bad import must not produce a huge answer) and says how many there
 * were in all.
 */
public class InvalidItemsException extends RuntimeException {

    public static final int MAX_LISTED = 100;

    /** One wrong item or line: the field and a code of the catalogue with its arguments. */
    public record FieldProblem(String field, String code, Object... args) {
    }

    private final transient List<FieldProblem> errors;
    private final int total;

    public InvalidItemsException(List<FieldProblem> errors) {
        super(errors.size() + " items are wrong");
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_LISTED)));
        this.total = errors.size();
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
