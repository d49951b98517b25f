package org.opencrm.core.audit;

/** One field's value before and after a change, rendered as text (JSON for lists and maps). */
public record FieldChange(String field, String before, String after) {
}
