package org.opencrm.core.deal;

/**
 * One condition of a move, met or not: the answer to both "may I?" and "why not?".
 *
 * @param requirement what is required, as people read it ({@code grossMarginPercent >= 35})
 * @param field the deal field (or {@code toStage}, {@code lostReasonId}, {@code attachments})
 * @param rule the rule's id ({@code atLeast}, {@code attachment}, {@code allowedTransition}...)
 * @param limit the bound, kind or allowed values, when there is one
 * @param met whether the deal meets it now
 * @param message what is missing, or that it is met
 */
public record RequirementCheck(
        String requirement, String field, String rule, Object limit, boolean met, String message) {}
