package org.opencrm.core.lead;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The lead's lifecycle as data: each action names the statuses it may start from and the status it
 * leaves the lead in. The one table answers both "may I?" ({@link #allows}) and "why not?" ({@link
 * #refusal}), so the rule and its explanation cannot drift apart.
 *
 * <p>CONVERTED and DISQUALIFIED close a lead: it leaves the SLA ladder and the pool, and its
 * owner's open-lead count is released. Every other status is open.
 */
public final class LeadLifecycle {

    /** The statuses that end a lead's working life. */
    public static final Set<LeadStatus> CLOSED =
            Set.copyOf(EnumSet.of(LeadStatus.CONVERTED, LeadStatus.DISQUALIFIED));

    /** The statuses of a lead still being worked (or waiting to be). */
    public static final Set<LeadStatus> OPEN =
            Set.copyOf(EnumSet.complementOf(EnumSet.copyOf(CLOSED)));

    /** What can happen to a lead; the GraphQL operation or system step that does it in brackets. */
    public enum Action {
        /** The reactor gives a NEW lead to a rep (automatic assignment). */
        ASSIGN,
        /** The reactor finds nobody eligible: the lead waits in its region's pool. */
        POOL,
        /** A lead of the region closed, so a rep has room: the reactor gives a pooled lead. */
        ASSIGN_FROM_POOL,
        /** {@code assignLead}: a team lead or admin gives an open lead to a rep. */
        ASSIGN_BY_HAND,
        /** {@code markLeadViewed}: the owner opened it. */
        VIEW,
        /** {@code logLeadContact}: a call, visit or WeChat conversation. */
        CONTACT,
        /**
         * The owner was suspended or left: the successor, or another rep the engine picks, takes
         * the open lead over.
         */
        HAND_OVER,
        /**
         * The owner was suspended or left and nobody eligible has room: the lead waits in its
         * region's pool with the reason.
         */
        RETURN_TO_POOL,
        /** SLA view step missed: the lead goes back to NEW for someone else. */
        SLA_REASSIGN,
        /** SLA contact step missed: transferred to the team lead. */
        SLA_ESCALATE,
        /** SLA action step missed: the wake-up SMS went out. */
        SLA_WAKE,
        /** {@code convertLead}: it became (or joined) a customer. */
        CONVERT,
        /** {@code disqualifyLead}: not worth working, with a reason. */
        DISQUALIFY
    }

    private static final Map<Action, Map<LeadStatus, LeadStatus>> RULES = rules();

    private LeadLifecycle() {}

    /**
     * The table: action, then from-status to to-status. A status missing from an action's row may
     * not start it.
     */
    private static Map<Action, Map<LeadStatus, LeadStatus>> rules() {
        Map<Action, Map<LeadStatus, LeadStatus>> rules = new EnumMap<>(Action.class);
        rules.put(Action.ASSIGN, Map.of(LeadStatus.NEW, LeadStatus.ASSIGNED));
        rules.put(Action.POOL, Map.of(LeadStatus.NEW, LeadStatus.UNASSIGNED));
        rules.put(Action.ASSIGN_FROM_POOL, Map.of(LeadStatus.UNASSIGNED, LeadStatus.ASSIGNED));
        rules.put(Action.ASSIGN_BY_HAND, everyOpenTo(LeadStatus.ASSIGNED));
        rules.put(Action.HAND_OVER, everyOpenTo(LeadStatus.ASSIGNED));
        rules.put(Action.RETURN_TO_POOL, everyOpenTo(LeadStatus.UNASSIGNED));
        rules.put(Action.VIEW, everyOpenKept());
        // the first contact moves an assigned or woken lead on; other open leads keep theirs
        Map<LeadStatus, LeadStatus> contact = new EnumMap<>(everyOpenKept());
        contact.put(LeadStatus.ASSIGNED, LeadStatus.CONTACTED);
        contact.put(LeadStatus.WOKEN, LeadStatus.CONTACTED);
        rules.put(Action.CONTACT, contact);
        rules.put(Action.SLA_REASSIGN, everyOpenTo(LeadStatus.NEW));
        rules.put(Action.SLA_ESCALATE, everyOpenTo(LeadStatus.ASSIGNED));
        rules.put(Action.SLA_WAKE, everyOpenTo(LeadStatus.WOKEN));
        rules.put(Action.CONVERT, everyOpenTo(LeadStatus.CONVERTED));
        rules.put(Action.DISQUALIFY, everyOpenTo(LeadStatus.DISQUALIFIED));
        Map<Action, Map<LeadStatus, LeadStatus>> frozen = new EnumMap<>(Action.class);
        rules.forEach((action, row) -> frozen.put(action, new EnumMap<>(row)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static Map<LeadStatus, LeadStatus> everyOpenTo(LeadStatus to) {
        Map<LeadStatus, LeadStatus> row = new EnumMap<>(LeadStatus.class);
        OPEN.forEach(status -> row.put(status, to));
        return row;
    }

    private static Map<LeadStatus, LeadStatus> everyOpenKept() {
        Map<LeadStatus, LeadStatus> row = new EnumMap<>(LeadStatus.class);
        OPEN.forEach(status -> row.put(status, status));
        return row;
    }

    public static boolean isOpen(LeadStatus status) {
        return OPEN.contains(status);
    }

    /** May the action start from this status? */
    public static boolean allows(LeadStatus status, Action action) {
        return RULES.get(action).containsKey(status);
    }

    /** The status the lead is in after the action; throws when the action may not start here. */
    public static LeadStatus after(LeadStatus current, Action action) {
        LeadStatus to = RULES.get(action).get(current);
        if (to == null) {
            throw new IllegalStateException(action + " may not start from " + current);
        }
        return to;
    }

    /** The statuses the action may start from, in lifecycle order. */
    public static Set<LeadStatus> from(Action action) {
        return java.util.Collections.unmodifiableSet(RULES.get(action).keySet());
    }

    /** Why the action may not start from this status; empty when it may. */
    public static Optional<FieldProblem> refusal(LeadStatus status, Action action) {
        if (allows(status, action)) {
            return Optional.empty();
        }
        String allowed = from(action).stream().map(Enum::name).collect(Collectors.joining(", "));
        return Optional.of(
                new FieldProblem(
                        "id",
                        "leadStatus",
                        action.name().toLowerCase(java.util.Locale.ROOT)
                                + " is allowed from "
                                + allowed
                                + "; the lead is "
                                + status,
                        allowed));
    }

    /** The status after the action, or BAD_USER_INPUT saying which statuses allow it. */
    public static LeadStatus require(LeadStatus status, Action action) {
        Optional<FieldProblem> refused = refusal(status, action);
        if (refused.isPresent()) {
            throw new ValidationException(refused.get());
        }
        return after(status, action);
    }
}
