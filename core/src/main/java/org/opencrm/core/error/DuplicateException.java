package org.opencrm.core.error;

import java.util.Map;

/** A uniqueness claim (phone, email) already belongs to another record. */
public final class DuplicateException extends CrmException {

    private final String field;
    private final String existingId;

    public DuplicateException(String field, String existingId) {
        super(
                field
                        + ": already belongs to "
                        + (existingId == null ? "another customer" : "customer " + existingId));
        this.field = field;
        this.existingId = existingId;
    }

    /**
     * The same refusal without naming the holder, for a caller who may not see it (no existence
     * leak).
     */
    public DuplicateException withoutHolder() {
        return new DuplicateException(field, null);
    }

    public String field() {
        return field;
    }

    public String existingId() {
        return existingId;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.DUPLICATE;
    }

    @Override
    public Map<String, Object> details() {
        return existingId == null
                ? Map.of("field", field)
                : Map.of("field", field, "existingId", existingId);
    }
}
