package org.opencrm.core.deal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.money.Fen;

/**
 * The rules a deal's fields and a snooze must meet, pure: every broken rule is reported at once,
 * each with its field, rule and limit.
 */
public final class DealRules {

    public static final int MAX_TITLE = 200;
    public static final int MAX_NEXT_STEP = 500;
    public static final int MAX_NOTE = 500;
    public static final int MAX_MARGIN_PERCENT = 100;
    public static final int MAX_SNOOZE_DAYS = 90;

    /** The earliest expected close date taken: anything older is a typo, not a plan. */
    public static final LocalDate EARLIEST_CLOSE_DATE = LocalDate.of(2000, 1, 1);

    /** How far ahead a close date may lie. */
    public static final int MAX_CLOSE_YEARS_AHEAD = 10;

    private DealRules() {}

    /** The checked, stripped fields of a new deal; title and customer are required. */
    public static DealInput forCreate(DealInput input, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.customerId() == null || input.customerId().isBlank()) {
            problems.add(FieldProblem.of("customerId", "required", "is required"));
        }
        if (input.title() == null || input.title().isBlank()) {
            problems.add(FieldProblem.of("title", "required", "is required"));
        }
        problems.addAll(fieldProblems(input, today));
        throwIfAny(problems);
        return stripped(input);
    }

    /** The checked, stripped fields of a patch; a given title may not be blank. */
    public static DealInput forUpdate(DealInput patch, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (patch.customerId() != null) {
            problems.add(
                    FieldProblem.of("customerId", "immutable", "a deal stays with its customer"));
        }
        if (patch.title() != null && patch.title().isBlank()) {
            problems.add(FieldProblem.of("title", "required", "may not be blank"));
        }
        problems.addAll(fieldProblems(patch, today));
        throwIfAny(problems);
        return stripped(patch);
    }

    /** A move's note, stripped; null when none. */
    public static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String stripped = note.strip();
        if (stripped.length() > MAX_NOTE) {
            throw new ValidationException(
                    FieldProblem.tooLong("note", MAX_NOTE, stripped.length()));
        }
        return stripped;
    }

    /**
     * A snooze: until a time in the future, at most {@link #MAX_SNOOZE_DAYS} ahead, with a
     * reason.
     *
     * @return the stripped reason
     */
    public static String snooze(Instant until, String reason, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant latest = now.plus(Duration.ofDays(MAX_SNOOZE_DAYS));
        if (until == null) {
            problems.add(FieldProblem.of("until", "required", "is required"));
        } else if (!until.isAfter(now)) {
            problems.add(
                    new FieldProblem(
                            "until",
                            "future",
                            "must lie in the future, got " + until,
                            now.toString()));
        } else if (until.isAfter(latest)) {
            problems.add(
                    new FieldProblem(
                            "until",
                            "maxDaysAhead",
                            "at most " + MAX_SNOOZE_DAYS + " days ahead, got " + until,
                            MAX_SNOOZE_DAYS));
        }
        String stripped = reason == null ? "" : reason.strip();
        if (stripped.isEmpty()) {
            problems.add(FieldProblem.of("reason", "required", "is required"));
        } else if (stripped.length() > MAX_NOTE) {
            problems.add(FieldProblem.tooLong("reason", MAX_NOTE, stripped.length()));
        }
        throwIfAny(problems);
        return stripped;
    }

    private static List<FieldProblem> fieldProblems(DealInput input, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.title() != null && input.title().strip().length() > MAX_TITLE) {
            problems.add(FieldProblem.tooLong("title", MAX_TITLE, input.title().strip().length()));
        }
        if (input.nextStep() != null && input.nextStep().strip().length() > MAX_NEXT_STEP) {
            problems.add(
                    FieldProblem.tooLong(
                            "nextStep", MAX_NEXT_STEP, input.nextStep().strip().length()));
        }
        if (input.amount() != null && input.amount() < 0) {
            problems.add(
                    new FieldProblem(
                            "amount",
                            "min",
                            "may not be negative, got " + Fen.format(input.amount()),
                            "0.00"));
        }
        if (input.amount() != null && input.amount() > Fen.MAX_FEN) {
            problems.add(
                    new FieldProblem("amount", "max", "at most " + Fen.MAX_TEXT, Fen.MAX_TEXT));
        }
        Integer margin = input.grossMarginPercent();
        if (margin != null && (margin < 0 || margin > MAX_MARGIN_PERCENT)) {
            problems.add(
                    new FieldProblem(
                            "grossMarginPercent",
                            "range",
                            "a whole percent from 0 to " + MAX_MARGIN_PERCENT + ", got " + margin,
                            List.of(0, MAX_MARGIN_PERCENT)));
        }
        closeDateProblem(input.expectedCloseDate(), today).ifPresent(problems::add);
        return problems;
    }

    private static java.util.Optional<FieldProblem> closeDateProblem(
            LocalDate date, LocalDate today) {
        if (date == null) {
            return java.util.Optional.empty();
        }
        LocalDate latest = today.plusYears(MAX_CLOSE_YEARS_AHEAD);
        if (date.isBefore(EARLIEST_CLOSE_DATE) || date.isAfter(latest)) {
            return java.util.Optional.of(
                    new FieldProblem(
                            "expectedCloseDate",
                            "range",
                            "between " + EARLIEST_CLOSE_DATE + " and " + latest + ", got " + date,
                            List.of(EARLIEST_CLOSE_DATE.toString(), latest.toString())));
        }
        return java.util.Optional.empty();
    }

    private static DealInput stripped(DealInput input) {
        return DealInput.builder()
                .customerId(input.customerId() == null ? null : input.customerId().strip())
                .title(input.title() == null ? null : input.title().strip())
                .amount(input.amount())
                .expectedCloseDate(input.expectedCloseDate())
                .grossMarginPercent(input.grossMarginPercent())
                .nextStep(input.nextStep() == null ? null : input.nextStep().strip())
                .build();
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
