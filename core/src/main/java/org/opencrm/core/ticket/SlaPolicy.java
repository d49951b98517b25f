package org.opencrm.core.ticket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * Service-ticket SLAs (issue 17, R-25): run-time configuration {@code slaPolicy}, versioned.
 *
 * @param targets per priority (P1..P4), the first-response and resolution targets in business
 *     minutes (the workingCalendar's hours; PENDING_CUSTOMER pauses both clocks)
 * @param escalateAfterHours a ticket not closed this long after opening escalates to its team's
 *     service supervisor, once
 * @param escalationBasis CALENDAR (every hour counts, R-25's default) or BUSINESS hours
 * @param satisfactionDelayHours the satisfaction SMS goes this many hours after each resolution
 */
public record SlaPolicy(
        Map<String, Targets> targets,
        int escalateAfterHours,
        EscalationBasis escalationBasis,
        int satisfactionDelayHours) {

    public static final String NAME = "slaPolicy";
    static final int MAX_TARGET_MINUTES = 60 * 24 * 30;

    public static final ConfigDefinition<SlaPolicy> DEFINITION =
            new ConfigDefinition<>(NAME, SlaPolicy.class, defaults(), SlaPolicy::problems);

    public SlaPolicy {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /** One priority's targets, in business minutes. */
    public record Targets(int firstResponseMinutes, int resolutionMinutes) {

        public Duration firstResponse() {
            return Duration.ofMinutes(firstResponseMinutes);
        }

        public Duration resolution() {
            return Duration.ofMinutes(resolutionMinutes);
        }
    }

    public Targets targetsOf(TicketPriority priority) {
        return targets.get(priority.name());
    }

    public Duration escalateAfter() {
        return Duration.ofHours(escalateAfterHours);
    }

    public Duration satisfactionDelay() {
        return Duration.ofHours(satisfactionDelayHours);
    }

    /**
     * P1 answered in 30 business minutes and resolved in 4 business hours; P2 1 h / 8 h (one
     * business day is 7.5 h); P3 2 h / 24 h; P4 4 h / 40 h. Escalation after 24 calendar hours, the
     * survey 48 h after resolution.
     */
    static SlaPolicy defaults() {
        Map<String, Targets> targets = new LinkedHashMap<>();
        targets.put("P1", new Targets(30, 4 * 60));
        targets.put("P2", new Targets(60, 8 * 60));
        targets.put("P3", new Targets(2 * 60, 24 * 60));
        targets.put("P4", new Targets(4 * 60, 40 * 60));
        return new SlaPolicy(targets, 24, EscalationBasis.CALENDAR, 48);
    }

    static List<FieldProblem> problems(SlaPolicy policy) {
        List<FieldProblem> problems = new ArrayList<>();
        for (TicketPriority priority : TicketPriority.values()) {
            Targets targets = policy.targets().get(priority.name());
            String at = "targets." + priority.name();
            if (targets == null) {
                problems.add(
                        FieldProblem.of(
                                ConfigDefinition.FIELD + "." + at,
                                "required",
                                "every priority needs its targets"));
                continue;
            }
            ConfigDefinition.outOfRange(
                            at + ".firstResponseMinutes",
                            targets.firstResponseMinutes(),
                            1,
                            MAX_TARGET_MINUTES)
                    .ifPresent(problems::add);
            ConfigDefinition.outOfRange(
                            at + ".resolutionMinutes",
                            targets.resolutionMinutes(),
                            1,
                            MAX_TARGET_MINUTES)
                    .ifPresent(problems::add);
        }
        policy.targets().keySet().stream()
                .filter(key -> !List.of("P1", "P2", "P3", "P4").contains(key))
                .forEach(
                        key ->
                                problems.add(
                                        new FieldProblem(
                                                "value.targets." + key,
                                                "oneOf",
                                                "priorities are P1, P2, P3 and P4",
                                                "P1, P2, P3, P4")));
        ConfigDefinition.outOfRange("escalateAfterHours", policy.escalateAfterHours(), 1, 24 * 30)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange(
                        "satisfactionDelayHours", policy.satisfactionDelayHours(), 1, 24 * 30)
                .ifPresent(problems::add);
        if (policy.escalationBasis() == null) {
            problems.add(
                    FieldProblem.of("value.escalationBasis", "required", "CALENDAR or BUSINESS"));
        }
        return problems;
    }
}
