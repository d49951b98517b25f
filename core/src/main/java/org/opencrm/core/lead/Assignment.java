package org.opencrm.core.lead;

import java.util.List;

/**
 * One assignment decision, kept on the lead with its explanation: each term's contribution
 * to the score, every candidate considered with their score, and why the others were excluded.
 *
 * @param ownerId null when nobody was eligible
 * @param reason why nobody was eligible (NO_REP_IN_REGION, ALL_AT_CAPACITY, NO_ACTIVE_REPS, ...),
 *     else null
 * @param by who decided: {@code system:assignment}, or the user who assigned by hand
 */
public record Assignment(
        String ownerId,
        double score,
        List<Term> explanation,
        List<Candidate> candidates,
        String reason,
        String by) {

    public Assignment {
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** One term of the score and what it contributed. */
    public record Term(String term, double contribution) {}

    /**
     * A rep considered: their score for this lead, or why they were excluded (then score is null).
     */
    public record Candidate(String userId, Double score, String excludedBecause) {}
}
