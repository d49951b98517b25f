package org.opencrm.core.access;

import java.util.List;
import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** A write named fields the caller's role may not write; nothing was written. */
public final class ForbiddenFieldException extends CrmException {

    private final String type;
    private final List<String> fields;

    public ForbiddenFieldException(String type, Role role, List<String> fields) {
        super(
                role
                        + " may not write "
                        + type
                        + "."
                        + String.join(", " + type + ".", fields)
                        + "; nothing was changed");
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
        return fields;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.FORBIDDEN_FIELD;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("type", type, "fields", fields);
    }
}
