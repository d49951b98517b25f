package org.opencrm.core.ticket;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The ticket status machine and the checks of what agents type (issue 17): pure, no I/O.
 *
 * <pre>
 * NEW → ASSIGNED → PENDING_CUSTOMER ⇄ ASSIGNED → RESOLVED → CLOSED
 *                                    RESOLVED / CLOSED → REOPENED → ASSIGNED …
 * </pre>
 *
 * A PENDING_CUSTOMER ticket may also be resolved directly (the customer's reply solved it).
 */
public final class TicketRules {

    public static final int MAX_WORDS = 4000;
    public static final int MAX_ACTION = 2000;
    public static final int MAX_RESOLUTION = 2000;
    public static final TicketPriority DEFAULT_PRIORITY = TicketPriority.P3;

    private static final Map<TicketStatus, Set<TicketStatus>> NEXT =
            new EnumMap<>(TicketStatus.class);

    static {
        NEXT.put(TicketStatus.NEW, EnumSet.of(TicketStatus.ASSIGNED));
        NEXT.put(
                TicketStatus.ASSIGNED,
                EnumSet.of(TicketStatus.PENDING_CUSTOMER, TicketStatus.RESOLVED));
        NEXT.put(
                TicketStatus.PENDING_CUSTOMER,
                EnumSet.of(TicketStatus.ASSIGNED, TicketStatus.RESOLVED));
        NEXT.put(TicketStatus.RESOLVED, EnumSet.of(TicketStatus.CLOSED, TicketStatus.REOPENED));
        NEXT.put(TicketStatus.CLOSED, EnumSet.of(TicketStatus.REOPENED));
        NEXT.put(TicketStatus.REOPENED, EnumSet.of(TicketStatus.ASSIGNED));
    }

    private TicketRules() {}

    public static boolean allows(TicketStatus from, TicketStatus to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** BAD_USER_INPUT (field status, rule transition) naming the statuses it must be in. */
    public static void requireTransition(TicketStatus from, TicketStatus to) {
        if (allows(from, to)) {
            return;
        }
        String needed =
                NEXT.entrySet().stream()
                        .filter(entry -> entry.getValue().contains(to))
                        .map(entry -> entry.getKey().name())
                        .sorted()
                        .collect(Collectors.joining(" or "));
        throw new ValidationException(
                new FieldProblem(
                        "status",
                        "transition",
                        "a " + from + " ticket cannot become " + to + "; it must be " + needed,
                        needed));
    }

    /**
     * The status after (re)assignment: a NEW or REOPENED ticket becomes ASSIGNED; an ASSIGNED or
     * PENDING_CUSTOMER one changes hands and keeps its status; a RESOLVED or CLOSED one is refused.
     */
    public static TicketStatus afterAssignment(TicketStatus from) {
        return switch (from) {
            case NEW, REOPENED -> TicketStatus.ASSIGNED;
            case ASSIGNED, PENDING_CUSTOMER -> from;
            case RESOLVED, CLOSED ->
                    throw new ValidationException(
                            new FieldProblem(
                                    "status",
                                    "transition",
                                    "a " + from + " ticket cannot be assigned; reopen it first",
                                    "NEW, ASSIGNED, PENDING_CUSTOMER or REOPENED"));
        };
    }

    /** Required text, stripped, at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new ValidationException(FieldProblem.of(field, "required", "is required"));
        }
        if (stripped.length() > max) {
            throw new ValidationException(FieldProblem.tooLong(field, max, stripped.length()));
        }
        return stripped;
    }

    /** The category as given, each level stripped; three levels are checked by the taxonomy. */
    public static List<String> category(List<String> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new ValidationException(
                    FieldProblem.of("category", "required", "is required: three levels"));
        }
        return levels.stream().map(level -> level == null ? "" : level.strip()).toList();
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(FieldProblem.of(field, "required", "is required"));
        }
        return value;
    }
}
