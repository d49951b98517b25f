package org.opencrm.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** The bounds of an activity's fields, checked before any read or write. Pure: no I/O. */
public final class ActivityRules {

    public static final int MAX_BODY = 4_000;
    public static final int MAX_OUTCOME = 200;
    public static final int MAX_DURATION_SECONDS = 12 * 3600;

    /** Phones' clocks run a little ahead; more than this in the future is a mistake. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    /** A follow-up reminder at most this far ahead. */
    public static final Duration MAX_FOLLOW_UP_AHEAD = Duration.ofDays(366);

    private ActivityRules() {}

    /** Every problem of a new activity's input at once. */
    public static void checkNew(ActivityInput input, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        long targets =
                Stream.of(input.customerId(), input.leadId(), input.dealId())
                        .filter(id -> id != null && !id.isBlank())
                        .count();
        if (targets != 1) {
            problems.add(
                    new FieldProblem(
                            "customerId",
                            "exactlyOneTarget",
                            "name exactly one of customerId, leadId, dealId",
                            1));
        }
        if (input.kind() == null) {
            problems.add(FieldProblem.of("kind", "required", "is required"));
        }
        body(problems, "body", input.body());
        outcome(problems, "outcome", input.outcome());
        if (input.occurredAt() != null && input.occurredAt().isAfter(now.plus(FUTURE_SKEW))) {
            problems.add(
                    new FieldProblem(
                            "occurredAt",
                            "notInFuture",
                            "may be at most " + FUTURE_SKEW.toMinutes() + " minutes ahead",
                            now.plus(FUTURE_SKEW).toString()));
        }
        Integer duration = input.durationSeconds();
        if (duration != null && (duration < 0 || duration > MAX_DURATION_SECONDS)) {
            problems.add(
                    new FieldProblem(
                            "durationSeconds",
                            "range",
                            "must be between 0 and " + MAX_DURATION_SECONDS,
                            duration < 0 ? 0 : MAX_DURATION_SECONDS));
        }
        followUp(problems, "nextFollowUpAt", input.nextFollowUpAt(), now);
        throwIfAny(problems);
    }

    public static void checkPatch(ActivityPatch patch, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        body(problems, "body", patch.body());
        outcome(problems, "outcome", patch.outcome());
        followUp(problems, "nextFollowUpAt", patch.nextFollowUpAt(), now);
        throwIfAny(problems);
    }

    private static void body(List<FieldProblem> problems, String field, String body) {
        if (body != null && body.length() > MAX_BODY) {
            problems.add(FieldProblem.tooLong(field, MAX_BODY, body.length()));
        }
    }

    private static void outcome(List<FieldProblem> problems, String field, String outcome) {
        if (outcome != null && outcome.length() > MAX_OUTCOME) {
            problems.add(FieldProblem.tooLong(field, MAX_OUTCOME, outcome.length()));
        }
    }

    private static void followUp(
            List<FieldProblem> problems, String field, Instant followUp, Instant now) {
        if (followUp == null) {
            return;
        }
        if (!followUp.isAfter(now)) {
            problems.add(
                    new FieldProblem(field, "inFuture", "must be in the future", now.toString()));
        } else if (followUp.isAfter(now.plus(MAX_FOLLOW_UP_AHEAD))) {
            problems.add(
                    new FieldProblem(
                            field,
                            "max",
                            "may be at most " + MAX_FOLLOW_UP_AHEAD.toDays() + " days ahead",
                            now.plus(MAX_FOLLOW_UP_AHEAD).toString()));
        }
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
