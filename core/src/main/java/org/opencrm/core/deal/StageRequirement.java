package org.opencrm.core.deal;

import java.util.List;

/**
 * One condition a deal must meet to enter a stage, as data: a field present, a number at least or
 * at most a limit, or an attachment of a kind. The same definition answers "may I?" and "why not?"
 * ({@link StageMachine}).
 *
 * @param rule {@link #PRESENT}, {@link #AT_LEAST}, {@link #AT_MOST} or {@link #ATTACHMENT}
 * @param field the deal field the rule reads; for an attachment, {@code attachments}
 * @param limit the bound of a numeric rule, else null
 * @param attachmentKind the attachment kind an {@link #ATTACHMENT} rule needs, else null
 */
public record StageRequirement(String rule, String field, Long limit, String attachmentKind) {

    public static final String PRESENT = "present";
    public static final String AT_LEAST = "atLeast";
    public static final String AT_MOST = "atMost";
    public static final String ATTACHMENT = "attachment";
    public static final String ATTACHMENTS_FIELD = "attachments";
    static final List<String> RULES = List.of(PRESENT, AT_LEAST, AT_MOST, ATTACHMENT);

    public static StageRequirement present(String field) {
        return new StageRequirement(PRESENT, field, null, null);
    }

    public static StageRequirement atLeast(String field, long limit) {
        return new StageRequirement(AT_LEAST, field, limit, null);
    }

    public static StageRequirement atMost(String field, long limit) {
        return new StageRequirement(AT_MOST, field, limit, null);
    }

    public static StageRequirement attachment(String kind) {
        return new StageRequirement(ATTACHMENT, ATTACHMENTS_FIELD, null, kind);
    }

    /** How people read the requirement, e.g. {@code grossMarginPercent >= 35}. */
    public String describe() {
        return switch (rule) {
            case PRESENT -> field + " present";
            case AT_LEAST -> field + " >= " + limit;
            case AT_MOST -> field + " <= " + limit;
            case ATTACHMENT -> "a " + attachmentKind + " attachment";
            default -> rule + " " + field;
        };
    }

    /** The limit as the API shows it: the number, or the attachment kind. */
    public Object shownLimit() {
        return ATTACHMENT.equals(rule) ? attachmentKind : limit;
    }
}
