package org.opencrm.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** One or more bad input fields; the API reports one error per field. */
public final class ValidationException extends CrmException {

    private final List<FieldProblem> problems;

    public ValidationException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::describe).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ValidationException(FieldProblem problem) {
        this(List.of(problem));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.BAD_USER_INPUT;
    }
}
