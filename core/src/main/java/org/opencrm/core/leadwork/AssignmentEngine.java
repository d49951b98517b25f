package org.opencrm.core.leadwork;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.opencrm.core.lead.Assignment;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserStatus;

/**
 * R-11's weighted assignment. Pure: no I/O, no clock.
 *
 * <p>The lead's score is the sum of the configured terms (source weight, budget bonus, interaction
 * bonus), cut by the red-flag factor. A rep's score for the lead is that score minus the load they
 * already carry weighed by their decay coefficient ({@code decay × open leads}): a rep with decay
 * 0.8 feels their load less than one with 0.95. The eligible rep with the best score wins; ties go
 * to the lighter load, then the smaller id, so the same inputs always give the same answer.
 */
public final class AssignmentEngine {

    public static final String SYSTEM = "system:assignment";
    public static final int KEPT_CANDIDATES = 50;

    private AssignmentEngine() {}

    /** A rep as the engine sees them: the user and the open leads they carry now. */
    public record Rep(User user, long load) {}

    /** What the engine needs of a lead. */
    public record LeadFacts(
            String channel, LeadFields fields, double scoreFactor, Set<String> excludedOwners) {}

    public static List<Assignment.Term> terms(LeadFacts lead, AssignmentSettings settings) {
        List<Assignment.Term> terms = new ArrayList<>();
        int source =
                settings.sourceWeights().getOrDefault(lead.channel(), settings.otherSourceWeight());
        terms.add(new Assignment.Term("source:" + lead.channel(), source));
        BigDecimal budget = lead.fields().budget();
        if (budget != null && budget.compareTo(BigDecimal.valueOf(settings.budgetOver())) > 0) {
            terms.add(
                    new Assignment.Term("budget>" + settings.budgetOver(), settings.budgetBonus()));
        }
        Integer interactions = lead.fields().interactions30d();
        if (interactions != null && interactions >= settings.interactionsAtLeast()) {
            terms.add(
                    new Assignment.Term(
                            "interactions30d>=" + settings.interactionsAtLeast(),
                            settings.interactionBonus()));
        }
        if (lead.scoreFactor() < 1.0) {
            double sum = terms.stream().mapToDouble(Assignment.Term::contribution).sum();
            terms.add(
                    new Assignment.Term(
                            "red:x" + lead.scoreFactor(), -sum * (1.0 - lead.scoreFactor())));
        }
        return terms;
    }

    public static Assignment decide(LeadFacts lead, List<Rep> reps, AssignmentSettings settings) {
        List<Assignment.Term> terms = terms(lead, settings);
        double leadScore = terms.stream().mapToDouble(Assignment.Term::contribution).sum();
        List<Assignment.Candidate> candidates = new ArrayList<>();
        Rep best = null;
        double bestScore = 0;
        for (Rep rep : reps) {
            String excluded = exclusion(rep, lead);
            if (excluded != null) {
                candidates.add(new Assignment.Candidate(rep.user().id(), null, excluded));
                continue;
            }
            double score = leadScore - rep.user().decay() * rep.load();
            candidates.add(new Assignment.Candidate(rep.user().id(), score, null));
            if (best == null || better(score, rep, bestScore, best)) {
                best = rep;
                bestScore = score;
            }
        }
        if (best == null) {
            return new Assignment(
                    null,
                    leadScore,
                    terms,
                    kept(candidates),
                    reason(reps, candidates).name(),
                    SYSTEM);
        }
        List<Assignment.Term> explanation = new ArrayList<>(terms);
        explanation.add(
                new Assignment.Term(
                        "load:" + best.user().decay() + "x" + best.load(),
                        -best.user().decay() * best.load()));
        return new Assignment(
                best.user().id(), bestScore, explanation, kept(candidates), null, SYSTEM);
    }

    /**
     * The candidates kept with the decision: the best-scored first, then the excluded, at most
     * {@link #KEPT_CANDIDATES} (a region of thousands of reps must not outgrow the lead's item).
     */
    static List<Assignment.Candidate> kept(List<Assignment.Candidate> candidates) {
        return candidates.stream()
                .sorted(
                        java.util.Comparator.comparing(
                                        (Assignment.Candidate c) -> c.score() == null)
                                .thenComparing(c -> c.score() == null ? 0 : -c.score()))
                .limit(KEPT_CANDIDATES)
                .toList();
    }

    private static boolean better(double score, Rep rep, double bestScore, Rep best) {
        if (score != bestScore) {
            return score > bestScore;
        }
        if (rep.load() != best.load()) {
            return rep.load() < best.load();
        }
        return rep.user().id().compareTo(best.user().id()) < 0;
    }

    private static String exclusion(Rep rep, LeadFacts lead) {
        if (rep.user().status() != UserStatus.ACTIVE) {
            return "NOT_ACTIVE";
        }
        if (lead.excludedOwners().contains(rep.user().id())) {
            return "MISSED_SLA_ON_THIS_LEAD";
        }
        if (rep.load() >= rep.user().capacity()) {
            return "AT_CAPACITY";
        }
        return null;
    }

    /** The pool reason: the first thing that stopped every rep. */
    private static UnassignedReason reason(List<Rep> reps, List<Assignment.Candidate> candidates) {
        if (reps.isEmpty()) {
            return UnassignedReason.NO_REP_IN_REGION;
        }
        if (candidates.stream().allMatch(c -> Objects.equals(c.excludedBecause(), "NOT_ACTIVE"))) {
            return UnassignedReason.NO_ACTIVE_REPS;
        }
        if (candidates.stream().anyMatch(c -> Objects.equals(c.excludedBecause(), "AT_CAPACITY"))) {
            return UnassignedReason.ALL_AT_CAPACITY;
        }
        return UnassignedReason.ALL_EXCLUDED;
    }
}
