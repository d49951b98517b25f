package org.opencrm.core.audit;

/**
 * One field's value before and after a change, rendered as text (JSON for lists and maps). {@code
 * redacted} when the reader's role may not read the field: the values are then withheld, the
 * fact that it changed is not.
 */
public record FieldChange(String field, String before, String after, boolean redacted) {

    public FieldChange(String field, String before, String after) {
        this(field, before, after, false);
    }

    public FieldChange redact() {
        return new FieldChange(field, null, null, true);
    }
}
